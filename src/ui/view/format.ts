// Words the card shows, kept apart from the DOM code so they are easy to read and to test.
import type { Relation, RouteTableRow } from '../route-table.js';

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
