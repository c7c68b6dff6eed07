// The four change operations of the VpcClient (Modify weight, priority, attribute; Publish) through the real pop-core
// against the emulator over HTTP: POST, only the parameters given, one ClientToken on every retry, timeouts, errors.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPopVpcClient, type PopVpcClient } from '../../src/cloud/pop-vpc-client.js';
import { AppError } from '../../src/errors/app-error.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

const KEY = { accessKeyId: 'LTAI5tModifyKey0001', accessKeySecret: 'modify-secret-0123456789abcdef' };
const GW = 'vpn-modify0gw01';
const ROUTE = { regionId: 'cn-hangzhou', vpnGatewayId: GW, routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-modify0a1', weight: 100 };

let emulator: RunningEmulator;
let client: PopVpcClient;
beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      credentials: [KEY],
      applyMs: 0,
      gateways: [{ id: GW, pbrPriority: true }],
      connections: [{ id: 'vco-modify0a1', gatewayId: GW }],
      routes: [{ vpnGatewayId: GW, routeSource: ROUTE.routeSource, routeDest: ROUTE.routeDest, nextHop: ROUTE.nextHop, weight: 100, priority: 20, publishVpc: true }],
    },
  });
  client = createPopVpcClient({ credentials: KEY, endpoint: emulator.url, backoff: { baseMs: 1, capMs: 2 }, timeoutMs: 500 });
});
afterAll(async () => {
  client.close();
  await emulator.close();
});
afterEach(() => emulator.reset());

const route = () => emulator.routes(GW)[0];
const requests = (action: string) => emulator.requests.filter((r) => r.action === action);

describe('Modify* and Publish', () => {
  it('sends each operation over POST with exactly the parameters given, and changes the route', async () => {
    await client.modifyPbrRoutePriority({ ...ROUTE, newPriority: 30, clientToken: 'p-1' });
    expect(requests('ModifyVpnPbrRouteEntryPriority')[0]).toMatchObject({ method: 'POST', params: { NewPriority: '30', Weight: '100', ClientToken: 'p-1' } });
    expect(requests('ModifyVpnPbrRouteEntryPriority')[0]?.params).not.toHaveProperty('Priority');
    await client.modifyPbrRouteWeight({ ...ROUTE, priority: 30, newWeight: 0 });
    expect(requests('ModifyVpnPbrRouteEntryWeight')[0]?.params).toMatchObject({ Priority: '30', NewWeight: '0' });
    expect(requests('ModifyVpnPbrRouteEntryWeight')[0]?.params.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    await client.modifyPbrRouteAttribute({ ...ROUTE, weight: 0, priority: 30, newWeight: 100 });
    expect(requests('ModifyVpnPbrRouteEntryAttribute')[0]?.params).not.toHaveProperty('NewPriority');
    const published = await client.publishPbrRoute({ regionId: 'cn-hangzhou', vpnGatewayId: GW, routeDest: ROUTE.routeDest, nextHop: ROUTE.nextHop, publishVpc: false });
    expect(published.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(requests('PublishVpnRouteEntry')[0]?.params).toMatchObject({ RouteType: 'pbr', PublishVpc: 'false' });
    expect(requests('PublishVpnRouteEntry')[0]?.params).not.toHaveProperty('RouteSource');
    expect(route()).toMatchObject({ weight: 100, priority: 30, state: 'normal' });
  });

  it('retries a busy gateway with the same ClientToken on every attempt', async () => {
    emulator.faults.inject('ModifyVpnPbrRouteEntryWeight', { kind: 'error', code: 'VpnGateway.Configuring' }, 2);
    await client.modifyPbrRouteWeight({ ...ROUTE, newWeight: 0, clientToken: 'w-1' });
    expect(requests('ModifyVpnPbrRouteEntryWeight').map((r) => r.params.ClientToken)).toEqual(['w-1', 'w-1', 'w-1']);
    expect(route()?.weight).toBe(0);
  });

  it('a lost answer times out per request and is retried with the same token; the API answers the original', async () => {
    emulator.faults.inject('PublishVpnRouteEntry', { kind: 'lose-answer' });
    const failures: string[] = [];
    await client.publishPbrRoute(
      { regionId: 'cn-hangzhou', vpnGatewayId: GW, routeDest: ROUTE.routeDest, nextHop: ROUTE.nextHop, publishVpc: false, clientToken: 'pub-1' },
      { onAttemptFailed: (e) => failures.push(e.code) },
    );
    expect(failures).toEqual(['Timeout']);
    expect(requests('PublishVpnRouteEntry').map((r) => r.params.ClientToken)).toEqual(['pub-1', 'pub-1']);
    expect(route()?.state).toBe('normal');
  });

  it("passes the API's code through with its request ID, and does not retry a refusal", async () => {
    const error = await client.modifyPbrRoutePriority({ ...ROUTE, priority: 99, newPriority: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).body).toMatchObject({ code: 'VpnPbrRouteEntry.NotFound', source: 'cloud', httpStatus: 404 });
    expect((error as AppError).body.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(requests('ModifyVpnPbrRouteEntryPriority')).toHaveLength(1);
  });
});
