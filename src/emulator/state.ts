// The emulated account: gateways, connections, routes and the per-gateway apply window.
import { ApiError } from './api-error.js';
import { NonceStore } from './auth.js';
import { IdempotencyStore } from './idempotency.js';
import type { GatewaySpec, NormalisedSeed } from './seed.js';
import type { EmulatorSnapshot } from './types.js';
import type { EmulatedRoute, EmulatorCredential } from './types.js';

export interface GatewayRecord extends GatewaySpec {
  spec: string;
  createTime: number;
  /** Unix ms until which the gateway is applying a route change. */
  updatingUntil: number;
}

export interface ConnectionRecord {
  id: string;
  gatewayId: string;
  customerGatewayId: string;
  name: string;
  createTime: number;
}

export class EmulatorState {
  readonly credentials: ReadonlyMap<string, EmulatorCredential>;
  readonly quota: number;
  readonly applyMs: number;
  readonly nonces = new NonceStore();
  readonly idempotency = new IdempotencyStore();
  private gateways = new Map<string, GatewayRecord>();
  private connections = new Map<string, ConnectionRecord>();
  private routeLists = new Map<string, EmulatedRoute[]>();
  /** Counts changes to routes, apply windows and claims, so the server knows when to report a new snapshot. */
  changes = 0;

  constructor(
    private readonly seed: NormalisedSeed,
    readonly now: () => number,
  ) {
    this.credentials = new Map(seed.credentials.map((c) => [c.accessKeyId, c]));
    this.quota = seed.quota;
    this.applyMs = seed.applyMs;
    this.reset();
  }

  reset(): void {
    const start = this.now();
    this.nonces.clear();
    this.idempotency.clear();
    // Seeded resources look a day old; seeded routes keep their order through distinct creation times.
    const created = start - 86_400_000;
    this.gateways = new Map(this.seed.gateways.map((g) => [g.id, { ...g, spec: '10M', createTime: created, updatingUntil: 0 }]));
    this.connections = new Map(this.seed.connections.map((c) => [c.id, { ...c, createTime: created }]));
    this.routeLists = new Map(this.seed.gateways.map((g) => [g.id, []]));
    this.seed.routes.forEach((r, i) => {
      this.routeLists.get(r.vpnGatewayId)?.push(
        makeRoute({ ...r, priority: r.priority ?? 10, createTime: created + (i + 1) * 1000 }),
      );
    });
  }

  /** Routes, apply windows and ClientToken claims as plain data. */
  snapshot(): EmulatorSnapshot {
    const updatingUntil: Record<string, number> = {};
    for (const g of this.gateways.values()) if (g.updatingUntil > 0) updatingUntil[g.id] = g.updatingUntil;
    return {
      routes: [...this.routeLists.values()].flat().map((r) => ({ ...r })),
      updatingUntil,
      clientTokens: this.idempotency.entries(),
    };
  }

  /** Replaces the seeded routes, windows and claims with a snapshot's (read with readSnapshot against this seed). */
  restore(snapshot: EmulatorSnapshot): void {
    this.routeLists = new Map(this.seed.gateways.map((g) => [g.id, []]));
    for (const route of snapshot.routes) this.routeLists.get(route.vpnGatewayId)?.push({ ...route });
    for (const g of this.gateways.values()) g.updatingUntil = snapshot.updatingUntil[g.id] ?? 0;
    this.idempotency.clear();
    this.idempotency.load(snapshot.clientTokens);
  }

  gateway(id: string): GatewayRecord | undefined {
    return this.gateways.get(id);
  }

  /** The gateway, which must exist in this region (the API scopes every ID to its region). */
  gatewayIn(id: string, regionId: string): GatewayRecord {
    const gateway = this.gateways.get(id);
    if (gateway === undefined || gateway.regionId !== regionId) throw new ApiError('InvalidVpnGatewayInstanceId.NotFound');
    return gateway;
  }

