// listGateways and listConnections: the real pop-core against the emulator, every page, with the API's own filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopVpcClient, type PopVpcClient } from '../../src/cloud/pop-vpc-client.js';
import { type EmulatorSeed, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

const KEY = { accessKeyId: 'LTAI5tGatewayTestKey01', accessKeySecret: 'gateway-test-secret-0123456789' };
// 60 gateways (more than one page of 50) in two VPCs, one in another region, 55 connections on the first gateway.
const SEED: EmulatorSeed = {
  credentials: [KEY],
  gateways: [
    ...Array.from({ length: 60 }, (_, i) => ({
      id: `vpn-gwtest${String(i).padStart(3, '0')}`,
      regionId: 'cn-hangzhou',
      vpcId: i % 2 === 0 ? 'vpc-even0001' : 'vpc-odd00001',
      pbrPriority: i % 3 === 0,
      dualTunnel: i === 1,
      name: `gateway-${i}`,
    })),
    { id: 'vpn-gwtestshanghai1', regionId: 'cn-shanghai' },
  ],
  connections: [
    ...Array.from({ length: 55 }, (_, i) => ({ id: `vco-gwtest${String(i).padStart(3, '0')}`, gatewayId: 'vpn-gwtest000', name: `tunnel-${i}` })),
    { id: 'vco-gwtestother1', gatewayId: 'vpn-gwtest001' },
  ],
};

let emulator: RunningEmulator;
let client: PopVpcClient;

beforeAll(async () => {
  emulator = await startEmulator({ seed: SEED, port: 0 });
  client = createPopVpcClient({ credentials: KEY, endpoint: emulator.url, maxAttempts: 1 });
});
afterAll(async () => {
  client.close();
  await emulator.close();
});

describe('listGateways', () => {
  it('reads every page of the region and maps status, priority support and tunnel mode', async () => {
    const gateways = await client.listGateways('cn-hangzhou');
    expect(gateways).toHaveLength(60);
    expect(gateways[0]).toMatchObject({ vpnGatewayId: 'vpn-gwtest000', regionId: 'cn-hangzhou', vpcId: 'vpc-even0001', status: 'active', businessStatus: 'Normal', pbrPriority: true, dualTunnel: false, name: 'gateway-0' });
    expect(gateways[1]).toMatchObject({ pbrPriority: false, dualTunnel: true });
    expect(new Set(gateways.map((g) => g.vpnGatewayId)).size).toBe(60);
  });

  it('sends VpcId as the API filter and nothing for an omitted one', async () => {
    const before = emulator.requests.length;
    const odd = await client.listGateways('cn-hangzhou', 'vpc-odd00001');
    expect(odd.map((g) => g.vpcId)).toEqual(Array(30).fill('vpc-odd00001'));
    const sent = emulator.requests.slice(before).filter((r) => r.action === 'DescribeVpnGateways');
    expect(sent.every((r) => r.params.VpcId === 'vpc-odd00001')).toBe(true);
    await client.listGateways('cn-shanghai');
    expect(emulator.requests.at(-1)?.params).not.toHaveProperty('VpcId');
  });
});

describe('listConnections', () => {
  it('reads every page of one gateway\'s connections and no other gateway\'s', async () => {
    const connections = await client.listConnections('cn-hangzhou', 'vpn-gwtest000');
    expect(connections).toHaveLength(55);
    expect(connections.every((c) => c.vpnGatewayId === 'vpn-gwtest000')).toBe(true);
    expect(connections[54]).toMatchObject({ vpnConnectionId: 'vco-gwtest054', name: 'tunnel-54' });
  });
});
