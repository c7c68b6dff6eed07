// Scale-out and shutdown: replicas sharing VPN_PBR_MCP_CONFIRM_SECRET behind no shared store, and
// SIGTERM while a create is in flight.
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EmulatorSeed, startEmulator } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, useEmulator } from './harness.js';
import { connectHttp, startHttpServer, stopHttpServersAfterEach } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
stopHttpServersAfterEach();

const SHARED = { VPN_PBR_MCP_CONFIRM_SECRET: 'replicas-share-this-secret-0123456789' };
const OTHER_ROUTE = { ...GOOD_ROUTE, routeSource: '192.168.2.0/24', routeDest: '10.2.0.0/24', nextHop: 'vco-e2eb2' };

async function twoReplicas(extra: Record<string, string> = {}) {
  const env = emulatorEnv(emulated.get(), E2E_SEED, { ...SHARED, ...extra });
  const [a, b] = await Promise.all([startHttpServer({ env }), startHttpServer({ env })]);
  return { a, b };
}

describe('two replicas sharing the confirmation secret', () => {
  it('confirms on replica B a dry run answered by replica A', async () => {
    const { a, b } = await twoReplicas();
    const onA = await connectHttp(a.url);
    const onB = await connectHttp(b.url);
    const dryRun = body(await onA.call('createVpnPbrRoute', GOOD_ROUTE));
    expect(dryRun.status).toBe('dry_run_passed');
    const created = body(await onB.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dryRun.confirmationToken }));
    expect(created).toMatchObject({ status: 'created', routeCreated: true });
    expect(emulated.realCreates()).toHaveLength(1);
    await Promise.all([onA.close(), onB.close()]);
  });

  it('takes the human\'s answer on replica B to a confirmation round that replica A opened (MCP 2026-07-28)', async () => {
    const { a, b } = await twoReplicas();
    const form = { elicitation: { form: {} } };
    const onA = await connectHttp(a.url, { protocol: '2026', capabilities: form });
    const onB = await connectHttp(b.url, { protocol: '2026', capabilities: form });
    const args = { ...GOOD_ROUTE, confirmationToken: body(await onA.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken };
    const round = (await onA.client.callTool({ name: 'createVpnPbrRoute', arguments: args }, { allowInputRequired: true })) as unknown as {
      resultType: string;
      requestState: string;
    };
    expect(round.resultType).toBe('input_required');
    expect(emulated.realCreates()).toHaveLength(0);
    const answered = await onB.client.callTool(
      { name: 'createVpnPbrRoute', arguments: args, inputResponses: { confirm: { action: 'accept', content: { confirm: true } } }, requestState: round.requestState } as never,
      { allowInputRequired: true },
    );
    expect(answered.structuredContent).toMatchObject({ status: 'created', routeCreated: true });
    expect(emulated.realCreates()).toHaveLength(1);
    await Promise.all([onA.close(), onB.close()]);
  });

  it('creates each route once when both replicas confirm at the same time on one gateway, one token even on both', async () => {
    const { a, b } = await twoReplicas();
    const onA = await connectHttp(a.url);
    const onB = await connectHttp(b.url);
    const first = body(await onA.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const second = body(await onB.call('createVpnPbrRoute', OTHER_ROUTE)).confirmationToken;
    expect(first).toEqual(expect.any(String));
    expect(second).toEqual(expect.any(String));

    const results = await Promise.all([
      onA.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: first }),
      onB.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: first }),
      onB.call('createVpnPbrRoute', { ...OTHER_ROUTE, confirmationToken: second }),
    ]);
    for (const result of results) expect(body(result)).toMatchObject({ routeCreated: true, status: expect.stringMatching(/^(created|submitted)$/) });
    // Refused with VpnGateway.Configuring while the other replica's change applied, then retried:
    // every attempt at one route carries one ClientToken, so the API holds each route once.
    const tokensOf = (dest: string) => new Set(emulated.realCreates().filter((r) => r.params.RouteDest === dest).map((r) => r.params.ClientToken));
    expect(tokensOf(GOOD_ROUTE.routeDest).size).toBe(1);
    expect(tokensOf(OTHER_ROUTE.routeDest).size).toBe(1);

    const listed = body(await onA.call('listVpnPbrRoutes', { vpnGatewayId: GOOD_ROUTE.vpnGatewayId })).routes as { routeDest: string }[];
    expect(listed.filter((r) => r.routeDest === GOOD_ROUTE.routeDest)).toHaveLength(1);
    expect(listed.filter((r) => r.routeDest === OTHER_ROUTE.routeDest)).toHaveLength(1);
    await Promise.all([onA.close(), onB.close()]);
  });
});

