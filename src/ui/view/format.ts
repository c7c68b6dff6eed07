// Words the card shows, kept apart from the DOM code so they are easy to read and to test.
import type { Relation, RouteTableRow } from '../route-table.js';

/** A piece of text the card shows; `id`: an ID or CIDR block, which never breaks across lines (card.css `.id`). */
export interface Segment {
  text: string;
  id?: true;
}

export const RELATION_LABEL: Record<Relation, string> = {
  duplicate: 'same route',
  partner: 'active/standby pair',
  sameWeight: 'same weight: refused',
  samePriorityOverlap: 'overlaps at same priority: refused',
  shadowsChange: 'covers the change and wins',
  shadowedByChange: 'covered by the change',
  winsOverlap: 'overlaps, wins',
  losesOverlap: 'overlaps, loses',
};

/** "9:58" until expiry, "expired" after it. */
export function remaining(expiresAt: string, now: number): string {
  const seconds = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (!(seconds > 0)) return 'expired';
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

export function rowLabel(row: RouteTableRow): string {
  if (row.mark === 'proposed') return 'new';
  if (row.mark === 'removed') return 'removed';
  if (row.mark === 'changed') return 'changed';
  return row.relation ? RELATION_LABEL[row.relation] : '';
}

// Resource IDs (vpn-…, vco-…, vpc-…) and IPv4 CIDR blocks inside a sentence.
const ID_PATTERN = /\b(?:vpn|vco|vpc)-[0-9a-z]+\b|\b\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}\b/g;

/** A sentence cut into plain text and the IDs in it, so that the card can keep each ID on one line. */
export function splitIds(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(ID_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) segments.push({ text: text.slice(last, start) });
    segments.push({ text: match[0], id: true });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The column headings of the route table; a plan's tables also say whether each route is published (the last column, the row's relation, has none). */
export function tableHead(priorities: boolean, published = false): string[] {
  return ['Source', 'Destination', 'Next hop', 'Weight', ...(priorities ? ['Priority'] : []), ...(published ? ['VPC'] : []), ''];
}

/** One row's cells under tableHead's headings: the blocks and the next hop are IDs, the last cell the relation. */
export function rowCells(row: RouteTableRow, priorities: boolean, published = false): (Segment & { label: string })[] {
  const head = tableHead(priorities, published);
  const cells: Segment[] = [
    { text: row.routeSource, id: true },
    { text: row.routeDest, id: true },
    { text: row.nextHop, id: true },
    { text: `${row.weight} ${row.role}` },
    ...(priorities ? [{ text: String(row.priority) }] : []),
    ...(published ? [{ text: row.published ? 'published' : 'not published' }] : []),
    { text: rowLabel(row) },
  ];
  return cells.map((cell, i) => ({ ...cell, label: head[i] ?? '' }));
}
