// The sandbox demo account: what `--sandbox`, the demo and an empty seed start from. Nothing here is real.
import type { EmulatorSeed } from './types.js';

export const DEMO_REGION_ID = 'cn-hangzhou';

// Frozen, so no caller can change what every later emulator falls back to.
export const DEMO_SEED: Required<EmulatorSeed> = deepFreeze({
  credentials: [{ accessKeyId: 'LTAI5tSandboxDemoKey0001', accessKeySecret: 'sandbox-demo-secret-not-a-real-key' }],
  quota: 20,
  applyMs: 300,
  gateways: [
    {
      id: 'vpn-sandbox0priority01',
      regionId: DEMO_REGION_ID,
      status: 'active',
      businessStatus: 'Normal',
      pbrPriority: true,
      dualTunnel: false,
      name: 'sandbox-gateway-with-priorities',
      vpcId: 'vpc-sandbox0vpc0000001',
    },
    {
      id: 'vpn-sandbox0legacy0001',
      regionId: DEMO_REGION_ID,
      status: 'active',
      businessStatus: 'Normal',
      pbrPriority: false,
      dualTunnel: false,
      name: 'sandbox-legacy-gateway',
      vpcId: 'vpc-sandbox0vpc0000001',
    },
  ],
  connections: [
    { id: 'vco-sandbox0tunnel0a1', gatewayId: 'vpn-sandbox0priority01', name: 'sandbox-office-tunnel-a' },
    { id: 'vco-sandbox0tunnel0b2', gatewayId: 'vpn-sandbox0priority01', name: 'sandbox-office-tunnel-b' },
    { id: 'vco-sandbox0legacy0a1', gatewayId: 'vpn-sandbox0legacy0001', name: 'sandbox-branch-tunnel' },
  ],
  routes: [
    // An active/standby pair: same blocks, weights 100 and 0, one per tunnel.
    {
      vpnGatewayId: 'vpn-sandbox0priority01',
      routeSource: '192.168.10.0/24',
      routeDest: '10.10.0.0/24',
      nextHop: 'vco-sandbox0tunnel0a1',
      weight: 100,
      priority: 10,
      publishVpc: true,
      description: 'office to app subnet (active)',
    },
    {
      vpnGatewayId: 'vpn-sandbox0priority01',
      routeSource: '192.168.10.0/24',
      routeDest: '10.10.0.0/24',
      nextHop: 'vco-sandbox0tunnel0b2',
      weight: 0,
      priority: 10,
      publishVpc: true,
      description: 'office to app subnet (standby)',
    },
    {
      vpnGatewayId: 'vpn-sandbox0legacy0001',
      routeSource: '172.16.0.0/16',
      routeDest: '10.20.0.0/16',
      nextHop: 'vco-sandbox0legacy0a1',
      weight: 100,
      publishVpc: false,
    },
  ],
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
