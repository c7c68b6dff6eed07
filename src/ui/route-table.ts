// The approval card's route table: the gateway's policy routes in the order the gateway weighs them, with the
// proposed (or removed) route placed among them and each row's relation to it. Pure: no I/O, no DOM.
import { cidrContains, cidrsOverlap, type Ipv4Cidr, parseListedCidr, sameCidr } from '../domain/cidr.js';
import type { ChangeKindName } from '../domain/change-kinds.js';
import { DEFAULT_PBR_PRIORITY } from '../domain/ids.js';
import { sameTriple } from '../domain/plan-table.js';
import type { TableRow } from '../domain/plan-types.js';
import type { ExistingPbrRoute } from '../domain/types.js';

/** The change a card shows (domain/change-kinds.ts). */
export type ChangeKind = ChangeKindName;

/** How a listed route relates to the route being changed (the first that applies). */
export type Relation =
  | 'duplicate' // same source, destination and next hop
  | 'partner' // same source and destination, the other weight: the active/standby pair
  | 'sameWeight' // same source, destination and weight, another next hop: the API refuses it
  | 'samePriorityOverlap' // same priority, both blocks overlap: the API refuses it
  | 'shadowsChange' // wins on priority and covers the changed route entirely: it would never match
  | 'shadowedByChange' // the changed route wins and covers this one entirely
  | 'winsOverlap' // overlaps, wins where they overlap
  | 'losesOverlap'; // overlaps, the changed route wins where they overlap

export interface RouteTableRow {
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  /** The effective priority (the API default when the route has none). */
  priority: number;
  role: 'active' | 'standby';
  /** `proposed`: the route a create adds; `removed`: the route a delete removes; `changed`: a plan changes it. */
  mark?: 'proposed' | 'removed' | 'changed';
  relation?: Relation;
  /** Plans only: whether the route is advertised to the VPC route table. */
  published?: boolean;
}

export interface RouteTable {
  rows: RouteTableRow[];
  /** Whether the gateway supports priorities (else the column means nothing and the card hides it). */
  priorities: boolean;
  /** Plain sentences about what the table shows that a human should not miss. */
  notes: string[];
}

export interface RouteTableInput {
  change: ChangeKind;
  route: ExistingPbrRoute;
  existing: readonly ExistingPbrRoute[];
  priorities: boolean;
}

function cidr(text: string): Ipv4Cidr | undefined {
  const parsed = parseListedCidr(text);
  return parsed.ok ? parsed.cidr : undefined;
}

function effectivePriority(route: ExistingPbrRoute): number {
  return route.priority ?? DEFAULT_PBR_PRIORITY;
}

function sameRoute(a: ExistingPbrRoute, b: ExistingPbrRoute): boolean {
  return a.routeSource === b.routeSource && a.routeDest === b.routeDest && a.nextHop === b.nextHop && a.weight === b.weight;
}

/** How `other` relates to `change`; undefined when their blocks do not meet. */
export function relationTo(change: ExistingPbrRoute, other: ExistingPbrRoute): Relation | undefined {
  const [source, dest, otherSource, otherDest] = [change.routeSource, change.routeDest, other.routeSource, other.routeDest].map(cidr);
  if (!source || !dest || !otherSource || !otherDest) return undefined;
  if (sameCidr(source, otherSource) && sameCidr(dest, otherDest)) {
    if (other.nextHop === change.nextHop) return 'duplicate';
    return other.weight === change.weight ? 'sameWeight' : 'partner';
  }
  if (!cidrsOverlap(source, otherSource) || !cidrsOverlap(dest, otherDest)) return undefined;
  const mine = effectivePriority(change);
  const theirs = effectivePriority(other);
  if (mine === theirs) return 'samePriorityOverlap';
  // Smaller value = higher priority: the winner takes the traffic where both match.
  if (theirs < mine) return cidrContains(otherSource, source) && cidrContains(otherDest, dest) ? 'shadowsChange' : 'winsOverlap';
  return cidrContains(source, otherSource) && cidrContains(dest, otherDest) ? 'shadowedByChange' : 'losesOverlap';
}

