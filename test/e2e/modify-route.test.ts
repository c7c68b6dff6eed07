// modifyVpnPbrRoute through the built bin against the emulator: a priority change and a withdraw/publish, each
// previewed and confirmed once; the partner rule refused before sending; read-only mode and the allowlists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { E2E_SEED } from './fixtures.js';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';

const GW = 'vpn-e2eprio01';
const SEED: EmulatorSeed = {
  ...E2E_SEED,
  routes: [
    ...(E2E_SEED.routes ?? []),
    // An active/standby pair.
    { vpnGatewayId: GW, routeSource: '192.168.60.0/24', routeDest: '10.60.0.0/24', nextHop: 'vco-e2ea1', weight: 100, priority: 30, publishVpc: true },
    { vpnGatewayId: GW, routeSource: '192.168.60.0/24', routeDest: '10.60.0.0/24', nextHop: 'vco-e2eb2', weight: 0, priority: 30, publishVpc: false },
  ],
};
const SEEDED = { vpnGatewayId: GW, routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100 };
const emulator = useEmulator(SEED);
let session: Session;
beforeAll(async () => {
  session = await startSession({ env: emulatorEnv(emulator.get(), SEED) });
});
afterAll(async () => session.close());

const sent = () => emulator.get().requests.filter((r) => r.action.startsWith('Modify') || r.action === 'PublishVpnRouteEntry');
const seeded = () => emulator.get().routes(GW).find((r) => r.routeDest === SEEDED.routeDest);

async function previewThenConfirm(args: Record<string, unknown>) {
  const before = sent().length;
  const preview = body(await session.call('modifyVpnPbrRoute', args));
  expect(preview.status, JSON.stringify(preview)).toBe('dry_run_passed');
  expect(sent()).toHaveLength(before);
  return { preview, done: body(await session.call('modifyVpnPbrRoute', { ...args, confirmationToken: preview.confirmationToken })) };
}

describe('modifyVpnPbrRoute', () => {
  it('changes a priority: previewed, confirmed once, one request with a ClientToken derived from the token', async () => {
    const { preview, done } = await previewThenConfirm({ ...SEEDED, newPriority: 25 });
    expect(preview.changes).toEqual([{ field: 'priority', from: 20, to: 25 }]);
    expect(preview.summary).toMatch(/It will change: priority 20 -> 25 \(1 request\)\. Nothing was modified yet\..*call modifyVpnPbrRoute again/);
    expect(done).toMatchObject({ status: 'modified', routeModified: true, route: { priority: 25, state: 'published' } });
    expect(done.undo).toEqual({ regionId: 'cn-hangzhou', ...SEEDED, priority: 25, newPriority: 20 });
    expect(sent().map((r) => r.action)).toEqual(['ModifyVpnPbrRouteEntryPriority']);
    expect(sent()[0]?.params).toMatchObject({ Priority: '20', NewPriority: '25', Weight: '100' });
    expect(sent()[0]?.params.ClientToken).toMatch(/^pbr-[0-9a-f]{40}$/);
    expect(seeded()).toMatchObject({ priority: 25, state: 'published' });
  });

  it('withdraws a route from the VPC route table, and its undo publishes it again', async () => {
    const { done } = await previewThenConfirm({ ...SEEDED, publishVpc: false });
    expect(done).toMatchObject({ status: 'modified', route: { state: 'normal' }, undo: { publishVpc: true } });
    expect(seeded()?.state).toBe('normal');
    const { done: back } = await previewThenConfirm(done.undo);
    expect(back.status).toBe('modified');
    expect(seeded()?.state).toBe('published');
    expect(sent().map((r) => `${r.action}:${r.params.PublishVpc}`)).toEqual(['PublishVpnRouteEntry:false', 'PublishVpnRouteEntry:true']);
  });

  it("refuses a weight change while the route's partner is listed, with the applyRouteChanges call; nothing sent", async () => {
    const active = { routeSource: '192.168.60.0/24', routeDest: '10.60.0.0/24', nextHop: 'vco-e2ea1', weight: 100 };
    const result = await session.call('modifyVpnPbrRoute', { vpnGatewayId: GW, ...active, newWeight: 0 });
    const b = body(result);
    expect(result.isError).toBe(true);
    expect(b).toMatchObject({ error: { code: 'PartnerRouteListed', field: 'newWeight' }, routeModified: false });
    expect(b.error.hint).toContain('applyRouteChanges');
    expect(b.applyRouteChanges).toMatchObject({ regionId: 'cn-hangzhou', vpnGatewayId: GW });
    expect(b.applyRouteChanges.changes).toEqual([
      { op: 'modify', ...active, priority: 30, newWeight: 0 },
      { op: 'modify', ...active, nextHop: 'vco-e2eb2', weight: 0, priority: 30, newWeight: 100 },
    ]);
    expect(b.summary).toMatch(/No route was modified\.$/);
    expect(b.confirmationToken).toBeUndefined();
    expect(sent()).toHaveLength(0);
  });

  it('is not listed in read-only mode, and the allowlists refuse another gateway before any request', async () => {
    const readOnly = await startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_READ_ONLY: 'true' }) });
    const allowed = await startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-e2elegacy01' }) });
    try {
      const { tools } = await readOnly.client.listTools();
      expect(tools.map((t) => t.name)).not.toContain('modifyVpnPbrRoute');
      expect(body(await readOnly.call('modifyVpnPbrRoute', { ...SEEDED, newPriority: 25 }))).toMatchObject({ error: { code: 'ReadOnlyMode' }, routeModified: false });
      const refused = body(await allowed.call('modifyVpnPbrRoute', { ...SEEDED, newPriority: 25 }));
      expect(refused).toMatchObject({ error: { code: 'GatewayNotAllowed', source: 'policy' }, routeModified: false });
      expect(emulator.get().requests).toHaveLength(0);
    } finally {
      await Promise.all([readOnly.close(), allowed.close()]);
    }
  });
});
