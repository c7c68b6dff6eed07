// Finding the one listed route a delete or a modify names, or the refusal that says which field is off.
import type { PbrRoute } from '../cloud/vpc-client.js';
import { DEFAULT_PBR_PRIORITY } from '../domain/ids.js';
import { sameTriple } from '../domain/plan-table.js';
import type { RouteIdentity } from '../domain/types.js';
import { AppError } from '../errors/app-error.js';

const NOT_FOUND = 'VpnPbrRouteEntry.NotFound';
// A gateway in these states takes a change (updating: once it is done; the flow waits for it).
export const CHANGEABLE: ReadonlySet<string> = new Set(['active', 'updating']);

/** The listed route has this identity: blocks, next hop, weight, and the priority when one is named. */
export function matchesIdentity(identity: RouteIdentity, r: PbrRoute): boolean {
  return sameTriple(identity, r) && r.weight === identity.weight && (identity.priority === undefined || (r.priority ?? DEFAULT_PBR_PRIORITY) === identity.priority);
}

/** A route's identity alone (what DeleteVpnPbrRouteEntry and the Modify* actions name it by): priority only when given. */
export function identityOf(route: RouteIdentity): RouteIdentity {
  const { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority } = route;
  return priority === undefined ? { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight } : { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority };
}

/** A refusal of the call's input: `field` is off, `hint` says what to do. */
export function inputRefusal(code: string, field: string, message: string, hint: string, retryable = false): AppError {
  return new AppError({ code, message, retryable, source: 'input', field, hint });
}

/** Exactly one listed route with this identity, or a refusal that says which field is off and what it should be. */
export function findListedRoute(identity: RouteIdentity, routes: readonly PbrRoute[], gatewayStatus: string, verb: 'delete' | 'modify'): PbrRoute {
  const list = 'call listVpnPbrRoutes (filter by routeSource, routeDest or nextHop) to see the routes and their exact fields';
  const same = routes.filter((r) => sameTriple(identity, r));
  if (same.length === 0) {
    const busy = gatewayStatus === 'updating' ? '; the gateway is applying a change, so a route created moments ago may not be listed yet: try again in a moment' : '';
    throw inputRefusal(NOT_FOUND, 'routeDest', `No policy-based route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} is listed on ${identity.vpnGatewayId}.`, `${list}${busy}`);
  }
  const byPriority = identity.priority === undefined ? same : same.filter((r) => (r.priority ?? DEFAULT_PBR_PRIORITY) === identity.priority);
  if (byPriority.length === 0) {
    const listed = [...new Set(same.map((r) => r.priority ?? DEFAULT_PBR_PRIORITY))].join(' or ');
    throw inputRefusal(NOT_FOUND, 'priority', `The route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} has priority ${listed}, not ${identity.priority}.`, `use priority ${listed}, or omit priority`);
  }
  const exact = byPriority.filter((r) => r.weight === identity.weight);
  const first = exact[0];
  if (first === undefined) {
    const listed = [...new Set(byPriority.map((r) => r.weight))].join(' or ');
    throw inputRefusal(
      'VpnRouteEntry.InvalidWeight',
      'weight',
      `The route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} has weight ${listed}, not ${identity.weight}: a ${verb} must name the route's current weight.`,
      `use weight ${listed}`,
    );
  }
  if (exact.length > 1) {
    throw inputRefusal(
      'VpnPbrRouteEntry.Ambiguous',
      'priority',
      `${exact.length} listed routes have this identity; name the one to ${verb} by its priority.`,
      `add priority (${exact.map((r) => r.priority ?? DEFAULT_PBR_PRIORITY).join(' or ')})`,
    );
  }
  if (!CHANGEABLE.has(gatewayStatus)) {
    throw inputRefusal(
      'IncorrectStatus.VpnGateway',
      'vpnGatewayId',
      `VPN gateway ${identity.vpnGatewayId} is ${gatewayStatus}; only an active gateway takes a route change.`,
      'call describeVpnGateway to see its status, and try again once it is active',
      true,
    );
  }
  return first;
}

