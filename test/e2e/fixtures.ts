import type { EmulatorSeed } from '../../src/emulator/index.js';

// An STS credential, so that both the secret and the security token can be looked for in every output.
export const SECRET = 'e2e-SECRET-value-9f8e7d6c5b4a';
export const STS_TOKEN = 'e2e-STS-token-CAIS1234567890abcdef';

export const E2E_SEED: EmulatorSeed = {
  credentials: [{ accessKeyId: 'STS.e2eAccessKey01', accessKeySecret: SECRET, securityToken: STS_TOKEN }],
  quota: 20,
  applyMs: 150,
  gateways: [
    { id: 'vpn-e2eprio01', regionId: 'cn-hangzhou', pbrPriority: true },
    { id: 'vpn-e2elegacy01', regionId: 'cn-hangzhou', pbrPriority: false },
    { id: 'vpn-e2elocked01', regionId: 'cn-hangzhou', businessStatus: 'FinancialLocked', pbrPriority: true },
  ],
  connections: [
    { id: 'vco-e2ea1', gatewayId: 'vpn-e2eprio01' },
    { id: 'vco-e2eb2', gatewayId: 'vpn-e2eprio01' },
    { id: 'vco-e2elegacy1', gatewayId: 'vpn-e2elegacy01' },
    { id: 'vco-e2elocked1', gatewayId: 'vpn-e2elocked01' },
  ],
  routes: [
    { vpnGatewayId: 'vpn-e2eprio01', routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100, priority: 20, publishVpc: true },
  ],
};

export const GOOD_ROUTE = {
  vpnGatewayId: 'vpn-e2eprio01',
  routeSource: '192.168.1.0/24',
  routeDest: '10.0.0.0/24',
  nextHop: 'vco-e2ea1',
  weight: 100,
  publishVpc: true,
};
