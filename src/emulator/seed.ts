// Reading and checking a seed: every problem is reported with its JSON path, before the emulator starts.
import { ApiError } from './api-error.js';
import { DEMO_SEED } from './demo-seed.js';
import { checkNextHop, checkRouteConflicts, checkRouteForGateway, checkRouteParameters, DEFAULT_PRIORITY } from './rules.js';
import type { EmulatorConnectionSeed, EmulatorCredential, EmulatorRouteSeed } from './types.js';

export class EmulatorSeedError extends Error {
  constructor(message: string) {
    super(`invalid emulator seed: ${message}`);
    this.name = 'EmulatorSeedError';
  }
}

export interface GatewaySpec {
  id: string;
  regionId: string;
  status: string;
  businessStatus: string;
  pbrPriority: boolean;
  dualTunnel: boolean;
  name: string;
  vpcId: string;
}

/** A seeded route with its defaults filled in. */
export type RouteSeedSpec = EmulatorRouteSeed & { publishVpc: boolean };

/** A checked seed with the demo account's values filled in. */
export interface NormalisedSeed {
  credentials: EmulatorCredential[];
  quota: number;
  applyMs: number;
  gateways: GatewaySpec[];
  connections: Required<EmulatorConnectionSeed>[];
  routes: RouteSeedSpec[];
}

type Json = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new EmulatorSeedError(`${path}: ${problem}`);
}

function object(value: unknown, path: string, keys: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be a JSON object');
  const unknown = Object.keys(value).filter((k) => !keys.includes(k));
  if (unknown.length > 0) fail(path, `unknown field ${JSON.stringify(unknown[0])} (allowed: ${keys.join(', ')})`);
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be a JSON array');
  return value;
}

function text(obj: Json, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') fail(`${path}.${key}`, 'must be a non-empty string');
  return value;
}

function optionalText(obj: Json, key: string, path: string): string | undefined {
  return obj[key] === undefined ? undefined : text(obj, key, path);
}

function optionalFlag(obj: Json, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value !== undefined && typeof value !== 'boolean') fail(`${path}.${key}`, 'must be true or false');
  return value as boolean | undefined;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(path, `must be an integer from ${min} to ${max}`);
  return value;
}

