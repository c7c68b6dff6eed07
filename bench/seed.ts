// The benchmark account: one gateway holding N valid, mutually non-conflicting policy routes, and a route to check.
import type { EmulatorSeed } from '../src/emulator/index.js';
import { serverEnv } from './process.js';

export const REGION_ID = 'cn-hangzhou';
export const GATEWAY_ID = 'vpn-bench0gateway0001';
export const CONNECTION_ID = 'vco-bench0tunnel00001';
const CREDENTIAL = { accessKeyId: 'LTAI5tBenchKey00000001', accessKeySecret: 'bench-secret-not-a-real-key' };

/** Gateway n of the seed (0 is the one the steady-state measures use; the others are each checked once, fresh). */
export function gatewayId(n: number): string {
  return n === 0 ? GATEWAY_ID : `vpn-bench0gateway${String(n + 1).padStart(4, '0')}`;
}

function connectionId(n: number): string {
  return n === 0 ? CONNECTION_ID : `vco-bench0tunnel${String(n + 1).padStart(5, '0')}`;
}

/**
 * Route i goes 172.(16+i/256).(i%256).0/24 -> 10.(i/256).(i%256).0/24: every destination is a distinct /24, so
 * no two routes overlap in both source and destination (SamePriorityPbrRoutePrefixOverlap), none is 0.0.0.0/0
 * or inside 100.64.0.0/10, and all have weight 100 and the default priority. Every gateway holds the same routes.
 */
export function benchSeed(routeCount: number, gatewayCount = 1): EmulatorSeed {
  if (routeCount > 4096) throw new Error('at most 4096 routes fit the address plan');
  const gateways = Array.from({ length: gatewayCount }, (_, n) => n);
  const routes = gateways.flatMap((n) =>
    Array.from({ length: routeCount }, (_, i) => ({
      vpnGatewayId: gatewayId(n),
      routeSource: `172.${16 + (i >> 8)}.${i & 255}.0/24`,
      routeDest: `10.${i >> 8}.${i & 255}.0/24`,
      nextHop: connectionId(n),
      weight: 100,
      publishVpc: false,
    })),
  );
  return {
    credentials: [CREDENTIAL],
    quota: routeCount + 100,
    applyMs: 0,
    gateways: gateways.map((n) => ({ id: gatewayId(n), regionId: REGION_ID, status: 'active', businessStatus: 'Normal', pbrPriority: true, name: `bench-gateway-${n}` })),
    connections: gateways.map((n) => ({ id: connectionId(n), gatewayId: gatewayId(n), name: `bench-tunnel-${n}` })),
    routes,
  };
}

/** CHECKED_ROUTE on gateway n of the seed. */
export function checkedRouteOn(n: number): typeof CHECKED_ROUTE {
  return { ...CHECKED_ROUTE, vpnGatewayId: gatewayId(n), nextHop: connectionId(n) } as typeof CHECKED_ROUTE;
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

/** The server's environment for an emulator started from a bench seed (in this process or one of its own). */
export function emulatorServerEnv(emulator: { url: string }): Record<string, string> {
  return serverEnv({
    ALIBABA_CLOUD_ACCESS_KEY_ID: CREDENTIAL.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CREDENTIAL.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: REGION_ID,
    VPN_PBR_MCP_ENDPOINT: emulator.url,
  });
}