describe('SIGTERM', () => {
  it('stops accepting, lets the create in flight finish and record its outcome, then exits 0', async () => {
    // A gateway that takes a while to apply: the create is still waiting for it when SIGTERM arrives.
    const seed: EmulatorSeed = { ...E2E_SEED, applyMs: 1500 };
    const emulator = await startEmulator({ seed, port: 0 });
    try {
      const audit = join(mkdtempSync(join(tmpdir(), 'pbr-sigterm-')), 'audit.jsonl');
      const server = await startHttpServer({ env: emulatorEnv(emulator, seed, { VPN_PBR_MCP_AUDIT_LOG: audit }) });
      const client = await connectHttp(server.url);
      const token = body(await client.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
      const pending = client.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
      const sent = () => emulator.requests.some((r) => r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun !== 'true');
      while (!sent()) await new Promise((wake) => setTimeout(wake, 20));
      server.child.kill('SIGTERM');

      const result = body(await pending);
      // The answer arrives (the wait for the gateway may be cut short by the shutdown: `submitted`).
      expect(result).toMatchObject({ status: expect.stringMatching(/^(created|submitted)$/), routeCreated: true });
      expect(await server.exited).toBe(0);
      expect(server.stderr()).toMatch(/SIGTERM: no new requests; waiting for 1 in flight/);
      // The per-request servers share one registry of changes: shutdown saw this one.
      expect(server.stderr()).toMatch(/shutting down \(SIGTERM\): waiting up to \d+ s for 1 change in flight/);
      await expect(fetch(new URL('/healthz', server.url))).rejects.toThrow();
      const outcomes = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l).outcome);
      expect(outcomes).toEqual(['dry_run_passed', 'sending', result.status]);
      await client.close().catch(() => {});
    } finally {
      await emulator.close();
    }
  });

  it('answers 503 (Connection: close, Retry-After) on an idle keep-alive connection during the drain, instead of resetting it', async () => {
    const emulator = await startEmulator({ seed: E2E_SEED, port: 0 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const server = await startHttpServer({ env: emulatorEnv(emulator, E2E_SEED, { VPN_PBR_MCP_TIMEOUT_MS: '15000', VPN_PBR_MCP_MAX_ATTEMPTS: '1' }) });
      const healthz = new URL('/healthz', server.url);
      const request = () =>
        new Promise<{ status?: number; headers: Record<string, unknown>; socket: unknown }>((resolve, reject) => {
          const req = get(healthz, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, socket: req.socket }));
          });
          req.on('error', reject);
        });
      const first = await request();
      expect(first.status).toBe(200);

      // A create the API answers only after a pause keeps the drain going until then.
      const client = await connectHttp(server.url);
      const token = body(await client.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
      emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'hang', ms: 2500 });
      client.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }).catch(() => {});
      while (!emulator.requests.some((r) => r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun !== 'true')) {
        await new Promise((wake) => setTimeout(wake, 20));
      }
      server.child.kill('SIGTERM');
      while (!/SIGTERM: no new requests/.test(server.stderr())) await new Promise((wake) => setTimeout(wake, 20));

      const during = await request();
      expect(during.socket).toBe(first.socket);
      expect(during.status).toBe(503);
      expect(during.headers).toMatchObject({ connection: 'close', 'retry-after': expect.stringMatching(/^\d+$/) });
      expect(await server.exited).toBe(0);
      await client.close().catch(() => {});
    } finally {
      agent.destroy();
      await emulator.close();
    }
  });
});
