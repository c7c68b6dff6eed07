// The benchmark account: one gateway holding N valid, mutually non-conflicting policy routes, and a route to check.
import type { EmulatorSeed, RunningEmulator } from '../src/emulator/index.js';
import { serverEnv } from './process.js';

export const REGION_ID = 'cn-hangzhou';
export const GATEWAY_ID = 'vpn-bench0gateway0001';
export const CONNECTION_ID = 'vco-bench0tunnel00001';
const CREDENTIAL = { accessKeyId: 'LTAI5tBenchKey00000001', accessKeySecret: 'bench-secret-not-a-real-key' };

/**
 * Route i goes 172.(16+i/256).(i%256).0/24 -> 10.(i/256).(i%256).0/24: every destination is a distinct /24, so
 * no two routes overlap in both source and destination (SamePriorityPbrRoutePrefixOverlap), none is 0.0.0.0/0
 * or inside 100.64.0.0/10, and all have weight 100 and the default priority.
 */
export function benchSeed(routeCount: number): EmulatorSeed {
  if (routeCount > 4096) throw new Error('at most 4096 routes fit the address plan');
  const routes = Array.from({ length: routeCount }, (_, i) => ({
    vpnGatewayId: GATEWAY_ID,
    routeSource: `172.${16 + (i >> 8)}.${i & 255}.0/24`,
    routeDest: `10.${i >> 8}.${i & 255}.0/24`,
    nextHop: CONNECTION_ID,
    weight: 100,
    publishVpc: false,
  }));
  return {
    credentials: [CREDENTIAL],
    quota: routeCount + 100,
    applyMs: 0,
    gateways: [{ id: GATEWAY_ID, regionId: REGION_ID, status: 'active', businessStatus: 'Normal', pbrPriority: true, name: 'bench-gateway' }],
    connections: [{ id: CONNECTION_ID, gatewayId: GATEWAY_ID, name: 'bench-tunnel' }],
    routes,
  };
}

/** A route that conflicts with none of the seed's (its destination 10.250.1.0/24 is outside 10.0.0.0 to 10.15.255.0). */
export const CHECKED_ROUTE = {
  regionId: REGION_ID,
  vpnGatewayId: GATEWAY_ID,
  routeSource: '192.168.77.0/24',
  routeDest: '10.250.1.0/24',
  nextHop: CONNECTION_ID,
  weight: 100,
  publishVpc: false,
} as const;

/** The server's environment for an emulator started from a bench seed. */
export function emulatorServerEnv(emulator: RunningEmulator): Record<string, string> {
  return serverEnv({
    ALIBABA_CLOUD_ACCESS_KEY_ID: CREDENTIAL.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CREDENTIAL.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: REGION_ID,
    VPN_PBR_MCP_ENDPOINT: emulator.url,
  });
}
