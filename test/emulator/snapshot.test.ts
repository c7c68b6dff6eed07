// A snapshot carries an emulator's changes (routes, apply windows, ClientToken claims) into a new emulator.
import { describe, expect, it } from 'vitest';
import { DEMO_SEED, type EmulatorSnapshot, readSnapshot, SnapshotError, startEmulator } from '../../src/emulator/index.js';
import { clientFor, NEW_ROUTE, PRIORITY_GW } from './helpers.js';

const GATEWAY_IDS = DEMO_SEED.gateways.map((g) => g.id);

describe('emulator snapshots', () => {
  it('reports each change, and a new emulator started from the last one has its routes, window and claims', async () => {
    const seen: EmulatorSnapshot[] = [];
    const first = await startEmulator({ seed: { applyMs: 60_000 }, onChange: (s) => seen.push(s) });
    let created: Record<string, unknown>;
    try {
      await clientFor(first)('DescribeVpnPbrRouteEntries', { RegionId: 'cn-hangzhou', VpnGatewayId: PRIORITY_GW });
      expect(seen).toHaveLength(0);
      created = await clientFor(first)('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'carried-over' });
      expect(seen).toHaveLength(1);
    } finally {
      await first.close();
    }
    const snapshot = readSnapshot(JSON.parse(JSON.stringify(seen.at(-1))), GATEWAY_IDS);
    const second = await startEmulator({ seed: { applyMs: 60_000 }, snapshot });
    try {
      expect(second.routes(PRIORITY_GW).map((r) => r.routeSource)).toContain(NEW_ROUTE.RouteSource);
      expect(second.gatewayStatus(PRIORITY_GW)).toBe('updating');
      const replay = await clientFor(second)('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'carried-over' });
      expect(replay.CreateTime).toBe(created.CreateTime);
    } finally {
      await second.close();
    }
  });

  it('refuses a snapshot that does not fit the seed or is not one', () => {
    const route = { vpnGatewayId: 'vpn-elsewhere', routeSource: '10.0.0.0/8', routeDest: '172.16.0.0/12', nextHop: 'vco-x', weight: 100, priority: 10, publishVpc: false, state: 'normal', createTime: 1 };
    expect(() => readSnapshot({ routes: [route], updatingUntil: {}, clientTokens: [] }, GATEWAY_IDS)).toThrow(SnapshotError);
    expect(() => readSnapshot({ routes: 'none' }, GATEWAY_IDS)).toThrow(SnapshotError);
    expect(() => readSnapshot(null, GATEWAY_IDS)).toThrow(SnapshotError);
  });
});
