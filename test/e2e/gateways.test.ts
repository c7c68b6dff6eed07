// listVpnGateways and describeVpnGateway through the built bin against the emulator; allowlists on the read tools.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';

const SEED: EmulatorSeed = {
  ...E2E_SEED,
  gateways: [
    ...(E2E_SEED.gateways ?? []).map((g) => ({ ...g, vpcId: 'vpc-e2emain01', name: `name-of-${g.id}` })),
    { id: 'vpn-e2edual01', regionId: 'cn-hangzhou', dualTunnel: true, vpcId: 'vpc-e2eother1' },
    { id: 'vpn-e2esh01', regionId: 'cn-shanghai' },
  ],
  connections: [...(E2E_SEED.connections ?? []), { id: 'vco-e2edual1', gatewayId: 'vpn-e2edual01' }, { id: 'vco-e2esh1', gatewayId: 'vpn-e2esh01' }],
};

const emulator = useEmulator(SEED);
let session: Session;

beforeAll(async () => {
  session = await startSession({ env: emulatorEnv(emulator.get(), SEED) });
});
afterAll(async () => session.close());

describe('listVpnGateways', () => {
  it('lists the region\'s gateways with status, business status, VPC, priority support and tunnel mode', async () => {
    const result = await session.call('listVpnGateways', {});
    expect(result.isError).toBe(false);
    const b = body(result);
    expect(b.gateways.map((g: { vpnGatewayId: string }) => g.vpnGatewayId)).toEqual(['vpn-e2eprio01', 'vpn-e2elegacy01', 'vpn-e2elocked01', 'vpn-e2edual01']);
    expect(b.gateways[0]).toEqual({ vpnGatewayId: 'vpn-e2eprio01', name: 'name-of-vpn-e2eprio01', regionId: 'cn-hangzhou', vpcId: 'vpc-e2emain01', status: 'active', businessStatus: 'Normal', pbrPriority: true, dualTunnel: false });
    expect(b.gateways[2]).toMatchObject({ businessStatus: 'FinancialLocked' });
    expect(b.gateways[3]).toMatchObject({ dualTunnel: true, pbrPriority: false });
    expect(b.summary).toMatch(/^4 VPN gateways in cn-hangzhou: vpn-e2eprio01 \(name-of-vpn-e2eprio01\): active, Normal, priorities supported, single tunnel; /);
  });

  it('filters by VPC and by region', async () => {
    expect(body(await session.call('listVpnGateways', { vpcId: 'vpc-e2eother1' })).gateways.map((g: { vpnGatewayId: string }) => g.vpnGatewayId)).toEqual(['vpn-e2edual01']);
    expect(body(await session.call('listVpnGateways', { regionId: 'cn-shanghai' })).gateways.map((g: { vpnGatewayId: string }) => g.vpnGatewayId)).toEqual(['vpn-e2esh01']);
    const bad = await session.call('listVpnGateways', { vpcId: 'not a vpc' });
    expect(body(bad).error).toMatchObject({ code: 'ValidationFailed', field: 'vpcId' });
  });
});

describe('describeVpnGateway', () => {
  it('shows the gateway, only its own IPsec connections (the valid next hops) and its policy route count', async () => {
    const b = body(await session.call('describeVpnGateway', { vpnGatewayId: 'vpn-e2eprio01' }));
    expect(b.gateway).toMatchObject({ vpnGatewayId: 'vpn-e2eprio01', status: 'active', pbrPriority: true });
    expect(b.connections.map((c: { vpnConnectionId: string }) => c.vpnConnectionId)).toEqual(['vco-e2ea1', 'vco-e2eb2']);
    expect(b.connections[0]).toHaveProperty('status');
    expect(b.policyRouteCount).toBe(1);
    expect(b.summary).toContain('2 IPsec-VPN connections (the valid next hops): vco-e2ea1, vco-e2eb2; 1 policy-based route.');
    const asked = emulator.get().requests.filter((r) => r.action === 'DescribeVpnConnections');
    expect(asked.map((r) => r.params.VpnGatewayId)).toEqual(['vpn-e2eprio01']);
  });

  it('answers InvalidVpnGatewayInstanceId.NotFound for an unknown gateway', async () => {
    const result = await session.call('describeVpnGateway', { vpnGatewayId: 'vpn-nosuch01' });
    expect(result.isError).toBe(true);
    expect(body(result).error).toMatchObject({ code: 'InvalidVpnGatewayInstanceId.NotFound', source: 'cloud' });
  });
});

describe('allowlists on all six tools', () => {
  it('refuses a region or gateway outside them before any API call, and hides gateways outside them from listings', async () => {
    const restricted = await startSession({
      env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_ALLOWED_REGIONS: 'cn-hangzhou', VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-e2eprio01,vpn-e2edual01' }),
    });
    try {
      const before = emulator.get().requests.length;
      const refusals = [
        ['listVpnGateways', { regionId: 'cn-shanghai' }, 'RegionNotAllowed'],
        ['describeVpnGateway', { vpnGatewayId: 'vpn-e2elegacy01' }, 'GatewayNotAllowed'],
        ['listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2elegacy01' }, 'GatewayNotAllowed'],
        ['validateRoute', { ...GOOD_ROUTE, vpnGatewayId: 'vpn-e2elegacy01', nextHop: 'vco-e2elegacy1' }, 'GatewayNotAllowed'],
        ['createVpnPbrRoute', { ...GOOD_ROUTE, vpnGatewayId: 'vpn-e2elegacy01', nextHop: 'vco-e2elegacy1' }, 'GatewayNotAllowed'],
        ['deleteVpnPbrRoute', { vpnGatewayId: 'vpn-e2elegacy01', routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-e2elegacy1', weight: 100 }, 'GatewayNotAllowed'],
        ['deleteVpnPbrRoute', { regionId: 'cn-shanghai', vpnGatewayId: 'vpn-e2eprio01', routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-e2ea1', weight: 100 }, 'RegionNotAllowed'],
      ] as const;
      for (const [tool, args, code] of refusals) {
        const b = body(await restricted.call(tool, args));
        const codes = b.error ? [b.error.code] : b.issues.map((i: { code: string }) => i.code);
        expect(codes, tool).toContain(code);
        if (b.error) expect(b.error.source, tool).toBe('policy');
      }
      expect(emulator.get().requests.slice(before)).toEqual([]);

      const listed = body(await restricted.call('listVpnGateways', {}));
      expect(listed.gateways.map((g: { vpnGatewayId: string }) => g.vpnGatewayId)).toEqual(['vpn-e2eprio01', 'vpn-e2edual01']);
      expect(listed.hidden).toBe(2);
      expect(listed.summary).toContain('2 more are hidden');
    } finally {
      await restricted.close();
    }
  });
});
