// Conflicts between a new route and the gateway's existing policy routes, checked before calling the API.
import { cidrsOverlap, parseCanonicalCidr, parseIPv4Cidr } from './cidr.js';
import { DEFAULT_PBR_PRIORITY } from './ids.js';
import type { ExistingPbrRoute, Issue, RouteSpec } from './types.js';

export const MAX_CONFLICT_ISSUES = 10;
const HINT = 'call listVpnPbrRoutes to see the conflicting route';

// Most actionable first, so the cap never hides an exact duplicate behind overlaps.
const RANK: Record<string, number> = {
  'VpnRouteEntry.AlreadyExists': 0,
  'VpnRouteEntry.SrcDestWeightConflict': 1,
  'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap': 2,
};

function describe(r: ExistingPbrRoute): string {
  return `${r.routeSource} -> ${r.routeDest} via ${r.nextHop} (weight ${r.weight}, priority ${r.priority ?? DEFAULT_PBR_PRIORITY})`;
}

export function findRouteConflicts(
  route: Pick<RouteSpec, 'routeSource' | 'routeDest' | 'nextHop' | 'weight' | 'priority'>,
  existing: readonly ExistingPbrRoute[],
): Issue[] {
  const sourceResult = parseIPv4Cidr(route.routeSource);
  const destResult = parseIPv4Cidr(route.routeDest);
  if (!sourceResult.ok || !destResult.ok) return [];
  const source = sourceResult.cidr;
  const dest = destResult.cidr;
  const priority = route.priority ?? DEFAULT_PBR_PRIORITY;

  // One pass, cheapest test first: thousands of listed routes, almost none of which conflict.
  const found: Issue[] = [];
  for (const other of existing) {
    // The strict form is unique per block, so the same blocks are the same (already valid) text.
    if (other.routeSource === source.text && other.routeDest === dest.text) {
      // Identical blocks: a duplicate, a second route of the same weight, or a valid active/standby pair.
      if (other.nextHop === route.nextHop) {
        found.push({
          code: 'VpnRouteEntry.AlreadyExists',
          severity: 'error',
          field: 'routeDest',
          message: `the route already exists: ${describe(other)}`,
          hint: 'nothing to create; call listVpnPbrRoutes to see the existing route',
        });
      } else if (other.weight === route.weight) {
        found.push({
          code: 'VpnRouteEntry.SrcDestWeightConflict',
          severity: 'error',
          field: 'weight',
          message: `another route has the same source, destination and weight ${route.weight}: ${describe(other)}`,
          hint: `use weight ${route.weight === 100 ? 0 : 100} to make this the ${route.weight === 100 ? 'standby' : 'active'} route of the pair; ${HINT}`,
        });
      }
      continue;
    }

    if ((other.priority ?? DEFAULT_PBR_PRIORITY) !== priority) continue;
    const otherDest = parseCanonicalCidr(other.routeDest);
    if (otherDest === undefined || !cidrsOverlap(dest, otherDest)) continue;
    const otherSource = parseCanonicalCidr(other.routeSource);
    if (otherSource === undefined || !cidrsOverlap(source, otherSource)) continue;
    found.push({
      code: 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap',
      severity: 'error',
      field: 'routeDest',
      message: `a route with the same priority ${priority} has overlapping source and destination blocks: ${describe(other)}`,
      hint: `use a different priority or non-overlapping blocks; ${HINT}`,
    });
  }

  found.sort((a, b) => (RANK[a.code] ?? 9) - (RANK[b.code] ?? 9));
  if (found.length <= MAX_CONFLICT_ISSUES) return found;
  const shown = found.slice(0, MAX_CONFLICT_ISSUES);
  shown.push({
    code: 'VpnRouteEntry.MoreConflicts',
    severity: 'error',
    field: 'routeDest',
    message: `${found.length - MAX_CONFLICT_ISSUES} more conflicting routes are not listed (${found.length} in all)`,
    hint: 'call listVpnPbrRoutes to see all routes of the gateway',
  });
  return shown;
}
