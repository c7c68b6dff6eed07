// The emulator's changeable state as plain JSON (routes, apply windows, ClientToken claims), for a sandbox that
// outlives its process. A snapshot is checked against the seed when read back: anything that does not fit is refused.
import type { EmulatedRoute, EmulatorSnapshot } from './types.js';

export type { ClientTokenClaim, EmulatorSnapshot } from './types.js';

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

type Json = Record<string, unknown>;

function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SnapshotError(`${what} is not an object`);
  return value as Json;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new SnapshotError(`${what} is not a list`);
  return value;
}

function field<T>(obj: Json, key: string, type: 'string' | 'number' | 'boolean', what: string): T {
  if (typeof obj[key] !== type) throw new SnapshotError(`${what}.${key} is not a ${type}`);
  return obj[key] as T;
}

function readRoute(value: unknown, i: number, gateways: ReadonlySet<string>): EmulatedRoute {
  const what = `routes[${i}]`;
  const r = record(value, what);
  const vpnGatewayId = field<string>(r, 'vpnGatewayId', 'string', what);
  if (!gateways.has(vpnGatewayId)) throw new SnapshotError(`${what} is on ${vpnGatewayId}, which the seed does not have`);
  const state = field<string>(r, 'state', 'string', what);
  if (state !== 'published' && state !== 'normal') throw new SnapshotError(`${what}.state is not published or normal`);
  const route: EmulatedRoute = {
    vpnGatewayId,
    routeSource: field(r, 'routeSource', 'string', what),
    routeDest: field(r, 'routeDest', 'string', what),
    nextHop: field(r, 'nextHop', 'string', what),
    weight: field(r, 'weight', 'number', what),
    priority: field(r, 'priority', 'number', what),
    publishVpc: field(r, 'publishVpc', 'boolean', what),
    state,
    createTime: field(r, 'createTime', 'number', what),
  };
  if (r.overlayMode !== undefined) route.overlayMode = field(r, 'overlayMode', 'string', what);
  if (r.description !== undefined) route.description = field(r, 'description', 'string', what);
  return route;
}

/** A snapshot read back from JSON, for an emulator with these gateways. */
export function readSnapshot(value: unknown, gatewayIds: readonly string[]): EmulatorSnapshot {
  const root = record(value, 'the emulator state');
  const gateways = new Set(gatewayIds);
  const routes = list(root.routes, 'routes').map((r, i) => readRoute(r, i, gateways));
  const updatingUntil: Record<string, number> = {};
  for (const [id, until] of Object.entries(record(root.updatingUntil, 'updatingUntil'))) {
    if (gateways.has(id) && typeof until === 'number') updatingUntil[id] = until;
  }
  const clientTokens = list(root.clientTokens, 'clientTokens').map((c, i) => {
    const what = `clientTokens[${i}]`;
    const claim = record(c, what);
    return { key: field<string>(claim, 'key', 'string', what), fingerprint: field<string>(claim, 'fingerprint', 'string', what), result: record(claim.result, `${what}.result`) };
  });
  return { routes, updatingUntil, clientTokens };
}
