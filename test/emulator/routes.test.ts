// Listing (paging), deleting, and the apply window that serialises route changes on a gateway.
import { describe, expect, it } from 'vitest';
import { type EmulatorSeed, startEmulator } from '../../src/emulator/index.js';
import { clientFor, eventually, failureOf, NEW_ROUTE, PRIORITY_GW, REGION, TUNNEL_A, withEmulator } from './helpers.js';

const PAGING_SEED: EmulatorSeed = {
  applyMs: 0,
  quota: 200,
  gateways: [{ id: 'vpn-paging', pbrPriority: true }],
  connections: [{ id: 'vco-paging1', gatewayId: 'vpn-paging' }],
};

describe('DescribeVpnPbrRouteEntries', () => {
  it('pages 120 routes in creation order, 50 per page', async () => {
    await withEmulator(PAGING_SEED, async (emulator) => {
      const call = clientFor(emulator);
      const sources = Array.from({ length: 120 }, (_, i) => `10.${Math.floor(i / 100) + 1}.${i % 100}.0/24`);
      for (const RouteSource of sources) {
        await call('CreateVpnPbrRouteEntry', { RegionId: REGION, VpnGatewayId: 'vpn-paging', RouteSource, RouteDest: '172.16.0.0/16', NextHop: 'vco-paging1', Weight: 100, PublishVpc: true });
      }
      const listed: string[] = [];
      for (const PageNumber of [1, 2, 3, 4]) {
        const page = await call('DescribeVpnPbrRouteEntries', { RegionId: REGION, VpnGatewayId: 'vpn-paging', PageNumber, PageSize: 50 });
        expect(page).toMatchObject({ TotalCount: 120, PageNumber, PageSize: 50 });
        const entries = (page.VpnPbrRouteEntries as { VpnPbrRouteEntry: { RouteSource: string }[] }).VpnPbrRouteEntry;
        expect(entries).toHaveLength([50, 50, 20, 0][PageNumber - 1] as number);
        listed.push(...entries.map((e) => e.RouteSource));
      }
      expect(listed).toEqual(sources);
    });
  });

  it('lists ten per page by default with every documented field', async () => {
    await withEmulator(undefined, async (emulator) => {
      const page = await clientFor(emulator)('DescribeVpnPbrRouteEntries', { RegionId: REGION, VpnGatewayId: PRIORITY_GW });
      expect(page).toMatchObject({ TotalCount: 2, PageNumber: 1, PageSize: 10 });
      const [first] = (page.VpnPbrRouteEntries as { VpnPbrRouteEntry: Record<string, unknown>[] }).VpnPbrRouteEntry;
      expect(first).toMatchObject({ RouteSource: '192.168.10.0/24', RouteDest: '10.10.0.0/24', NextHop: TUNNEL_A, Weight: 100, Priority: 10, State: 'published', VpnInstanceId: PRIORITY_GW });
      expect(typeof first?.CreateTime).toBe('number');
    });
  });

  it('refuses PageSize 51 or 0 and PageNumber 0 with InvalidParameter, and an unknown gateway with 404', async () => {
    await withEmulator(undefined, async (emulator) => {
      const call = clientFor(emulator);
      for (const paging of [{ PageSize: 51 }, { PageSize: 0 }, { PageNumber: 0 }]) {
        const failure = await failureOf(call('DescribeVpnPbrRouteEntries', { RegionId: REGION, VpnGatewayId: PRIORITY_GW, ...paging }));
        expect([failure.code, failure.status]).toEqual(['InvalidParameter', 400]);
      }
      const unknown = await failureOf(call('DescribeVpnPbrRouteEntries', { RegionId: REGION, VpnGatewayId: 'vpn-nothere' }));
      expect([unknown.code, unknown.status]).toEqual(['InvalidVpnGatewayInstanceId.NotFound', 404]);
    });
  });
});

