// One table of route cases → the code Alibaba's API answers, run against the emulator and against validateRoute.
// Where validateRoute deliberately answers otherwise (its own code, with a better hint), `validator` says so and why.
import type { EmulatorSeed } from '../../src/emulator/index.js';

export const RULE_SEED: EmulatorSeed = {
  applyMs: 0,
  quota: 3,
  gateways: [
    { id: 'vpn-prio', pbrPriority: true },
    { id: 'vpn-legacy' },
    { id: 'vpn-dual', dualTunnel: true, pbrPriority: true },
    { id: 'vpn-locked', businessStatus: 'FinancialLocked', pbrPriority: true },
    { id: 'vpn-full', pbrPriority: true },
  ],
  connections: [
    { id: 'vco-prio1', gatewayId: 'vpn-prio' },
    { id: 'vco-prio2', gatewayId: 'vpn-prio' },
    { id: 'vco-legacy1', gatewayId: 'vpn-legacy' },
    { id: 'vco-dual1', gatewayId: 'vpn-dual' },
    { id: 'vco-dual2', gatewayId: 'vpn-dual' },
    { id: 'vco-locked1', gatewayId: 'vpn-locked' },
    { id: 'vco-full1', gatewayId: 'vpn-full' },
  ],
  routes: [
    { vpnGatewayId: 'vpn-prio', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-prio1', weight: 100, priority: 20 },
    { vpnGatewayId: 'vpn-dual', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-dual1', weight: 100, priority: 20 },
    ...[1, 2, 3].map((i) => ({ vpnGatewayId: 'vpn-full', routeSource: `172.16.${i}.0/24`, routeDest: '10.0.0.0/24', nextHop: 'vco-full1', weight: 100, priority: i })),
  ],
};

/** A route in the tools' argument form; each case overrides some of it. */
export interface RouteArgs {
  regionId: string;
  vpnGatewayId: string;
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  publishVpc: boolean;
  priority?: number;
  description?: string;
  overlayMode?: string;
}

export const BASE: RouteArgs = {
  regionId: 'cn-hangzhou',
  vpnGatewayId: 'vpn-prio',
  routeSource: '192.168.1.0/24',
  routeDest: '10.0.0.0/24',
  nextHop: 'vco-prio1',
  weight: 100,
  publishVpc: true,
};

export interface RuleCase {
  name: string;
  route: Partial<RouteArgs>;
  /** What CreateVpnPbrRouteEntry with DryRun answers; DryRunOperation means the route passes. */
  alibaba: string;
  /** Where validateRoute reports another code ('valid': it finds no problem), and why. */
  validator?: { code: string; why: string };
}

const OWN_CODE = 'our own code names the argument and carries a hint; the API only says InvalidParameter';
const OFFLINE_ID = 'checked offline from the ID pattern, before any look-up, with an example ID in the hint';

export const RULE_CASES: readonly RuleCase[] = [
  { name: 'a valid route', route: {}, alibaba: 'DryRunOperation' },
  { name: 'the standby half of an active/standby pair', route: { routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-prio2', weight: 0, priority: 20 }, alibaba: 'DryRunOperation' },
  { name: 'a source with host bits', route: { routeSource: '192.168.1.5/24' }, alibaba: 'InvalidCidrBlock.Malformed' },
  { name: 'a destination octet over 255', route: { routeDest: '10.0.300.0/24' }, alibaba: 'InvalidCidrBlock.Malformed' },
  { name: 'a prefix over 32', route: { routeDest: '10.0.0.0/33' }, alibaba: 'InvalidCidrBlock.Malformed' },
  { name: 'an IPv6 destination', route: { routeDest: 'fd00::/8' }, alibaba: 'InvalidCidrBlock.Malformed' },
  { name: 'the default route as destination (single tunnel)', route: { routeDest: '0.0.0.0/0' }, alibaba: 'IllegalParam.RouteDest' },
  { name: 'a destination inside 100.64.0.0/10 (single tunnel)', route: { routeDest: '100.64.1.0/24' }, alibaba: 'IllegalParam.RouteDest' },
  { name: 'a destination containing 100.64.0.0/10 (single tunnel)', route: { routeDest: '100.0.0.0/8' }, alibaba: 'IllegalParam.RouteDest' },
  { name: 'a destination just outside 100.64.0.0/10', route: { routeDest: '100.128.0.0/24' }, alibaba: 'DryRunOperation' },
  { name: 'weight 50', route: { weight: 50 }, alibaba: 'VpnRouteEntry.InvalidWeight' },
  { name: 'priority 0', route: { priority: 0 }, alibaba: 'InvalidParameter', validator: { code: 'InvalidParameter.Priority', why: OWN_CODE } },
  { name: 'priority 101', route: { priority: 101 }, alibaba: 'InvalidParameter', validator: { code: 'InvalidParameter.Priority', why: OWN_CODE } },
  { name: 'priorities 1 and 100', route: { priority: 1, routeDest: '10.0.1.0/24' }, alibaba: 'DryRunOperation' },
  { name: 'a description starting with https://', route: { description: 'https://example.com' }, alibaba: 'InvalidParameter', validator: { code: 'InvalidParameter.Description', why: OWN_CODE } },
  { name: 'a description of 101 characters', route: { description: 'x'.repeat(101) }, alibaba: 'InvalidParameter', validator: { code: 'InvalidParameter.Description', why: OWN_CODE } },
  { name: 'a description of 100 characters', route: { description: 'x'.repeat(100) }, alibaba: 'DryRunOperation' },
  { name: 'overlay mode Gre', route: { overlayMode: 'Gre' }, alibaba: 'InvalidParameter', validator: { code: 'InvalidParameter.OverlayMode', why: OWN_CODE } },
  { name: 'overlay mode Ipsec', route: { overlayMode: 'Ipsec' }, alibaba: 'DryRunOperation' },
  { name: 'an unknown gateway', route: { vpnGatewayId: 'vpn-nothere' }, alibaba: 'InvalidVpnGatewayInstanceId.NotFound' },
  { name: 'a gateway ID of the wrong form', route: { vpnGatewayId: 'gateway-1' }, alibaba: 'InvalidVpnGatewayInstanceId.NotFound', validator: { code: 'InvalidParameter.VpnGatewayId', why: OFFLINE_ID } },
  { name: 'a next hop of the wrong form', route: { nextHop: 'tunnel-1' }, alibaba: 'InvalidNextHop.NotFound', validator: { code: 'InvalidParameter.NextHop', why: OFFLINE_ID } },
  { name: 'an unknown next hop', route: { nextHop: 'vco-nothere' }, alibaba: 'InvalidNextHop.NotFound' },
  { name: "another gateway's connection as next hop", route: { nextHop: 'vco-legacy1' }, alibaba: 'InvalidNextHop.NotFound' },
  { name: 'a financially locked gateway', route: { vpnGatewayId: 'vpn-locked', nextHop: 'vco-locked1' }, alibaba: 'VpnGateway.FinancialLocked' },
  { name: 'a priority on a gateway without priority support', route: { vpnGatewayId: 'vpn-legacy', nextHop: 'vco-legacy1', priority: 10 }, alibaba: 'VpnPbrRouteEntryPriority.NotSupport' },
  { name: 'no priority on a gateway without priority support', route: { vpnGatewayId: 'vpn-legacy', nextHop: 'vco-legacy1' }, alibaba: 'DryRunOperation' },
  { name: 'the same source and destination (single tunnel)', route: { routeSource: '10.0.0.0/24', routeDest: '10.0.0.0/24' }, alibaba: 'DryRunOperation' },
  { name: 'the same source and destination (dual tunnel)', route: { vpnGatewayId: 'vpn-dual', nextHop: 'vco-dual1', routeSource: '10.0.0.0/24', routeDest: '10.0.0.0/24' }, alibaba: 'VpnRouteEntry.SrcDestConflict' },
  { name: 'the same route again', route: { routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-prio1', weight: 0, priority: 20 }, alibaba: 'VpnRouteEntry.AlreadyExists' },
  { name: 'same blocks and weight via another connection (single tunnel)', route: { routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-prio2', priority: 20 }, alibaba: 'VpnRouteEntry.SrcDestWeightConflict' },
  { name: 'overlapping blocks at the same priority', route: { routeSource: '192.168.10.128/25', routeDest: '10.10.0.0/16', priority: 20 }, alibaba: 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap' },
  { name: 'overlapping blocks at another priority', route: { routeSource: '192.168.10.128/25', routeDest: '10.10.0.0/16', priority: 21 }, alibaba: 'DryRunOperation' },
  {
    name: 'a route beyond the quota',
    route: { vpnGatewayId: 'vpn-full', nextHop: 'vco-full1', priority: 50 },
    alibaba: 'CreatePbrRoutesQuotaFull.QuotaFull',
    validator: { code: 'valid', why: 'no API tells the quota; only the dry run of createVpnPbrRoute meets it' },
  },
];

// validateRoute applies the single-tunnel limits before it knows the gateway's kind: stricter than the API on a
// dual-tunnel gateway (it refuses what the gateway accepts). Not deliberate; kept visible here until it changes.
const SINGLE_TUNNEL_LIMITS = "validateRoute checks the single-tunnel limits offline, before it knows the gateway's kind";

/** The documented differences of dual-tunnel gateways: no destination limits, Weight ignored. */
export const DUAL_TUNNEL_CASES: readonly RuleCase[] = [
  {
    name: 'the default route as destination (dual tunnel)',
    route: { vpnGatewayId: 'vpn-dual', nextHop: 'vco-dual1', routeDest: '0.0.0.0/0', priority: 30 },
    alibaba: 'DryRunOperation',
    validator: { code: 'IllegalParam.RouteDest', why: SINGLE_TUNNEL_LIMITS },
  },
  {
    name: 'a destination inside 100.64.0.0/10 (dual tunnel)',
    route: { vpnGatewayId: 'vpn-dual', nextHop: 'vco-dual1', routeDest: '100.64.1.0/24' },
    alibaba: 'DryRunOperation',
    validator: { code: 'IllegalParam.RouteDest', why: SINGLE_TUNNEL_LIMITS },
  },
  {
    name: 'same blocks and weight via another connection (dual tunnel)',
    route: { vpnGatewayId: 'vpn-dual', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-dual2', priority: 20 },
    alibaba: 'DryRunOperation',
    validator: { code: 'VpnRouteEntry.SrcDestWeightConflict', why: 'validateRoute treats every gateway as single-tunnel when comparing weights' },
  },
];

// The rules for changing a listed route (Modify*, PublishVpnRouteEntry), with each rule's source and confidence:
// [sure] SDK models and remarks, [docs] one documentation page, [guess] our reading (see src/emulator/modify-rules.ts
// and /work/notes/pbr-modify-api.md). Each case runs on the seed afresh.
export const MODIFY_SEED: EmulatorSeed = {
  applyMs: 0,
  gateways: [
    { id: 'vpn-prio', pbrPriority: true },
    { id: 'vpn-legacy' },
    { id: 'vpn-dual', dualTunnel: true, pbrPriority: true },
    { id: 'vpn-locked', businessStatus: 'FinancialLocked', pbrPriority: true },
  ],
  connections: [
    { id: 'vco-prio1', gatewayId: 'vpn-prio' },
    { id: 'vco-prio2', gatewayId: 'vpn-prio' },
    { id: 'vco-legacy1', gatewayId: 'vpn-legacy' },
    { id: 'vco-dual1', gatewayId: 'vpn-dual' },
    { id: 'vco-dual2', gatewayId: 'vpn-dual' },
    { id: 'vco-locked1', gatewayId: 'vpn-locked' },
  ],
  routes: [
    // An active/standby pair, a lone route, and a route that overlaps the lone one at priority 40.
    { vpnGatewayId: 'vpn-prio', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-prio1', weight: 100, priority: 20, publishVpc: true },
    { vpnGatewayId: 'vpn-prio', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-prio2', weight: 0, priority: 20, publishVpc: false },
    { vpnGatewayId: 'vpn-prio', routeSource: '192.168.20.0/24', routeDest: '10.20.0.0/24', nextHop: 'vco-prio1', weight: 100, priority: 30, publishVpc: true },
    { vpnGatewayId: 'vpn-prio', routeSource: '192.168.20.128/25', routeDest: '10.20.0.0/16', nextHop: 'vco-prio2', weight: 100, priority: 40, publishVpc: false },
    { vpnGatewayId: 'vpn-legacy', routeSource: '192.168.30.0/24', routeDest: '10.30.0.0/24', nextHop: 'vco-legacy1', weight: 100, publishVpc: true },
    { vpnGatewayId: 'vpn-dual', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-dual1', weight: 100, priority: 20, publishVpc: true },
    { vpnGatewayId: 'vpn-dual', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-dual2', weight: 100, priority: 20, publishVpc: true },
    { vpnGatewayId: 'vpn-locked', routeSource: '192.168.40.0/24', routeDest: '10.40.0.0/24', nextHop: 'vco-locked1', weight: 100, priority: 20, publishVpc: true },
  ],
};

export type ModifyAction = 'ModifyVpnPbrRouteEntryWeight' | 'ModifyVpnPbrRouteEntryPriority' | 'ModifyVpnPbrRouteEntryAttribute' | 'PublishVpnRouteEntry';

/** The lone route on vpn-prio, as every case names it unless it says otherwise. */
export const LONE = { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-prio', RouteSource: '192.168.20.0/24', RouteDest: '10.20.0.0/24', NextHop: 'vco-prio1', Weight: 100 };
const ACTIVE = { ...LONE, RouteSource: '192.168.10.0/24', RouteDest: '10.10.0.0/24' };
const STANDBY = { ...ACTIVE, NextHop: 'vco-prio2', Weight: 0 };

export interface ModifyCase {
  name: string;
  action: ModifyAction;
  params: Record<string, string | number | boolean>;
  /** `Success`, or the error code the API answers. */
  alibaba: string;
  /** Where the rule comes from, and how sure it is. */
  source: string;
  /** The named route's listed fields afterwards (a success that changes nothing leaves them as seeded). */
  after?: { Weight?: number; Priority?: number; State?: string };
}

const PUBLISH = { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-prio', RouteDest: '10.20.0.0/24', NextHop: 'vco-prio1', RouteType: 'pbr' };

export const MODIFY_CASES: readonly ModifyCase[] = [
  { name: 'a lone route to standby', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, NewWeight: 0 }, alibaba: 'Success', source: '[sure] SDK', after: { Weight: 0 } },
  { name: 'the same weight again', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, NewWeight: 100 }, alibaba: 'Success', source: '[guess] a no-op succeeds', after: { Weight: 100 } },
  { name: 'weight 50', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, NewWeight: 50 }, alibaba: 'VpnRouteEntry.InvalidWeight', source: '[sure] 0 or 100; [guess] the code' },
  { name: 'the active route of a pair to 0 (the partner is listed)', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...ACTIVE, NewWeight: 0 }, alibaba: 'VpnRouteEntry.SrcDestWeightConflict', source: '[docs] delete the standby first; [guess] the code' },
  { name: 'the standby route of a pair to 100', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...STANDBY, NewWeight: 100 }, alibaba: 'VpnRouteEntry.SrcDestWeightConflict', source: '[docs] likewise the other way round; [guess] the code' },
  { name: 'a weight change on a dual-tunnel pair', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...ACTIVE, VpnGatewayId: 'vpn-dual', NextHop: 'vco-dual1', NewWeight: 0 }, alibaba: 'Success', source: '[sure] succeeds without effect', after: { Weight: 100 } },
  { name: 'a wrong current weight', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, Weight: 0, NewWeight: 100 }, alibaba: 'VpnRouteEntry.InvalidWeight', source: '[sure] Weight is the current one; [guess] the code' },
  { name: 'a wrong current priority', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, Priority: 31, NewWeight: 0 }, alibaba: 'VpnPbrRouteEntry.NotFound', source: '[sure] must equal the configured one; [guess] the code, invented' },
  { name: 'an unlisted route', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, RouteDest: '10.21.0.0/24', NewWeight: 0 }, alibaba: 'VpnPbrRouteEntry.NotFound', source: '[guess] the code, invented (no source names one)' },
  { name: 'a weight change on a locked gateway', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, VpnGatewayId: 'vpn-locked', RouteSource: '192.168.40.0/24', RouteDest: '10.40.0.0/24', NextHop: 'vco-locked1', NewWeight: 0 }, alibaba: 'VpnGateway.FinancialLocked', source: '[docs] error table' },
  { name: 'an unknown gateway', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, VpnGatewayId: 'vpn-nothere', NewWeight: 0 }, alibaba: 'InvalidVpnGatewayInstanceId.NotFound', source: '[docs] error table' },
  { name: 'a weight change naming a priority on a gateway without priorities', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, VpnGatewayId: 'vpn-legacy', RouteSource: '192.168.30.0/24', RouteDest: '10.30.0.0/24', NextHop: 'vco-legacy1', Priority: 10, NewWeight: 0 }, alibaba: 'VpnPbrRouteEntryPriority.NotSupport', source: '[guess] as Create' },
  { name: 'a weight change on a gateway without priorities', action: 'ModifyVpnPbrRouteEntryWeight', params: { ...LONE, VpnGatewayId: 'vpn-legacy', RouteSource: '192.168.30.0/24', RouteDest: '10.30.0.0/24', NextHop: 'vco-legacy1', NewWeight: 0 }, alibaba: 'Success', source: '[sure] the only modify such gateways take', after: { Weight: 0 } },
  { name: 'a priority change', action: 'ModifyVpnPbrRouteEntryPriority', params: { ...LONE, Priority: 30, NewPriority: 35 }, alibaba: 'Success', source: '[sure] SDK', after: { Priority: 35 } },
  { name: 'a priority change without the current priority', action: 'ModifyVpnPbrRouteEntryPriority', params: { ...LONE, NewPriority: 35 }, alibaba: 'Success', source: '[sure] Priority is optional there', after: { Priority: 35 } },
  { name: 'priority 101', action: 'ModifyVpnPbrRouteEntryPriority', params: { ...LONE, NewPriority: 101 }, alibaba: 'InvalidParameter', source: '[sure] 1 to 100; [guess] the code' },
  { name: 'a priority that overlaps another route at that priority', action: 'ModifyVpnPbrRouteEntryPriority', params: { ...LONE, NewPriority: 40 }, alibaba: 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap', source: "[guess] Create's rule at the new priority" },
  { name: 'a priority change on a gateway without priorities', action: 'ModifyVpnPbrRouteEntryPriority', params: { ...LONE, VpnGatewayId: 'vpn-legacy', RouteSource: '192.168.30.0/24', RouteDest: '10.30.0.0/24', NextHop: 'vco-legacy1', NewPriority: 5 }, alibaba: 'VpnPbrRouteEntryPriority.NotSupport', source: '[sure] only where supported; [guess] the code' },
  { name: 'weight and priority at once', action: 'ModifyVpnPbrRouteEntryAttribute', params: { ...LONE, Priority: 30, NewWeight: 0, NewPriority: 35 }, alibaba: 'Success', source: '[sure] SDK', after: { Weight: 0, Priority: 35 } },
  { name: 'an attribute change without the current priority', action: 'ModifyVpnPbrRouteEntryAttribute', params: { ...LONE, NewPriority: 35 }, alibaba: 'MissingPriority', source: '[sure] Priority is required there' },
  { name: 'an attribute change with no new value', action: 'ModifyVpnPbrRouteEntryAttribute', params: { ...LONE, Priority: 30 }, alibaba: 'InvalidParameter', source: '[sure] at least one; [guess] the code' },
  { name: "an attribute weight change on a pair's active route", action: 'ModifyVpnPbrRouteEntryAttribute', params: { ...ACTIVE, Priority: 20, NewWeight: 0 }, alibaba: 'VpnRouteEntry.SrcDestWeightConflict', source: '[docs] the partner rule holds for any weight change; [guess] the code' },
  { name: 'a priority change on a dual-tunnel gateway', action: 'ModifyVpnPbrRouteEntryAttribute', params: { ...ACTIVE, VpnGatewayId: 'vpn-dual', NextHop: 'vco-dual1', Priority: 20, NewPriority: 25 }, alibaba: 'Success', source: '[sure] dual tunnel: priority only', after: { Priority: 25, Weight: 100 } },
  { name: 'a withdraw', action: 'PublishVpnRouteEntry', params: { ...PUBLISH, PublishVpc: false }, alibaba: 'Success', source: '[sure] SDK', after: { State: 'normal' } },
  { name: 'a publish', action: 'PublishVpnRouteEntry', params: { ...PUBLISH, RouteDest: '10.10.0.0/24', NextHop: 'vco-prio2', PublishVpc: true }, alibaba: 'Success', source: '[sure] SDK', after: { State: 'published' } },
  { name: 'a publish with RouteSource (ignored)', action: 'PublishVpnRouteEntry', params: { ...PUBLISH, RouteSource: '192.168.99.0/24', PublishVpc: false }, alibaba: 'Success', source: '[terraform] sends it and works; [guess] ignored', after: { State: 'normal' } },
  { name: 'a publish of an unlisted destination', action: 'PublishVpnRouteEntry', params: { ...PUBLISH, RouteDest: '10.21.0.0/24', PublishVpc: false }, alibaba: 'VpnPbrRouteEntry.NotFound', source: '[guess] the code, invented' },
  { name: 'route type xyz', action: 'PublishVpnRouteEntry', params: { ...PUBLISH, RouteType: 'xyz', PublishVpc: false }, alibaba: 'InvalidParameter', source: '[sure] pbr or dbr; [guess] the code' },
  { name: 'a publish on a locked gateway', action: 'PublishVpnRouteEntry', params: { ...PUBLISH, VpnGatewayId: 'vpn-locked', RouteDest: '10.40.0.0/24', NextHop: 'vco-locked1', PublishVpc: false }, alibaba: 'VpnGateway.FinancialLocked', source: '[guess] as the other changes' },
];
