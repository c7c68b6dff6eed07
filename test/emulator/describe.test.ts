// DescribeVpnGateway and the connection lookups: what the server reads before it creates a route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type Call, clientFor, failureOf, LEGACY_GW, LEGACY_TUNNEL, PRIORITY_GW, REGION, TUNNEL_A, TUNNEL_B } from './helpers.js';

let emulator: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      gateways: [
        { id: PRIORITY_GW, pbrPriority: true, name: 'main', vpcId: 'vpc-main' },
        { id: LEGACY_GW },
        { id: 'vpn-dual', dualTunnel: true, businessStatus: 'FinancialLocked', vpcId: 'vpc-main' },
        { id: 'vpn-beijing', regionId: 'cn-beijing' },
      ],
      connections: [
        { id: TUNNEL_A, gatewayId: PRIORITY_GW, name: 'tunnel a' },
        { id: TUNNEL_B, gatewayId: PRIORITY_GW, customerGatewayId: 'cgw-office' },
        { id: LEGACY_TUNNEL, gatewayId: LEGACY_GW, customerGatewayId: 'cgw-office' },
        { id: 'vco-beijing1', gatewayId: 'vpn-beijing' },
      ],
    },
  });
  call = clientFor(emulator);
});
afterAll(() => emulator.close());

const gateway = (VpnGatewayId: string, RegionId = REGION) => call('DescribeVpnGateway', { RegionId, VpnGatewayId });

describe('DescribeVpnGateway', () => {
  it('serialises Tag as a JSON string that carries PbrPriority', async () => {
    const answer = await gateway(PRIORITY_GW);
    expect(answer).toMatchObject({ VpnGatewayId: PRIORITY_GW, Status: 'active', BusinessStatus: 'Normal', VpcId: 'vpc-main', Name: 'main' });
    expect(typeof answer.Tag).toBe('string');
    expect(JSON.parse(answer.Tag as string)).toMatchObject({ PbrPriority: 'true' });
    expect(answer).not.toHaveProperty('DisasterRecoveryInternetIp');
  });

  it('leaves PbrPriority out of the Tag of a gateway without priority support', async () => {
    expect(JSON.parse((await gateway(LEGACY_GW)).Tag as string)).not.toHaveProperty('PbrPriority');
  });

  it('shows DisasterRecoveryInternetIp only on a dual-tunnel gateway, and the business status', async () => {
    const answer = await gateway('vpn-dual');
    expect(answer.DisasterRecoveryInternetIp).toEqual(expect.any(String));
    expect(answer.BusinessStatus).toBe('FinancialLocked');
  });

  it('answers InvalidVpnGatewayInstanceId.NotFound (404) for an unknown gateway or the wrong region', async () => {
    for (const [id, region] of [['vpn-nothere', REGION], ['vpn-beijing', REGION]] as const) {
      const failure = await failureOf(gateway(id, region));
      expect([failure.code, failure.status, failure.message]).toEqual(['InvalidVpnGatewayInstanceId.NotFound', 404, 'The specified vpn gateway instance id does not exist.']);
    }
    await expect(gateway('vpn-beijing', 'cn-beijing')).resolves.toMatchObject({ VpnGatewayId: 'vpn-beijing' });
  });

  it('requires RegionId and VpnGatewayId', async () => {
    expect((await failureOf(call('DescribeVpnGateway', { VpnGatewayId: PRIORITY_GW }))).code).toBe('MissingRegionId');
    expect((await failureOf(call('DescribeVpnGateway', { RegionId: REGION }))).code).toBe('MissingVpnGatewayId');
  });
});

describe('DescribeVpnConnection', () => {
  it('names the gateway a connection belongs to', async () => {
    const answer = await call('DescribeVpnConnection', { RegionId: REGION, VpnConnectionId: TUNNEL_A });
    expect(answer).toMatchObject({ VpnConnectionId: TUNNEL_A, VpnGatewayId: PRIORITY_GW, Name: 'tunnel a', Status: 'ike_sa_established' });
  });

  it('answers InvalidVpnConnectionInstanceId.NotFound (404) for an unknown connection or the wrong region', async () => {
    for (const id of ['vco-nothere', 'vco-beijing1']) {
      const failure = await failureOf(call('DescribeVpnConnection', { RegionId: REGION, VpnConnectionId: id }));
      expect([failure.code, failure.status]).toEqual(['InvalidVpnConnectionInstanceId.NotFound', 404]);
    }
  });
});

