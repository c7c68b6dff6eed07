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
        { id: 'vpn-dual', dualTunnel: true, businessStatus: 'FinancialLocked' },
        { id: 'vpn-beijing', regionId: 'cn-beijing' },
      ],
      connections: [
        { id: TUNNEL_A, gatewayId: PRIORITY_GW, name: 'tunnel a' },
        { id: TUNNEL_B, gatewayId: PRIORITY_GW },
        { id: LEGACY_TUNNEL, gatewayId: LEGACY_GW },
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
    expect(answer).toMatchObject({ VpnGatewayId: PRIORITY_GW, RegionId: REGION, Status: 'active', BusinessStatus: 'Normal', VpcId: 'vpc-main', Name: 'main' });
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
    await expect(gateway('vpn-beijing', 'cn-beijing')).resolves.toMatchObject({ RegionId: 'cn-beijing' });
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
});
