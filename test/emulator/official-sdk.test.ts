// Alibaba's official TypeScript SDK (@alicloud/vpc20160428) against the emulator over http on loopback: every
// emulated action, success and error, deserialised into the SDK's models; in its default configuration (V3) and V1.
import * as OpenApi from '@alicloud/openapi-core';
import * as VpcSdk from '@alicloud/vpc20160428';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorCredential, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { DEMO_KEY, LEGACY_GW, PRIORITY_GW, REGION, TUNNEL_A, TUNNEL_B } from './helpers.js';

// The package is CommonJS with `exports.default`: under Node's ESM rules the class is `default.default`; some loaders
// already unwrap one level.
type ClientClass = typeof VpcSdk.default.default;
type VpcClient = InstanceType<ClientClass>;
const wrapped = VpcSdk.default as unknown as { default?: ClientClass };
const Client = wrapped.default ?? (VpcSdk.default as unknown as ClientClass);
const { $OpenApiUtil } = OpenApi;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: { applyMs: 0 } });
});
afterAll(() => emulator.close());

function sdkClient(extra: Record<string, unknown>, credential: EmulatorCredential = DEMO_KEY): VpcClient {
  const config = new $OpenApiUtil.Config({
    accessKeyId: credential.accessKeyId,
    accessKeySecret: credential.accessKeySecret,
    endpoint: emulator.url.replace(/^http:\/\//, ''),
    protocol: 'http',
    regionId: REGION,
    ...extra,
  });
  return new Client(config);
}

/** The SDK's error for a failed call: its code, HTTP status and the API's error body. */
async function sdkFailure(promise: Promise<unknown>): Promise<{ code: string; statusCode: number; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; statusCode?: number; data?: Record<string, unknown> };
    if (e.code === undefined) throw error;
    return { code: e.code, statusCode: e.statusCode ?? 0, data: e.data ?? {} };
  }
  throw new Error('expected the SDK call to fail');
}

const NEW = { regionId: REGION, vpnGatewayId: PRIORITY_GW, routeSource: '192.168.7.0/24', routeDest: '10.7.0.0/24', nextHop: TUNNEL_A, weight: 100 };

