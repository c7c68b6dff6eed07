// Every emulated answer against the official SDK's response model: each declared field with its declared type,
// nothing the model does not declare; fields the documentation returns only sometimes are listed as optional.
import * as Vpc from '@alicloud/vpc20160428';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type Call, clientFor, REGION } from './helpers.js';
import { type ModelClass, shapeProblems } from './sdk-shape.js';

let emulator: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      applyMs: 0,
      gateways: [{ id: 'vpn-single', pbrPriority: true }, { id: 'vpn-dual', dualTunnel: true, pbrPriority: true }],
      connections: [{ id: 'vco-single1', gatewayId: 'vpn-single' }, { id: 'vco-dual1', gatewayId: 'vpn-dual' }],
      routes: [
        { vpnGatewayId: 'vpn-single', routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-single1', weight: 100 },
        { vpnGatewayId: 'vpn-dual', routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-dual1', weight: 100 },
      ],
    },
  });
  call = clientFor(emulator);
});
afterAll(() => emulator.close());

const model = (name: string) => (Vpc as unknown as Record<string, ModelClass>)[name] as ModelClass;
const expectShape = (body: unknown, name: string, optional: string[] = []) => expect(shapeProblems(body, model(name), optional)).toEqual([]);

// Documented as returned only for dual-tunnel gateways, with IncludeReservationData, or with SSL-VPN on.
const SINGLE_GATEWAY_ONLY = ['DisasterRecoveryInternetIp', 'DisasterRecoveryVSwitchId', 'ReservationData', 'SslVpnInternetIp'];
const prefixed = (prefix: string, fields: string[]) => fields.map((f) => `${prefix}${f}`);

describe('answers shaped like the official SDK models', () => {
  it('CreateVpnPbrRouteEntry and DeleteVpnPbrRouteEntry', async () => {
    const route = { RegionId: REGION, VpnGatewayId: 'vpn-single', RouteSource: '192.168.2.0/24', RouteDest: '10.0.0.0/24', NextHop: 'vco-single1', Weight: 100 };
    expectShape(await call('CreateVpnPbrRouteEntry', { ...route, PublishVpc: false }), 'CreateVpnPbrRouteEntryResponseBody');
    expectShape(await call('DeleteVpnPbrRouteEntry', route), 'DeleteVpnPbrRouteEntryResponseBody');
  });

  it('DescribeVpnPbrRouteEntries: NextHopTunnelId on a dual-tunnel gateway only, naming the master tunnel', async () => {
    const single = await call('DescribeVpnPbrRouteEntries', { RegionId: REGION, VpnGatewayId: 'vpn-single' });
    expectShape(single, 'DescribeVpnPbrRouteEntriesResponseBody', ['VpnPbrRouteEntries.VpnPbrRouteEntry[].NextHopTunnelId']);
    expect(JSON.stringify(single)).not.toContain('NextHopTunnelId');
    const dual = await call('DescribeVpnPbrRouteEntries', { RegionId: REGION, VpnGatewayId: 'vpn-dual' });
    expectShape(dual, 'DescribeVpnPbrRouteEntriesResponseBody');
    const connection = await call('DescribeVpnConnection', { RegionId: REGION, VpnConnectionId: 'vco-dual1' });
    const tunnels = (connection.TunnelOptionsSpecification as { TunnelOptions: { TunnelId: string; Role: string }[] }).TunnelOptions;
    const entry = (dual.VpnPbrRouteEntries as { VpnPbrRouteEntry: { NextHopTunnelId: string }[] }).VpnPbrRouteEntry[0];
    expect(entry?.NextHopTunnelId).toBe(tunnels.find((t) => t.Role === 'master')?.TunnelId);
  });

  it('DescribeVpnGateway, single and dual tunnel, with and without reservation data', async () => {
    expectShape(await call('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: 'vpn-single' }), 'DescribeVpnGatewayResponseBody', SINGLE_GATEWAY_ONLY);
    const dual = await call('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: 'vpn-dual', IncludeReservationData: true });
    expectShape(dual, 'DescribeVpnGatewayResponseBody', ['SslVpnInternetIp']);
    expect(['Prepay', 'POSTPAY']).toContain(dual.ChargeType);
  });

  it('DescribeVpnGateways', async () => {
    const answer = await call('DescribeVpnGateways', { RegionId: REGION });
    expectShape(answer, 'DescribeVpnGatewaysResponseBody', prefixed('VpnGateways.VpnGateway[].', SINGLE_GATEWAY_ONLY));
  });

  it('DescribeVpnConnection and DescribeVpnConnections: tunnel options on a dual-tunnel gateway only', async () => {
    expectShape(await call('DescribeVpnConnection', { RegionId: REGION, VpnConnectionId: 'vco-single1' }), 'DescribeVpnConnectionResponseBody', ['TunnelOptionsSpecification']);
    expectShape(await call('DescribeVpnConnection', { RegionId: REGION, VpnConnectionId: 'vco-dual1' }), 'DescribeVpnConnectionResponseBody');
    const list = await call('DescribeVpnConnections', { RegionId: REGION });
    expectShape(list, 'DescribeVpnConnectionsResponseBody', ['VpnConnections.VpnConnection[].TunnelOptionsSpecification']);
    expect(JSON.stringify(list)).toContain('TunnelOptionsSpecification');
  });
});
