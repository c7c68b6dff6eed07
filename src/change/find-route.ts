// Finding the one listed route a delete or a modify names, or the refusal that says which field is off.
import type { PbrRoute } from '../cloud/vpc-client.js';
import { DEFAULT_PBR_PRIORITY } from '../domain/ids.js';
import { sameTriple } from '../domain/plan-table.js';
import type { RouteIdentity } from '../domain/types.js';
import { AppError } from '../errors/app-error.js';

const NOT_FOUND = 'VpnPbrRouteEntry.NotFound';
// A gateway in these states takes a change (updating: once it is done; the flow waits for it).
const CHANGEABLE = new Set(['active', 'updating']);

/** The listed route has this identity: blocks, next hop, weight, and the priority when one is named. */
export function matchesIdentity(identity: RouteIdentity, r: PbrRoute): boolean {
  return sameTriple(identity, r) && r.weight === identity.weight && (identity.priority === undefined || (r.priority ?? DEFAULT_PBR_PRIORITY) === identity.priority);
}

/** A route's identity alone (what DeleteVpnPbrRouteEntry and the Modify* actions name it by): priority only when given. */
export function identityOf(route: RouteIdentity): RouteIdentity {
  const { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority } = route;
  return priority === undefined ? { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight } : { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority };
}

function notFound(message: string, field: string, hint: string): AppError {
  return new AppError({ code: NOT_FOUND, message, retryable: false, source: 'input', field, hint });
}

/** Exactly one listed route with this identity, or a refusal that says which field is off and what it should be. */
export function findListedRoute(identity: RouteIdentity, routes: readonly PbrRoute[], gatewayStatus: string, verb: 'delete' | 'modify'): PbrRoute {
  const list = 'call listVpnPbrRoutes (filter by routeSource, routeDest or nextHop) to see the routes and their exact fields';
  const same = routes.filter((r) => sameTriple(identity, r));
  if (same.length === 0) {
    const busy = gatewayStatus === 'updating' ? '; the gateway is applying a change, so a route created moments ago may not be listed yet: try again in a moment' : '';
    throw notFound(`No policy-based route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} is listed on ${identity.vpnGatewayId}.`, 'routeDest', `${list}${busy}`);
  }
  const byPriority = identity.priority === undefined ? same : same.filter((r) => (r.priority ?? DEFAULT_PBR_PRIORITY) === identity.priority);
  if (byPriority.length === 0) {
    const listed = [...new Set(same.map((r) => r.priority ?? DEFAULT_PBR_PRIORITY))].join(' or ');
    throw notFound(`The route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} has priority ${listed}, not ${identity.priority}.`, 'priority', `use priority ${listed}, or omit priority`);
  }
  const exact = byPriority.filter((r) => r.weight === identity.weight);
  const first = exact[0];
  if (first === undefined) {
    const listed = [...new Set(byPriority.map((r) => r.weight))].join(' or ');
    throw new AppError({
      code: 'VpnRouteEntry.InvalidWeight',
      message: `The route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} has weight ${listed}, not ${identity.weight}: a ${verb} must name the route's current weight.`,
      retryable: false,
      source: 'input',
      field: 'weight',
      hint: `use weight ${listed}`,
    });
  }
  if (exact.length > 1) {
    throw new AppError({
      code: 'VpnPbrRouteEntry.Ambiguous',
      message: `${exact.length} listed routes have this identity; name the one to ${verb} by its priority.`,
      retryable: false,
      source: 'input',
      field: 'priority',
      hint: `add priority (${exact.map((r) => r.priority ?? DEFAULT_PBR_PRIORITY).join(' or ')})`,
    });
  }
  if (!CHANGEABLE.has(gatewayStatus)) {
    throw new AppError({
      code: 'IncorrectStatus.VpnGateway',
      message: `VPN gateway ${identity.vpnGatewayId} is ${gatewayStatus}; only an active gateway takes a route change.`,
      retryable: true,
      source: 'input',
      field: 'vpnGatewayId',
      hint: 'call describeVpnGateway to see its status, and try again once it is active',
    });
  }
  return first;
}