// signatureAlgorithm 'v2' is how the SDK's Config selects the old RPC signature (HMAC-SHA1 parameters): callApi then
// takes doRPCRequest; without it, doRequest signs ACS3-HMAC-SHA256.
describe.each([
  ['V3, the default configuration', {}, 'v3'],
  ['V1 (signatureAlgorithm v2)', { signatureAlgorithm: 'v2' }, 'v1'],
] as const)('the official SDK, %s', (_title, extra, signature) => {
  let vpc: VpcClient;
  beforeAll(() => {
    emulator.reset();
    vpc = sdkClient(extra);
  });

  it('signs the way the test says', async () => {
    await vpc.describeVpnGateway(new VpcSdk.DescribeVpnGatewayRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW }));
    expect(emulator.requests.at(-1)).toMatchObject({ action: 'DescribeVpnGateway', signature });
  });

  it('DescribeVpnGateway and DescribeVpnGateways', async () => {
    const one = await vpc.describeVpnGateway(new VpcSdk.DescribeVpnGatewayRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW }));
    expect(one.statusCode).toBe(200);
    expect(one.body).toBeInstanceOf(VpcSdk.DescribeVpnGatewayResponseBody);
    expect(one.body).toMatchObject({ vpnGatewayId: PRIORITY_GW, status: 'active', businessStatus: 'Normal', enableBgp: false, chargeType: 'POSTPAY' });
    expect(JSON.parse(one.body?.tag ?? '{}')).toMatchObject({ PbrPriority: 'true' });

    const list = await vpc.describeVpnGateways(new VpcSdk.DescribeVpnGatewaysRequest({ regionId: REGION, vpcId: 'vpc-sandbox0vpc0000001', pageSize: 50 }));
    expect(list.body?.totalCount).toBe(2);
    const gateways = list.body?.vpnGateways?.vpnGateway ?? [];
    expect(gateways.map((g) => g.vpnGatewayId)).toEqual([PRIORITY_GW, LEGACY_GW]);
    expect(gateways[0]).toBeInstanceOf(VpcSdk.DescribeVpnGatewaysResponseBodyVpnGatewaysVpnGateway);

    const missing = await sdkFailure(vpc.describeVpnGateway(new VpcSdk.DescribeVpnGatewayRequest({ regionId: REGION, vpnGatewayId: 'vpn-nothere' })));
    expect([missing.code, missing.statusCode]).toEqual(['InvalidVpnGatewayInstanceId.NotFound', 404]);
    const tooMany = await sdkFailure(vpc.describeVpnGateways(new VpcSdk.DescribeVpnGatewaysRequest({ regionId: REGION, pageSize: 51 })));
    expect(tooMany.code).toBe('InvalidParameter');
  });

  it('DescribeVpnConnection and DescribeVpnConnections', async () => {
    const one = await vpc.describeVpnConnection(new VpcSdk.DescribeVpnConnectionRequest({ regionId: REGION, vpnConnectionId: TUNNEL_B }));
    expect(one.body).toBeInstanceOf(VpcSdk.DescribeVpnConnectionResponseBody);
    expect(one.body).toMatchObject({ vpnConnectionId: TUNNEL_B, vpnGatewayId: PRIORITY_GW, name: 'sandbox-office-tunnel-b' });
    expect(one.body?.ikeConfig).toBeInstanceOf(VpcSdk.DescribeVpnConnectionResponseBodyIkeConfig);

    const list = await vpc.describeVpnConnections(new VpcSdk.DescribeVpnConnectionsRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW, vpnConnectionId: TUNNEL_B }));
    expect(list.body?.vpnConnections?.vpnConnection?.map((c) => c.vpnConnectionId)).toEqual([TUNNEL_B]);

    const missing = await sdkFailure(vpc.describeVpnConnection(new VpcSdk.DescribeVpnConnectionRequest({ regionId: REGION, vpnConnectionId: 'vco-nothere' })));
    expect([missing.code, missing.statusCode]).toEqual(['InvalidVpnConnectionInstanceId.NotFound', 404]);
  });

  it('CreateVpnPbrRouteEntry: dry run, create, replay of its ClientToken, refusal', async () => {
    const dryRun = await sdkFailure(vpc.createVpnPbrRouteEntry(new VpcSdk.CreateVpnPbrRouteEntryRequest({ ...NEW, publishVpc: true, dryRun: true })));
    expect([dryRun.code, dryRun.statusCode]).toEqual(['DryRunOperation', 400]);

    const request = new VpcSdk.CreateVpnPbrRouteEntryRequest({ ...NEW, publishVpc: true, priority: 15, description: 'sdk route', clientToken: `sdk-${signature}` });
    const created = await vpc.createVpnPbrRouteEntry(request);
    expect(created.body).toBeInstanceOf(VpcSdk.CreateVpnPbrRouteEntryResponseBody);
    expect(created.body).toMatchObject({ vpnInstanceId: PRIORITY_GW, routeSource: NEW.routeSource, weight: 100, priority: 15, state: 'published', description: 'sdk route' });
    const replayed = await vpc.createVpnPbrRouteEntry(request);
    expect(replayed.body?.createTime).toBe(created.body?.createTime);

    const again = await sdkFailure(vpc.createVpnPbrRouteEntry(new VpcSdk.CreateVpnPbrRouteEntryRequest({ ...NEW, publishVpc: true, priority: 15 })));
    expect([again.code, again.statusCode, again.data.Message]).toEqual(['VpnRouteEntry.AlreadyExists', 400, 'The specified route entry is already exist.']);
    const badWeight = await sdkFailure(vpc.createVpnPbrRouteEntry(new VpcSdk.CreateVpnPbrRouteEntryRequest({ ...NEW, weight: 50, publishVpc: true })));
    expect(badWeight.code).toBe('VpnRouteEntry.InvalidWeight');
  });

  it('ModifyVpnPbrRouteEntryWeight/Priority/Attribute and PublishVpnRouteEntry change the new route in place', async () => {
    const route = () => emulator.routes(PRIORITY_GW).find((r) => r.routeSource === NEW.routeSource);
    const priority = await vpc.modifyVpnPbrRouteEntryPriority(new VpcSdk.ModifyVpnPbrRouteEntryPriorityRequest({ ...NEW, priority: 15, newPriority: 16 }));
    expect(priority.body).toBeInstanceOf(VpcSdk.ModifyVpnPbrRouteEntryPriorityResponseBody);
    const weight = await vpc.modifyVpnPbrRouteEntryWeight(new VpcSdk.ModifyVpnPbrRouteEntryWeightRequest({ ...NEW, priority: 16, newWeight: 0, clientToken: `w-${signature}` }));
    expect(weight.body).toBeInstanceOf(VpcSdk.ModifyVpnPbrRouteEntryWeightResponseBody);
    expect(route()).toMatchObject({ weight: 0, priority: 16 });
    const attribute = await vpc.modifyVpnPbrRouteEntryAttribute(new VpcSdk.ModifyVpnPbrRouteEntryAttributeRequest({ ...NEW, weight: 0, priority: 16, newWeight: 100, newPriority: 15 }));
    expect(attribute.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const withdraw = await vpc.publishVpnRouteEntry(new VpcSdk.PublishVpnRouteEntryRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW, routeDest: NEW.routeDest, nextHop: TUNNEL_A, routeType: 'pbr', publishVpc: false }));
    expect(withdraw.body).toBeInstanceOf(VpcSdk.PublishVpnRouteEntryResponseBody);
    expect(route()).toMatchObject({ weight: 100, priority: 15, state: 'normal' });
    await vpc.publishVpnRouteEntry(new VpcSdk.PublishVpnRouteEntryRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW, routeDest: NEW.routeDest, nextHop: TUNNEL_A, routeType: 'pbr', publishVpc: true }));
    expect(route()?.state).toBe('published');
    const missing = await sdkFailure(vpc.modifyVpnPbrRouteEntryWeight(new VpcSdk.ModifyVpnPbrRouteEntryWeightRequest({ ...NEW, routeDest: '10.8.0.0/24', newWeight: 0 })));
    expect([missing.code, missing.statusCode]).toEqual(['VpnPbrRouteEntry.NotFound', 404]);
  });

  it('DescribeVpnPbrRouteEntries lists the route; DeleteVpnPbrRouteEntry removes it, then does not find it', async () => {
    const listed = await vpc.describeVpnPbrRouteEntries(new VpcSdk.DescribeVpnPbrRouteEntriesRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW, pageSize: 50 }));
    const entries = listed.body?.vpnPbrRouteEntries?.vpnPbrRouteEntry ?? [];
    expect(entries[0]).toBeInstanceOf(VpcSdk.DescribeVpnPbrRouteEntriesResponseBodyVpnPbrRouteEntriesVpnPbrRouteEntry);
    expect(entries.find((e) => e.routeSource === NEW.routeSource)).toMatchObject({ routeDest: NEW.routeDest, nextHop: TUNNEL_A, priority: 15 });

    const remove = new VpcSdk.DeleteVpnPbrRouteEntryRequest({ ...NEW, priority: 15 });
    const deleted = await vpc.deleteVpnPbrRouteEntry(remove);
    expect(deleted.body).toBeInstanceOf(VpcSdk.DeleteVpnPbrRouteEntryResponseBody);
    expect(deleted.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(emulator.routes(PRIORITY_GW).some((r) => r.routeSource === NEW.routeSource)).toBe(false);
    expect((await sdkFailure(vpc.deleteVpnPbrRouteEntry(remove))).code).toBe('VpnPbrRouteEntry.NotFound');
    const unknown = await sdkFailure(vpc.describeVpnPbrRouteEntries(new VpcSdk.DescribeVpnPbrRouteEntriesRequest({ regionId: REGION, vpnGatewayId: 'vpn-nothere' })));
    expect(unknown.code).toBe('InvalidVpnGatewayInstanceId.NotFound');
  });

  it('a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId.NotFound', async () => {
    const wrong = await sdkFailure(sdkClient(extra, { ...DEMO_KEY, accessKeySecret: 'wrong' }).describeVpnGateway(new VpcSdk.DescribeVpnGatewayRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW })));
    expect([wrong.code, wrong.statusCode]).toEqual(['SignatureDoesNotMatch', 400]);
    const unknown = await sdkFailure(sdkClient(extra, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' }).describeVpnGateway(new VpcSdk.DescribeVpnGatewayRequest({ regionId: REGION, vpnGatewayId: PRIORITY_GW })));
    expect([unknown.code, unknown.statusCode]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
  });
});
