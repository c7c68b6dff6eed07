// The service's rules for changing a listed policy route (ModifyVpnPbrRouteEntryWeight/Priority/Attribute,
// PublishVpnRouteEntry, DeleteVpnPbrRouteEntry's look-up), from Alibaba's documentation (/work/notes/pbr-modify-api.md).
// Each rule says its source: [sure] SDK models/remarks, [docs] one doc page, [guess] our reading (codes borrowed
// from CreateVpnPbrRouteEntry's table where no Modify page showed its own). test/emulator/rule-cases.ts lists them.
import { cidrsOverlap, sameCidr } from '../domain/cidr.js';
import { ApiError, invalidParameter } from './api-error.js';
import { cidr } from './rules.js';
import type { EmulatedRoute } from './types.js';

/** How a request names a listed route: its blocks, next hop and current weight (and priority, when sent). */
interface RouteNaming {
  routeSource?: string;
  routeDest: string;
  nextHop: string;
  weight?: number;
  priority?: number;
}

// [guess] No source names a not-found code for a route; this one is invented (and used by the delete too).
const ROUTE_NOT_FOUND = 'VpnPbrRouteEntry.NotFound';

// New values: [sure] a weight is 0 or 100, a priority 1 to 100 (rules.ts: checkWeightValue, checkPriorityValue);
// [guess] the codes, Create's and the RPC gateway's InvalidParameter.

/**
 * The route the request names: same blocks and next hop (and priority when sent) [sure: the parameters identify it];
 * [guess] not found → ROUTE_NOT_FOUND, another weight than the route's → VpnRouteEntry.InvalidWeight.
 */
export function findNamedRoute(routes: readonly EmulatedRoute[], naming: RouteNaming): EmulatedRoute {
  const route = routes.find(
    (r) =>
      (naming.routeSource === undefined || r.routeSource === naming.routeSource) &&
      r.routeDest === naming.routeDest &&
      r.nextHop === naming.nextHop &&
      (naming.priority === undefined || r.priority === naming.priority),
  );
  if (route === undefined) {
    throw new ApiError(ROUTE_NOT_FOUND, 'The specified policy-based route does not exist (no route with this RouteSource, RouteDest, NextHop and Priority).');
  }
  if (naming.weight !== undefined && route.weight !== naming.weight) {
    throw new ApiError('VpnRouteEntry.InvalidWeight', `Invalid route entry weight value: the route's weight is ${route.weight}, not ${naming.weight}.`);
  }
  return route;
}

/**
 * [docs] "delete the standby policy-based route first, modify the active …; likewise the other way round": on a
 * single-tunnel gateway, the weight of a route whose active/standby partner (same blocks, another next hop) is
 * listed cannot change. [guess] the code: VpnRouteEntry.SrcDestWeightConflict (the pair would share a weight).
 */
export function checkPartnerRule(route: EmulatedRoute, newWeight: number, routes: readonly EmulatedRoute[]): void {
  if (newWeight === route.weight) return;
  const partner = routes.some((r) => r !== route && r.routeSource === route.routeSource && r.routeDest === route.routeDest && r.nextHop !== route.nextHop);
  if (partner) throw new ApiError('VpnRouteEntry.SrcDestWeightConflict');
}

/** [guess] Create's rule at the new priority: overlapping blocks (not identical ones) at the same priority are refused. */
export function checkNewPriority(route: EmulatedRoute, newPriority: number, routes: readonly EmulatedRoute[]): void {
  const source = cidr(route.routeSource);
  const dest = cidr(route.routeDest);
  for (const other of routes) {
    if (other === route || other.priority !== newPriority) continue;
    const otherSource = cidr(other.routeSource);
    const otherDest = cidr(other.routeDest);
    if (sameCidr(source, otherSource) && sameCidr(dest, otherDest)) continue;
    if (cidrsOverlap(source, otherSource) && cidrsOverlap(dest, otherDest)) throw new ApiError('VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap');
  }
}

/** [sure] RouteType is `pbr` (policy-based) or `dbr` (destination-based); [guess] the code for another value. */
export function checkRouteType(routeType: string): void {
  if (routeType !== 'pbr' && routeType !== 'dbr') throw invalidParameter('RouteType', `"${routeType}" is not supported; use pbr or dbr.`);
}
