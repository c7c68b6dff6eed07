// Which listed policy routes a listVpnPbrRoutes filter selects. Pure: no I/O.
import { cidrContains, cidrsOverlap, type Ipv4Cidr, parseIPv4Cidr, parseListedCidr, sameCidr } from './cidr.js';
import type { ExistingPbrRoute, Issue } from './types.js';

/** exact: the same block; within: the listed block lies inside the given one; overlap: they share an address. */
export const CIDR_MATCHES = ['exact', 'within', 'overlap'] as const;
export type CidrMatch = (typeof CIDR_MATCHES)[number];

export interface RouteFilter {
  routeSource?: string;
  routeDest?: string;
  nextHop?: string;
  cidrMatch?: CidrMatch;
}

interface CompiledFilter {
  source?: Ipv4Cidr;
  dest?: Ipv4Cidr;
  nextHop?: string;
  match: CidrMatch;
}

const TESTS: Record<CidrMatch, (given: Ipv4Cidr, listed: Ipv4Cidr) => boolean> = {
  exact: sameCidr,
  within: cidrContains,
  overlap: cidrsOverlap,
};

/** Parses the filter's blocks; a malformed one is an issue (the caller refuses the call). */
export function compileRouteFilter(filter: RouteFilter): { filter?: CompiledFilter; issues: Issue[] } {
  const issues: Issue[] = [];
  const block = (field: 'routeSource' | 'routeDest'): Ipv4Cidr | undefined => {
    const text = filter[field];
    if (text === undefined) return undefined;
    const parsed = parseIPv4Cidr(text);
    if (parsed.ok) return parsed.cidr;
    issues.push({ code: 'InvalidCidrBlock.Malformed', severity: 'error', field, message: parsed.reason, hint: parsed.hint });
    return undefined;
  };
  const source = block('routeSource');
  const dest = block('routeDest');
  if (issues.length > 0) return { issues };
  return { filter: { source, dest, nextHop: filter.nextHop, match: filter.cidrMatch ?? 'exact' }, issues };
}

function blockMatches(given: Ipv4Cidr | undefined, listedText: string, match: CidrMatch): boolean {
  if (given === undefined) return true;
  const listed = parseListedCidr(listedText);
  // A listed block we cannot parse can only be matched by its exact text.
  if (!listed.ok) return match === 'exact' && listedText === given.text;
  return TESTS[match](given, listed.cidr);
}

export function routeMatches(route: ExistingPbrRoute, filter: CompiledFilter): boolean {
  return (
    (filter.nextHop === undefined || route.nextHop === filter.nextHop) &&
    blockMatches(filter.source, route.routeSource, filter.match) &&
    blockMatches(filter.dest, route.routeDest, filter.match)
  );
}

/** "routeDest within 10.0.0.0/8, nextHop vco-…" for summaries; empty when nothing filters. */
export function describeRouteFilter(filter: RouteFilter): string {
  const match = filter.cidrMatch ?? 'exact';
  const parts: string[] = [];
  for (const field of ['routeSource', 'routeDest'] as const) {
    const value = filter[field];
    if (value !== undefined) parts.push(match === 'exact' ? `${field} ${value}` : `${field} ${match} ${value}`);
  }
  if (filter.nextHop !== undefined) parts.push(`nextHop ${filter.nextHop}`);
  return parts.join(', ');
}