/** Parses the text of a seed file; the result still goes through normaliseSeed. */
export function parseSeedJson(source: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new EmulatorSeedError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

const SEED_KEYS = ['credentials', 'quota', 'applyMs', 'gateways', 'connections', 'routes'] as const;

/**
 * Checks a seed and fills what is missing from the demo account. Gateways, connections and routes form one
 * topology: an omitted connections list falls back to the demo only when gateways are omitted too, and an
 * omitted routes list only when both are, since the demo's entries point at the demo's gateways.
 */
export function normaliseSeed(seed: unknown = {}): NormalisedSeed {
  const root = object(seed, 'seed', SEED_KEYS);
  const ownGateways = root.gateways !== undefined;
  const ownConnections = root.connections !== undefined;
  const credentials = readCredentials(root.credentials ?? DEMO_SEED.credentials);
  const quota = integer(root.quota ?? DEMO_SEED.quota, 'quota', 1, 100_000);
  const applyMs = integer(root.applyMs ?? DEMO_SEED.applyMs, 'applyMs', 0, 3_600_000);
  const gateways = readGateways(root.gateways ?? DEMO_SEED.gateways);
  const connections = readConnections(root.connections ?? (ownGateways ? [] : DEMO_SEED.connections), gateways);
  // No quota check: a quota lowered below the routes a gateway already has only blocks new routes.
  const routes = readRoutes(root.routes ?? (ownGateways || ownConnections ? [] : DEMO_SEED.routes), gateways, connections);
  return { credentials, quota, applyMs, gateways, connections, routes };
}

/** Fails on the second item with the same key: one place for "listed twice". */
function uniqueKeys(): (key: string, where: string) => string {
  const seen = new Set<string>();
  return (key, where) => {
    if (seen.has(key)) fail(where, `${key} is listed twice`);
    seen.add(key);
    return key;
  };
}

function readCredentials(value: unknown): EmulatorCredential[] {
  const list = array(value, 'credentials');
  if (list.length === 0) fail('credentials', 'must hold at least one credential, or nobody can call the emulator');
  const unique = uniqueKeys();
  return list.map((item, i) => {
    const path = `credentials[${i}]`;
    const obj = object(item, path, ['accessKeyId', 'accessKeySecret', 'securityToken']);
    const accessKeyId = unique(text(obj, 'accessKeyId', path), `${path}.accessKeyId`);
    const accessKeySecret = text(obj, 'accessKeySecret', path);
    const securityToken = optionalText(obj, 'securityToken', path);
    return securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
  });
}

function readGateways(value: unknown): GatewaySpec[] {
  const unique = uniqueKeys();
  return array(value, 'gateways').map((item, i) => {
    const path = `gateways[${i}]`;
    const obj = object(item, path, ['id', 'regionId', 'status', 'businessStatus', 'pbrPriority', 'dualTunnel', 'name', 'vpcId']);
    const id = unique(text(obj, 'id', path), `${path}.id`);
    return {
      id,
      regionId: optionalText(obj, 'regionId', path) ?? 'cn-hangzhou',
      status: optionalText(obj, 'status', path) ?? 'active',
      businessStatus: optionalText(obj, 'businessStatus', path) ?? 'Normal',
      pbrPriority: optionalFlag(obj, 'pbrPriority', path) ?? false,
      dualTunnel: optionalFlag(obj, 'dualTunnel', path) ?? false,
      name: optionalText(obj, 'name', path) ?? '',
      vpcId: optionalText(obj, 'vpcId', path) ?? `vpc-${id.replace(/^vpn-/, '')}`,
    };
  });
}

function readConnections(value: unknown, gateways: readonly GatewaySpec[]): Required<EmulatorConnectionSeed>[] {
  const unique = uniqueKeys();
  return array(value, 'connections').map((item, i) => {
    const path = `connections[${i}]`;
    const obj = object(item, path, ['id', 'gatewayId', 'name', 'customerGatewayId']);
    const id = unique(text(obj, 'id', path), `${path}.id`);
    const gatewayId = text(obj, 'gatewayId', path);
    if (!gateways.some((g) => g.id === gatewayId)) fail(`${path}.gatewayId`, `${gatewayId} is not one of the seeded gateways`);
    const customerGatewayId = optionalText(obj, 'customerGatewayId', path) ?? `cgw-${id.replace(/^vco-/, '')}`;
    return { id, gatewayId, name: optionalText(obj, 'name', path) ?? '', customerGatewayId };
  });
}

function readRoutes(value: unknown, gateways: readonly GatewaySpec[], connections: readonly Required<EmulatorConnectionSeed>[]): RouteSeedSpec[] {
  const accepted: RouteSeedSpec[] = [];
  array(value, 'routes').forEach((item, i) => {
    const path = `routes[${i}]`;
    const obj = object(item, path, ['vpnGatewayId', 'routeSource', 'routeDest', 'nextHop', 'weight', 'priority', 'publishVpc', 'description']);
    const vpnGatewayId = text(obj, 'vpnGatewayId', path);
    const gateway = gateways.find((g) => g.id === vpnGatewayId);
    if (gateway === undefined) fail(`${path}.vpnGatewayId`, `${vpnGatewayId} is not one of the seeded gateways`);
    if (typeof obj.weight !== 'number') fail(`${path}.weight`, 'must be a number');
    if (obj.priority !== undefined && typeof obj.priority !== 'number') fail(`${path}.priority`, 'must be a number');
    const route: RouteSeedSpec = {
      vpnGatewayId,
      routeSource: text(obj, 'routeSource', path),
      routeDest: text(obj, 'routeDest', path),
      nextHop: text(obj, 'nextHop', path),
      weight: obj.weight,
      publishVpc: optionalFlag(obj, 'publishVpc', path) ?? false,
      ...(obj.priority === undefined ? {} : { priority: obj.priority as number }),
      ...(obj.description === undefined ? {} : { description: text(obj, 'description', path) }),
    };
    // The service's own rules, except FinancialLocked: a locked account keeps its routes.
    const sameGateway = accepted.filter((r) => r.vpnGatewayId === vpnGatewayId).map((r) => ({ ...r, priority: r.priority ?? DEFAULT_PRIORITY }));
    try {
      checkRouteParameters(route);
      checkNextHop(vpnGatewayId, connections.find((c) => c.id === route.nextHop));
      checkRouteForGateway(route, gateway);
      checkRouteConflicts(route, sameGateway, gateway);
    } catch (error) {
      if (error instanceof ApiError) fail(path, `${error.code}: ${error.message}`);
      throw error;
    }
    accepted.push(route);
  });
  return accepted;
}
