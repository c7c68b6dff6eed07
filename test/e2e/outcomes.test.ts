// What a confirmed create reports when its answer is lost, late or contested: "not created" only when
// proven, someone else's route never claimed, a replay said to be one (issue 8, items 2, 3, 11).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';

const GW = 'vpn-e2eprio01';
const emulated = useEmulator(E2E_SEED);
const ours = () => emulated.get().routes(GW).filter((r) => r.routeDest === GOOD_ROUTE.routeDest);
const waitFor = async (done: () => boolean, ms = 8000) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('after a lost answer', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_MAX_ATTEMPTS: '2' }) });
  });
  afterAll(async () => session.close());

  const dryRun = async () => body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken as string;

  it('a create that commits only after the server gave up is "unknown", not "not created"; re-confirming says it was created, once', async () => {
    const token = await dryRun();
    // Every attempt reaches the API only after the client timed out (1.5 s), then commits.
    emulated.get().faults.inject('CreateVpnPbrRouteEntry', { kind: 'late-commit', ms: 2500 }, 2);
    const first = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    const b = body(first);
    expect(first.isError).toBe(true);
    expect(b.routeCreated).toBe('unknown');
    expect(b.error.code).toBe('OutcomeUnknown');
    expect(b.summary).not.toContain('No route was created.');
    expect(b.error.hint).toContain('same arguments and confirmationToken');

    await waitFor(() => ours().length > 0);
    await waitFor(() => emulated.realCreates().length >= 2);
    const again = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
    expect(again.routeCreated).toBe(true);
    expect(again.replayed).toBe(true);
    expect(again.summary).toContain('earlier confirmation of this token');
    expect(ours()).toHaveLength(1);
    expect(new Set(emulated.realCreates().map((r) => r.params.ClientToken)).size).toBe(1);
  });

  it("a route someone else created meanwhile (priority 77, unpublished) is theirs: not created, and the summary names it", async () => {
    const token = await dryRun();
    emulated.get().faults.inject('CreateVpnPbrRouteEntry', {
      kind: 'lose-request',
      insertRoute: { vpnGatewayId: GW, routeSource: GOOD_ROUTE.routeSource, routeDest: GOOD_ROUTE.routeDest, nextHop: GOOD_ROUTE.nextHop, weight: 100, priority: 77, publishVpc: false },
    });
    const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    const b = body(result);
    expect(result.isError).toBe(true);
    expect(b.routeCreated).toBe(false);
    expect(b.error.code).toBe('VpnRouteEntry.AlreadyExists');
    expect(b.existingRoute).toMatchObject({ priority: 77, state: 'normal' });
    expect(b.summary).toContain('priority 77');
    expect(b.summary).toMatch(/No route was created\.$/);
    expect(ours()).toEqual([expect.objectContaining({ priority: 77, publishVpc: false })]);
  });
});

describe('a cancelled confirmation whose create had already left', () => {
  it('is followed to its outcome and audited; confirming again reports it as a replay, with no second route', async () => {
    const audit = join(mkdtempSync(join(tmpdir(), 'pbr-outcome-')), 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: audit }) });
    try {
      const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
      emulated.get().faults.inject('CreateVpnPbrRouteEntry', { kind: 'late-commit', ms: 800 });
      const controller = new AbortController();
      const call = session.client.callTool({ name: 'createVpnPbrRoute', arguments: { ...GOOD_ROUTE, confirmationToken: token } }, { signal: controller.signal });
      await waitFor(() => emulated.realCreates().length > 0);
      controller.abort();
      await expect(call).rejects.toThrow();

      const lines = () => readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { phase: string; outcome: string });
      await waitFor(() => lines().some((l) => l.phase === 'create' && l.outcome !== 'sending'));
      expect(lines().map((l) => `${l.phase}:${l.outcome}`)).toContain('create:submitted');
      expect(ours()).toHaveLength(1);

      const again = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
      expect(again).toMatchObject({ routeCreated: true, replayed: true });
      expect(ours()).toHaveLength(1);
    } finally {
      await session.close();
    }
  });
});

describe('small honesty items', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '1' }) });
  });
  afterAll(async () => session.close());

  it('a lone surrogate in description is an offline issue, and nothing is sent', async () => {
    const route = { ...GOOD_ROUTE, description: 'to the branch \uD800 office' };
    const validated = body(await session.call('validateRoute', route));
    expect(validated.valid).toBe(false);
    expect(validated.issues).toEqual([expect.objectContaining({ code: 'InvalidParameter.Description', field: 'description' })]);
    const created = await session.call('createVpnPbrRoute', route);
    expect(body(created)).toMatchObject({ routeCreated: false, error: { code: 'ValidationFailed' } });
    expect(emulated.get().requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry')).toHaveLength(0);
  });

  it('an AccessKey ID inside an API error message is not passed on', async () => {
    const message = `The AccessKey ${E2E_SEED.credentials?.[0]?.accessKeyId} is not authorized; neither is LTAI5tQwErTy12345678.`;
    emulated.get().faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'Forbidden', httpStatus: 403, message });
    const result = await session.call('createVpnPbrRoute', GOOD_ROUTE);
    const text = JSON.stringify(result);
    expect(body(result).error.code).toBe('Forbidden');
    expect(text).toContain('is not authorized');
    expect(text).not.toContain(E2E_SEED.credentials?.[0]?.accessKeyId);
    expect(text).not.toContain('LTAI5tQwErTy12345678');
  });

  it('expiresAt has one format: the expiry message quotes it exactly', async () => {
    const dry = body(await session.call('createVpnPbrRoute', GOOD_ROUTE));
    expect(dry.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const late = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dry.confirmationToken }));
    expect(late.error.code).toBe('ConfirmationExpired');
    expect(late.error.message).toContain(dry.expiresAt);
  });
});
