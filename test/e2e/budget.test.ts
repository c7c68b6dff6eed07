// One time budget per call, and cancellation before sending (issue 8, items 1 and 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';

// Each change keeps the gateway busy for 3 s: long enough to cancel or run out of budget while waiting.
const SLOW_SEED = { ...E2E_SEED, applyMs: 3000 };
const R2 = { ...GOOD_ROUTE, routeSource: '192.168.2.0/24', routeDest: '10.0.2.0/24' };
const GW = 'vpn-e2eprio01';

const slow = useEmulator(SLOW_SEED);
const fast = useEmulator(E2E_SEED);
const sentFor = (dest: string) => slow.realCreates().filter((r) => r.params.RouteDest === dest);
const waitFor = async (done: () => boolean, ms = 8000) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
};

async function twoDryRuns(session: Session) {
  const t1 = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken as string;
  const t2 = body(await session.call('createVpnPbrRoute', R2)).confirmationToken as string;
  const first = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: t1 }));
  expect(first.routeCreated).toBe(true);
  return t2;
}

describe('cancellation', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ env: emulatorEnv(slow.get(), SLOW_SEED, { VPN_PBR_MCP_WAIT_SECONDS: '0' }) });
  });
  afterAll(async () => session.close());

  it('a confirmation cancelled while it waits for a busy gateway sends no create; the same token later creates it once', async () => {
    const t2 = await twoDryRuns(session);
    const controller = new AbortController();
    const call = session.client.callTool({ name: 'createVpnPbrRoute', arguments: { ...R2, confirmationToken: t2 } }, {
      signal: controller.signal,
      onprogress: () => controller.abort(),
    });
    await expect(call).rejects.toThrow();
    await waitFor(() => slow.get().gatewayStatus(GW) === 'active');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sentFor(R2.routeDest)).toHaveLength(0);
    expect(slow.get().routes(GW).filter((r) => r.routeDest === R2.routeDest)).toHaveLength(0);

    const later = body(await session.call('createVpnPbrRoute', { ...R2, confirmationToken: t2 }));
    expect(later.routeCreated).toBe(true);
    expect(later.replayed).toBeUndefined();
    expect(slow.get().routes(GW).filter((r) => r.routeDest === R2.routeDest)).toHaveLength(1);
  });
});

describe('the call budget', () => {
  it('a gateway that stays busy past the budget: an error before sending, retryable, with progress meanwhile', async () => {
    const session = await startSession({
      env: emulatorEnv(slow.get(), SLOW_SEED, { VPN_PBR_MCP_WAIT_SECONDS: '0', VPN_PBR_MCP_CALL_BUDGET_SECONDS: '2' }),
    });
    try {
      const t2 = await twoDryRuns(session);
      const progress: string[] = [];
      const result = await session.call('createVpnPbrRoute', { ...R2, confirmationToken: t2 }, { onprogress: (p) => progress.push(p.message ?? '') });
      const b = body(result);
      expect(result.isError).toBe(true);
      expect(b.routeCreated).toBe(false);
      expect(b.error).toMatchObject({ code: 'CallBudgetExceeded', retryable: true });
      expect(b.error.hint).toContain('same arguments and confirmationToken');
      expect(progress.length).toBeGreaterThan(0);
      expect(sentFor(R2.routeDest)).toHaveLength(0);
    } finally {
      await session.close();
    }
  });

  it('an API that never answers: the answer arrives before the client gives up, and says the outcome is unknown', async () => {
    const session = await startSession({ env: emulatorEnv(fast.get(), E2E_SEED, { VPN_PBR_MCP_CALL_BUDGET_SECONDS: '3' }) });
    try {
      const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
      fast.get().faults.inject('CreateVpnPbrRouteEntry', { kind: 'hang', ms: 60_000 }, 10);
      // A client that gives up well before the server would have without a budget (5 attempts of 1.5 s, backoff, a listing).
      const result = await session.client.callTool({ name: 'createVpnPbrRoute', arguments: { ...GOOD_ROUTE, confirmationToken: token } }, { timeout: 6000 });
      const b = result.structuredContent as Record<string, any>;
      expect(b.routeCreated).toBe('unknown');
      expect(b.error.hint).toContain('same arguments and confirmationToken');
    } finally {
      await session.close();
    }
  });

  it('a read-only call answers within the budget too, saying which live checks could not run', async () => {
    const session = await startSession({ env: emulatorEnv(fast.get(), E2E_SEED, { VPN_PBR_MCP_CALL_BUDGET_SECONDS: '3' }) });
    try {
      fast.get().faults.inject('DescribeVpnGateway', { kind: 'hang', ms: 60_000 }, 10);
      const result = await session.client.callTool({ name: 'validateRoute', arguments: GOOD_ROUTE }, { timeout: 6000 });
      const b = result.structuredContent as Record<string, any>;
      expect(b.checks).toContainEqual(expect.objectContaining({ name: 'gateway', status: 'error' }));
    } finally {
      await session.close();
    }
  });
});
