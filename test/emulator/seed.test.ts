// Seeds: what an omitted field falls back to, and a clear refusal for a seed that could not be real.
import { describe, expect, it } from 'vitest';
import { DEMO_SEED, type EmulatorSeed, parseSeedJson, startEmulator } from '../../src/emulator/index.js';
import { clientFor, DEMO_KEY, failureOf, LEGACY_GW, NEW_ROUTE, PRIORITY_GW, REGION, withEmulator } from './helpers.js';

describe('the demo account', () => {
  it('is what an empty seed starts with', async () => {
    await withEmulator(undefined, async (emulator) => {
      const call = clientFor(emulator, DEMO_KEY);
      expect(JSON.parse((await call('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: PRIORITY_GW })).Tag as string)).toMatchObject({ PbrPriority: 'true' });
      expect(JSON.parse((await call('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: LEGACY_GW })).Tag as string)).not.toHaveProperty('PbrPriority');
      expect(emulator.routes(PRIORITY_GW)).toHaveLength(2);
      expect(emulator.routes(LEGACY_GW)).toHaveLength(1);
      expect((await call('DescribeVpnConnections', { RegionId: REGION })).TotalCount).toBe(3);
    });
  });

  it('applies a route for the demo applyMs (300 ms)', async () => {
    await withEmulator({}, async (emulator) => {
      await clientFor(emulator)('CreateVpnPbrRouteEntry', NEW_ROUTE);
      expect(emulator.gatewayStatus(PRIORITY_GW)).toBe('updating');
      expect(DEMO_SEED.applyMs).toBe(300);
    });
  });

  it('keeps demo gateways, connections and routes when a seed only sets other fields', async () => {
    await withEmulator({ quota: 2, applyMs: 0 }, async (emulator) => {
      expect(emulator.routes(PRIORITY_GW)).toHaveLength(2);
      const failure = await failureOf(clientFor(emulator)('CreateVpnPbrRouteEntry', NEW_ROUTE));
      expect(failure.code).toBe('CreatePbrRoutesQuotaFull.QuotaFull');
    });
  });

  it("replaces the demo credentials and topology with the seed's own", async () => {
    const own = { accessKeyId: 'LTAI5tOwnKey', accessKeySecret: 'own' };
    await withEmulator({ credentials: [own], gateways: [{ id: 'vpn-own' }] }, async (emulator) => {
      expect((await failureOf(clientFor(emulator, DEMO_KEY)('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: 'vpn-own' }))).code).toBe('InvalidAccessKeyId.NotFound');
      const answer = await clientFor(emulator, own)('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: 'vpn-own' });
      expect(answer).toMatchObject({ Status: 'active', BusinessStatus: 'Normal' });
      expect(emulator.routes('vpn-own')).toEqual([]);
      expect((await clientFor(emulator, own)('DescribeVpnConnections', { RegionId: REGION })).TotalCount).toBe(0);
      expect(() => emulator.routes(PRIORITY_GW)).toThrow(/no gateway/);
    });
  });

  it('is restored by reset()', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      await clientFor(emulator)('CreateVpnPbrRouteEntry', NEW_ROUTE);
      emulator.faults.inject('*', { kind: 'error', code: 'InternalError' });
      emulator.reset();
      expect(emulator.routes(PRIORITY_GW)).toHaveLength(2);
      expect(emulator.requests).toEqual([]);
      await expect(clientFor(emulator)('CreateVpnPbrRouteEntry', NEW_ROUTE)).resolves.toHaveProperty('RouteSource');
    });
  });
});

describe('a bad seed', () => {
  const gateway = { id: 'vpn-one', pbrPriority: false };
  const connection = { id: 'vco-one', gatewayId: 'vpn-one' };
  const route = { vpnGatewayId: 'vpn-one', routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-one', weight: 100 };
  const cases: [string, unknown, RegExp][] = [
    ['a seed that is not an object', [], /seed: must be a JSON object/],
    ['an unknown field', { gateway: [] }, /unknown field "gateway"/],
    ['no credentials', { credentials: [] }, /credentials: must hold at least one/],
    ['a credential without a secret', { credentials: [{ accessKeyId: 'k' }] }, /credentials\[0\]\.accessKeySecret: must be a non-empty string/],
    ['a negative quota', { quota: -1 }, /quota: must be an integer/],
    ['applyMs as text', { applyMs: '300' }, /applyMs: must be an integer/],
    ['pbrPriority as text', { gateways: [{ id: 'vpn-x', pbrPriority: 'true' }] }, /gateways\[0\]\.pbrPriority: must be true or false/],
    ['a gateway listed twice', { gateways: [gateway, gateway] }, /gateways\[1\]\.id: vpn-one is listed twice/],
    ['a connection of an unknown gateway', { gateways: [gateway], connections: [{ id: 'vco-x', gatewayId: 'vpn-nope' }] }, /connections\[0\]\.gatewayId: vpn-nope is not one of the seeded gateways/],
    ['a route on an unknown gateway', { gateways: [gateway], connections: [connection], routes: [{ ...route, vpnGatewayId: 'vpn-nope' }] }, /routes\[0\]\.vpnGatewayId: vpn-nope is not one/],
    ['a route with a malformed block', { gateways: [gateway], connections: [connection], routes: [{ ...route, routeDest: '10.0.0.5/24' }] }, /routes\[0\]: InvalidCidrBlock\.Malformed/],
    ['a route with weight 50', { gateways: [gateway], connections: [connection], routes: [{ ...route, weight: 50 }] }, /routes\[0\]: VpnRouteEntry\.InvalidWeight/],
    ['a route via an unknown connection', { gateways: [gateway], connections: [connection], routes: [{ ...route, nextHop: 'vco-nope' }] }, /routes\[0\]: InvalidNextHop\.NotFound/],
    ['a priority on a gateway without support', { gateways: [gateway], connections: [connection], routes: [{ ...route, priority: 5 }] }, /routes\[0\]: VpnPbrRouteEntryPriority\.NotSupport/],
    ['a duplicate route', { gateways: [gateway], connections: [connection], routes: [route, route] }, /routes\[1\]: VpnRouteEntry\.AlreadyExists/],
  ];

  it.each(cases)('rejects %s with a clear message', async (_what, seed, message) => {
    const start = startEmulator({ seed: seed as EmulatorSeed });
    await expect(start).rejects.toThrow(/^invalid emulator seed: /);
    await expect(start).rejects.toThrow(message);
  });

  it('rejects malformed JSON', () => {
    expect(() => parseSeedJson('{"quota": 20,}')).toThrow(/^invalid emulator seed: not valid JSON/);
  });

  it('accepts routes beyond a lowered quota (only new routes are refused)', async () => {
    await expect(withEmulator({ quota: 1 }, async (emulator) => emulator.routes(PRIORITY_GW).length)).resolves.toBe(2);
  });
});