describe('the apply window', () => {
  it('keeps the gateway updating for applyMs after a create, refusing changes meanwhile', async () => {
    await withEmulator({ applyMs: 500 }, async (emulator) => {
      const call = clientFor(emulator);
      const gatewayStatus = async () => (await call('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: PRIORITY_GW })).Status;
      await call('CreateVpnPbrRouteEntry', NEW_ROUTE);
      expect(await gatewayStatus()).toBe('updating');
      const second = { ...NEW_ROUTE, RouteSource: '192.168.2.0/24' };
      expect((await failureOf(call('CreateVpnPbrRouteEntry', second))).code).toBe('VpnGateway.Configuring');
      await eventually(async () => (await gatewayStatus()) === 'active');
      await expect(call('CreateVpnPbrRouteEntry', second)).resolves.toMatchObject({ RouteSource: '192.168.2.0/24' });
    });
  });

  it('follows the emulator clock, not timers', async () => {
    let clock = Date.now();
    const emulator = await startEmulator({ seed: { applyMs: 10_000 }, now: () => clock });
    try {
      await clientFor(emulator)('CreateVpnPbrRouteEntry', NEW_ROUTE);
      clock += 9_999;
      expect(emulator.gatewayStatus(PRIORITY_GW)).toBe('updating');
      clock += 1;
      expect(emulator.gatewayStatus(PRIORITY_GW)).toBe('active');
    } finally {
      await emulator.close();
    }
  });

  it('lets only one of several concurrent creates on a gateway through', async () => {
    await withEmulator({ applyMs: 60_000 }, async (emulator) => {
      const call = clientFor(emulator);
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, RouteSource: `192.168.${20 + i}.0/24` }).then(
            () => 'created',
            (error: { code?: string }) => error.code,
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'VpnGateway.Configuring')).toHaveLength(7);
    });
  });
});

describe('DeleteVpnPbrRouteEntry', () => {
  const ACTIVE = { RegionId: REGION, VpnGatewayId: PRIORITY_GW, RouteSource: '192.168.10.0/24', RouteDest: '10.10.0.0/24', NextHop: TUNNEL_A };

  it('deletes a route only when Weight matches, then starts the apply window', async () => {
    await withEmulator({ applyMs: 60_000 }, async (emulator) => {
      const call = clientFor(emulator);
      const wrong = await failureOf(call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 0 }));
      expect([wrong.code, wrong.status]).toEqual(['VpnRouteEntry.InvalidWeight', 400]);
      expect(emulator.routes(PRIORITY_GW)).toHaveLength(2);
      const answer = await call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 100 });
      expect(Object.keys(answer)).toEqual(['RequestId']);
      expect(emulator.routes(PRIORITY_GW).map((r) => r.nextHop)).toEqual(['vco-sandbox0tunnel0b2']);
      expect(emulator.gatewayStatus(PRIORITY_GW)).toBe('updating');
      expect((await failureOf(call('DeleteVpnPbrRouteEntry', { ...ACTIVE, NextHop: 'vco-sandbox0tunnel0b2', Weight: 0 }))).code).toBe('VpnGateway.Configuring');
    });
  });

  it('answers VpnPbrRouteEntry.NotFound (404) for a route that is not there or has another Priority', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const call = clientFor(emulator);
      const absent = await failureOf(call('DeleteVpnPbrRouteEntry', { ...ACTIVE, RouteSource: '192.168.99.0/24', Weight: 100 }));
      expect([absent.code, absent.status]).toEqual(['VpnPbrRouteEntry.NotFound', 404]);
      expect((await failureOf(call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 100, Priority: 11 }))).code).toBe('VpnPbrRouteEntry.NotFound');
      await call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 100, Priority: 10, OverlayMode: 'Ipsec' });
      expect((await failureOf(call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 100 }))).code).toBe('VpnPbrRouteEntry.NotFound');
    });
  });

  it('replays a delete retried with the same ClientToken instead of failing NotFound', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const call = clientFor(emulator);
      await call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 100, ClientToken: 'del-1' });
      await expect(call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 100, ClientToken: 'del-1' })).resolves.toHaveProperty('RequestId');
    });
  });

  it('lets a deleted route be created again', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const call = clientFor(emulator);
      await call('DeleteVpnPbrRouteEntry', { ...ACTIVE, Weight: 100 });
      await expect(call('CreateVpnPbrRouteEntry', { ...ACTIVE, Weight: 100, PublishVpc: true })).resolves.toMatchObject({ NextHop: TUNNEL_A });
    });
  });
});