  status(gateway: GatewayRecord): string {
    return this.now() < gateway.updatingUntil ? 'updating' : gateway.status;
  }

  /** Only an active gateway takes a route change; one change at a time. */
  assertWritable(gateway: GatewayRecord): void {
    const status = this.status(gateway);
    if (status === 'updating') throw new ApiError('VpnGateway.Configuring');
    if (status !== 'active') throw new ApiError('IncorrectStatus.VpnGateway', `The VPN gateway is ${status}; only an active gateway accepts route changes.`);
  }

  startApplying(gateway: GatewayRecord): void {
    if (this.applyMs > 0) gateway.updatingUntil = this.now() + this.applyMs;
    this.changes++;
  }

  routesOf(gatewayId: string): readonly EmulatedRoute[] {
    return this.routeLists.get(gatewayId) ?? [];
  }

  addRoute(route: EmulatedRoute): void {
    const list = this.routeLists.get(route.vpnGatewayId);
    if (list === undefined) throw new Error(`no gateway ${route.vpnGatewayId}`);
    list.push(route);
    this.changes++;
  }

  removeRoute(route: EmulatedRoute): void {
    const list = this.routeLists.get(route.vpnGatewayId) ?? [];
    const index = list.indexOf(route);
    if (index >= 0) list.splice(index, 1);
    this.changes++;
  }

  /** Changes a listed route in place (its weight, priority or published state); its creation time stays. */
  updateRoute(route: EmulatedRoute, fields: Partial<Pick<EmulatedRoute, 'weight' | 'priority' | 'publishVpc'>>): void {
    Object.assign(route, fields);
    route.state = route.publishVpc ? 'published' : 'normal';
    this.changes++;
  }

  connection(id: string): ConnectionRecord | undefined {
    return this.connections.get(id);
  }

  /** The gateways of a region, in seed order. */
  gatewaysIn(regionId: string): GatewayRecord[] {
    return [...this.gateways.values()].filter((g) => g.regionId === regionId);
  }

  /** Connections whose gateway is in this region, in seed order. */
  connectionsIn(regionId: string): ConnectionRecord[] {
    return [...this.connections.values()].filter((c) => this.gateways.get(c.gatewayId)?.regionId === regionId);
  }
}

/** CreateVpnPbrRouteEntry's answer (its model declares Description and OverlayMode; empty when not given). */
export function createAnswer(route: EmulatedRoute): Record<string, unknown> {
  return {
    VpnInstanceId: route.vpnGatewayId,
    RouteSource: route.routeSource,
    RouteDest: route.routeDest,
    NextHop: route.nextHop,
    Weight: route.weight,
    Priority: route.priority,
    State: route.state,
    CreateTime: route.createTime,
    OverlayMode: route.overlayMode ?? '',
    Description: route.description ?? '',
  };
}

/** An entry of DescribeVpnPbrRouteEntries: no Description or OverlayMode; NextHopTunnelId on dual-tunnel gateways. */
export function listedRoute(route: EmulatedRoute, nextHopTunnelId: string | undefined): Record<string, unknown> {
  return {
    VpnInstanceId: route.vpnGatewayId,
    RouteSource: route.routeSource,
    RouteDest: route.routeDest,
    NextHop: route.nextHop,
    ...(nextHopTunnelId === undefined ? {} : { NextHopTunnelId: nextHopTunnelId }),
    Weight: route.weight,
    Priority: route.priority,
    State: route.state,
    CreateTime: route.createTime,
  };
}

/** The two tunnels of a connection on a dual-tunnel gateway; the first is the master, the next hop's tunnel. */
export function tunnelIds(connectionId: string): [string, string] {
  const suffix = connectionId.replace(/^vco-/, '');
  return [`tun-${suffix}1`, `tun-${suffix}2`];
}

export function makeRoute(fields: Omit<EmulatedRoute, 'state'>): EmulatedRoute {
  return { ...fields, state: fields.publishVpc ? 'published' : 'normal' };
}