function prefixes(route: ExistingPbrRoute): number {
  return (cidr(route.routeSource)?.prefix ?? 0) + (cidr(route.routeDest)?.prefix ?? 0);
}

/** The gateway's order: higher priority first, then the more specific blocks, then by text for a stable order. */
function compareRows(a: RouteTableRow, b: RouteTableRow): number {
  return (
    a.priority - b.priority ||
    prefixes(b) - prefixes(a) ||
    a.routeDest.localeCompare(b.routeDest) ||
    a.routeSource.localeCompare(b.routeSource) ||
    b.weight - a.weight ||
    a.nextHop.localeCompare(b.nextHop)
  );
}

function row(route: ExistingPbrRoute): RouteTableRow {
  return {
    routeSource: route.routeSource,
    routeDest: route.routeDest,
    nextHop: route.nextHop,
    weight: route.weight,
    priority: effectivePriority(route),
    role: route.weight === 100 ? 'active' : 'standby',
  };
}

const NOTE: Partial<Record<Relation, (r: RouteTableRow, change: ChangeKind) => string>> = {
  partner: (r, change) =>
    change === 'create'
      ? `Active/standby pair: the new route is the ${r.role === 'active' ? 'standby' : 'active'} of ${r.routeSource} -> ${r.routeDest} via ${r.nextHop}.`
      : `${r.routeSource} -> ${r.routeDest} via ${r.nextHop} loses its ${r.role === 'active' ? 'standby' : 'active'} partner.`,
  shadowsChange: (r, change) =>
    change === 'create'
      ? `${r.routeSource} -> ${r.routeDest} (priority ${r.priority}) covers this route entirely and wins: the new route would never match.`
      : `${r.routeSource} -> ${r.routeDest} (priority ${r.priority}) covered this route entirely: removing it changes no traffic while that route stays.`,
  shadowedByChange: (r, change) =>
    change === 'create'
      ? `The new route covers ${r.routeSource} -> ${r.routeDest} (priority ${r.priority}) entirely and wins: that route would no longer match.`
      : `${r.routeSource} -> ${r.routeDest} (priority ${r.priority}) matches again once this route is removed.`,
};

export function buildRouteTable(input: RouteTableInput): RouteTable {
  const { change, route } = input;
  const rows: RouteTableRow[] = [];
  let placed = false;
  for (const other of input.existing) {
    if (change === 'delete' && !placed && sameRoute(route, other)) {
      rows.push({ ...row(other), mark: 'removed' });
      placed = true;
      continue;
    }
    const relation = relationTo(route, other);
    rows.push(relation ? { ...row(other), relation } : row(other));
  }
  if (!placed) rows.push({ ...row(route), mark: change === 'create' ? 'proposed' : 'removed' });
  rows.sort(compareRows);
  const notes = rows.flatMap((r) => {
    const note = r.relation ? NOTE[r.relation] : undefined;
    return note ? [note(r, change)] : [];
  });
  return { rows, priorities: input.priorities, notes };
}

/**
 * A plan's table before and after, in the gateway's order, each row marked against the other table: before, a
 * route the plan removes or changes; after, a route it adds or changes.
 */
export function planTables(before: readonly TableRow[], after: readonly TableRow[]): { before: RouteTableRow[]; after: RouteTableRow[] } {
  const same = (a: TableRow, b: TableRow) => a.weight === b.weight && a.priority === b.priority && a.state === b.state;
  const marked = (rows: readonly TableRow[], other: readonly TableRow[], gone: 'removed' | 'proposed') =>
    rows
      .map((r): RouteTableRow => {
        const twin = other.find((o) => sameTriple(o, r));
        const mark = twin === undefined ? gone : same(twin, r) ? undefined : 'changed';
        return { ...row(r), published: r.state === 'published', ...(mark ? { mark } : {}) };
      })
      .sort(compareRows);
  return { before: marked(before, after, 'removed'), after: marked(after, before, 'proposed') };
}