describe('DescribeVpnConnections', () => {
  const ids = (answer: Record<string, unknown>) => (answer.VpnConnections as { VpnConnection: { VpnConnectionId: string }[] }).VpnConnection.map((c) => c.VpnConnectionId);

  it('lists the connections of the region, optionally of one gateway', async () => {
    const all = await call('DescribeVpnConnections', { RegionId: REGION });
    expect(all).toMatchObject({ TotalCount: 3, PageNumber: 1, PageSize: 10 });
    expect(ids(all)).toEqual([TUNNEL_A, TUNNEL_B, LEGACY_TUNNEL]);
    expect(ids(await call('DescribeVpnConnections', { RegionId: REGION, VpnGatewayId: PRIORITY_GW }))).toEqual([TUNNEL_A, TUNNEL_B]);
  });

  it('pages, and refuses PageSize over 50', async () => {
    const second = await call('DescribeVpnConnections', { RegionId: REGION, PageNumber: 2, PageSize: 1 });
    expect(second).toMatchObject({ TotalCount: 3, PageNumber: 2, PageSize: 1 });
    expect(ids(second)).toEqual([TUNNEL_B]);
    expect((await failureOf(call('DescribeVpnConnections', { RegionId: REGION, PageSize: 51 }))).code).toBe('InvalidParameter');
  });

  it('combines the VpnGatewayId, VpnConnectionId and CustomerGatewayId filters with AND', async () => {
    const list = (filters: Record<string, string>) => call('DescribeVpnConnections', { RegionId: REGION, ...filters });
    expect(ids(await list({ VpnConnectionId: TUNNEL_B }))).toEqual([TUNNEL_B]);
    expect(ids(await list({ CustomerGatewayId: 'cgw-office' }))).toEqual([TUNNEL_B, LEGACY_TUNNEL]);
    expect(ids(await list({ CustomerGatewayId: 'cgw-office', VpnGatewayId: LEGACY_GW }))).toEqual([LEGACY_TUNNEL]);
    const none = await list({ VpnGatewayId: LEGACY_GW, VpnConnectionId: TUNNEL_A });
    expect([none.TotalCount, ids(none)]).toEqual([0, []]);
    expect(ids(await list({ VpnConnectionId: 'vco-beijing1' }))).toEqual([]);
  });
});

describe('DescribeVpnGateways', () => {
  const ids = (answer: Record<string, unknown>) => (answer.VpnGateways as { VpnGateway: { VpnGatewayId: string }[] }).VpnGateway.map((g) => g.VpnGatewayId);
  const list = (params: Record<string, unknown> = {}) => call('DescribeVpnGateways', { RegionId: REGION, ...params });

  it("lists the region's gateways with the same fields as DescribeVpnGateway", async () => {
    const all = await list();
    expect(all).toMatchObject({ TotalCount: 3, PageNumber: 1, PageSize: 10 });
    expect(ids(all)).toEqual([PRIORITY_GW, LEGACY_GW, 'vpn-dual']);
    const first = (all.VpnGateways as { VpnGateway: Record<string, unknown>[] }).VpnGateway[0];
    const { RequestId: _id, ...single } = await gateway(PRIORITY_GW);
    expect(first).toEqual(single);
    expect(ids(await call('DescribeVpnGateways', { RegionId: 'cn-beijing' }))).toEqual(['vpn-beijing']);
  });

  it('filters by VpcId and VpnGatewayId together', async () => {
    expect(ids(await list({ VpcId: 'vpc-main' }))).toEqual([PRIORITY_GW, 'vpn-dual']);
    expect(ids(await list({ VpcId: 'vpc-main', VpnGatewayId: 'vpn-dual' }))).toEqual(['vpn-dual']);
    expect(ids(await list({ VpcId: 'vpc-main', VpnGatewayId: LEGACY_GW }))).toEqual([]);
    expect(ids(await list({ BusinessStatus: 'FinancialLocked' }))).toEqual(['vpn-dual']);
  });

  it('pages with TotalCount, and refuses PageSize over 50', async () => {
    const second = await list({ PageNumber: 2, PageSize: 2 });
    expect(second).toMatchObject({ TotalCount: 3, PageNumber: 2, PageSize: 2 });
    expect(ids(second)).toEqual(['vpn-dual']);
    expect(ids(await list({ PageNumber: 3, PageSize: 2 }))).toEqual([]);
    expect((await failureOf(list({ PageSize: 51 }))).code).toBe('InvalidParameter');
    expect((await failureOf(call('DescribeVpnGateways', {}))).code).toBe('MissingRegionId');
  });
});
