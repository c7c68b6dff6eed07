// A change token binds what was previewed, and a replay tells the present truthfully (issue 16, items 4 and 6):
// the built bin against the emulator, with "someone else" changing the routes out of band through the raw API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorCredential } from '../../src/emulator/index.js';
import { clientFor } from '../emulator/helpers.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';

const GW = 'vpn-e2eprio01';
const SEEDED = { vpnGatewayId: GW, routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100 };
const emulator = useEmulator(E2E_SEED);
let session: Session;

beforeAll(async () => {
  session = await startSession({ env: emulatorEnv(emulator.get(), E2E_SEED) });
});
afterAll(async () => session.close());

/** Another actor's request straight to the API, once the gateway takes a change again. */
async function outOfBand(action: string, params: Record<string, unknown>): Promise<void> {
  const call = clientFor(emulator.get(), E2E_SEED.credentials?.[0] as EmulatorCredential);
  for (let i = 0; ; i++) {
    try {
      await call(action, { RegionId: 'cn-hangzhou', VpnGatewayId: GW, ...params });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'VpnGateway.Configuring' || i > 100) throw error;
      await new Promise((r) => setTimeout(r, 30));
    }
  }
}

const wire = (r: { routeSource: string; routeDest: string; nextHop: string; weight: number }) => ({ RouteSource: r.routeSource, RouteDest: r.routeDest, NextHop: r.nextHop, Weight: r.weight });
const sent = (action: string) => emulator.get().requests.filter((r) => r.action === action && r.params.DryRun !== 'true' && r.params.ClientToken?.startsWith('pbr-'));

describe('a delete token binds the route that was previewed', () => {
  it('refuses to delete a route replaced out of band with the same identity (priority 30, unpublished): nothing sent', async () => {
    const preview = body(await session.call('deleteVpnPbrRoute', SEEDED));
    expect(preview.route).toMatchObject({ priority: 20, state: 'published' });
    await outOfBand('DeleteVpnPbrRouteEntry', wire(SEEDED));
    await outOfBand('CreateVpnPbrRouteEntry', { ...wire(SEEDED), Priority: 30, PublishVpc: false });

    const result = await session.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: preview.confirmationToken });
    const b = body(result);
    expect(result.isError).toBe(true);
    expect(b.error).toMatchObject({ code: 'RouteChangedSincePreview', source: 'confirmation' });
    expect(b.error.message).toContain('priority was 20, now 30; state was published, now normal');
    expect(b.error.hint).toContain('deleteVpnPbrRoute without confirmationToken');
    expect(b.routeDeleted).toBe(false);
    expect(b.summary).toMatch(/No route was deleted\.$/);
    expect(sent('DeleteVpnPbrRouteEntry')).toHaveLength(0);
    expect(emulator.get().routes(GW)).toEqual([expect.objectContaining({ priority: 30, state: 'normal' })]);
  });
});

describe('a replay says replayed: true and tells the present', () => {
  it('a create token replayed after its route was deleted: created earlier, no longer listed, never "submitted"', async () => {
    const dry = body(await session.call('createVpnPbrRoute', GOOD_ROUTE));
    const created = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dry.confirmationToken }));
    expect(created.status).toBe('created');
    await outOfBand('DeleteVpnPbrRouteEntry', wire(GOOD_ROUTE));

    const again = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dry.confirmationToken });
    const b = body(again);
    expect(again.isError).toBe(false);
    expect(b).toMatchObject({ replayed: true, routeCreated: true, stillInEffect: false });
    expect(b.status).not.toBe('submitted');
    expect(b.summary).toContain('no longer in effect: the route is no longer listed');
    expect(b.summary).not.toContain('do not start over');
    expect(sent('CreateVpnPbrRouteEntry')).toHaveLength(1);
    expect(emulator.get().routes(GW).some((r) => r.routeDest === GOOD_ROUTE.routeDest)).toBe(false);
  });

  it('a delete token replayed after the route was re-created: refused, nothing sent, and says what happened', async () => {
    const preview = body(await session.call('deleteVpnPbrRoute', SEEDED));
    const done = body(await session.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: preview.confirmationToken }));
    expect(done.status).toBe('deleted');
    await outOfBand('CreateVpnPbrRouteEntry', { ...wire(SEEDED), Priority: 20, PublishVpc: true });

    const again = await session.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: preview.confirmationToken });
    const b = body(again);
    expect(again.isError).toBe(true);
    expect(b).toMatchObject({ replayed: true, routeDeleted: false, error: { code: 'RouteChangedSincePreview' } });
    expect(b.error.message).toMatch(/^The previewed route \(created .*\) is no longer listed; another with the same identity, created .*, is, with the same values\./);
    expect(b.error.message).toContain("This token's earlier confirmation deleted the previewed route.");
    expect(sent('DeleteVpnPbrRouteEntry')).toHaveLength(1);
    expect(emulator.get().routes(GW)).toHaveLength(1);
  });
});
