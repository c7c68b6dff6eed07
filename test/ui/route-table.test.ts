// The approval card's table: where the change lands among the gateway's routes and how each route relates to it.
import { describe, expect, it } from 'vitest';
import type { ExistingPbrRoute } from '../../src/domain/types.js';
import { buildRouteTable, planTables, relationTo } from '../../src/ui/route-table.js';
import { remaining } from '../../src/ui/view/format.js';

const r = (routeSource: string, routeDest: string, nextHop: string, weight: number, priority?: number): ExistingPbrRoute =>
  priority === undefined ? { routeSource, routeDest, nextHop, weight } : { routeSource, routeDest, nextHop, weight, priority };

const NEW = r('192.168.1.0/24', '10.0.0.0/24', 'vco-a', 100, 10);

describe('relationTo (how a listed route relates to the changed one)', () => {
  it.each([
    ['the same route', r('192.168.1.0/24', '10.0.0.0/24', 'vco-a', 0, 10), 'duplicate'],
    ['the standby of an active/standby pair (same blocks, weight 0 vs 100)', r('192.168.1.0/24', '10.0.0.0/24', 'vco-b', 0, 10), 'partner'],
    ['same blocks and weight on another next hop', r('192.168.1.0/24', '10.0.0.0/24', 'vco-b', 100, 10), 'sameWeight'],
    ['overlapping blocks at the same priority', r('192.168.0.0/16', '10.0.0.0/8', 'vco-b', 100, 10), 'samePriorityOverlap'],
    ['overlapping blocks at the default priority (none given)', r('192.168.0.0/16', '10.0.0.0/8', 'vco-b', 100), 'samePriorityOverlap'],
    ['a higher-priority route that covers it entirely', r('192.168.0.0/16', '10.0.0.0/8', 'vco-b', 100, 5), 'shadowsChange'],
    ['a lower-priority route it covers entirely', r('192.168.1.0/25', '10.0.0.0/25', 'vco-b', 100, 50), 'shadowedByChange'],
    ['a higher-priority route that overlaps in part', r('192.168.1.128/25', '10.0.0.0/8', 'vco-b', 100, 5), 'winsOverlap'],
    ['a lower-priority route that overlaps in part', r('192.168.0.0/16', '10.0.0.128/25', 'vco-b', 100, 50), 'losesOverlap'],
  ] as const)('%s', (_, other, relation) => {
    expect(relationTo(NEW, other)).toBe(relation);
  });

  it('finds no relation when only one of the two blocks overlaps', () => {
    expect(relationTo(NEW, r('192.168.1.0/24', '10.9.0.0/24', 'vco-b', 100, 10))).toBeUndefined();
    expect(relationTo(NEW, r('172.16.0.0/12', '10.0.0.0/24', 'vco-b', 100, 10))).toBeUndefined();
  });
});

describe('buildRouteTable', () => {
  const existing = [
    r('192.168.50.0/24', '10.50.0.0/24', 'vco-a', 100, 20),
    r('192.168.1.0/24', '10.0.0.0/24', 'vco-b', 0, 10),
    r('192.168.0.0/16', '10.0.0.0/8', 'vco-b', 100, 5),
  ];

  it('places a created route among the existing ones in priority order, then most specific first', () => {
    const table = buildRouteTable({ change: 'create', route: NEW, existing, priorities: true });
    expect(table.rows.map((row) => [row.routeSource, row.priority, row.mark ?? row.relation ?? ''])).toEqual([
      ['192.168.0.0/16', 5, 'shadowsChange'],
      ['192.168.1.0/24', 10, 'proposed'],
      ['192.168.1.0/24', 10, 'partner'],
      ['192.168.50.0/24', 20, ''],
    ]);
    expect(table.rows.find((row) => row.relation === 'partner')?.role).toBe('standby');
  });

  it('says in plain words that the new route would never match, and whom it pairs with', () => {
    const { notes } = buildRouteTable({ change: 'create', route: NEW, existing, priorities: true });
    expect(notes).toContain('192.168.0.0/16 -> 10.0.0.0/8 (priority 5) covers this route entirely and wins: the new route would never match.');
    expect(notes).toContain('Active/standby pair: the new route is the active of 192.168.1.0/24 -> 10.0.0.0/24 via vco-b.');
  });

  it('marks the removed route of a delete in place instead of adding a row', () => {
    const removed = existing[1] as ExistingPbrRoute;
    const table = buildRouteTable({ change: 'delete', route: removed, existing, priorities: true });
    expect(table.rows).toHaveLength(3);
    expect(table.rows.filter((row) => row.mark === 'removed')).toEqual([expect.objectContaining({ nextHop: 'vco-b', weight: 0 })]);
  });

  it('uses the default priority 10 for routes of a gateway without priorities', () => {
    const table = buildRouteTable({ change: 'create', route: r('192.168.9.0/24', '10.9.0.0/24', 'vco-a', 100), existing: [], priorities: false });
    expect(table).toMatchObject({ priorities: false, rows: [{ priority: 10, mark: 'proposed', role: 'active' }], notes: [] });
  });
});

describe('remaining (the token countdown)', () => {
  it('counts minutes and seconds down to "expired"', () => {
    const at = Date.parse('2026-12-01T12:00:00Z');
    expect(remaining('2026-12-01T12:09:58Z', at)).toBe('9:58');
    expect(remaining('2026-12-01T12:00:05Z', at)).toBe('0:05');
    expect(remaining('2026-12-01T12:00:00Z', at)).toBe('expired');
    expect(remaining('not a date', at)).toBe('expired');
  });
});

describe('planTables (a plan on the card: the table before and after)', () => {
  const row = (nextHop: string, weight: number, priority: number, state: string) => ({ routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop, weight, priority, state });
  it('marks, before, what the plan removes or changes and, after, what it adds or changes, each in the gateway order', () => {
    const before = [row('vco-b', 0, 30, 'normal'), row('vco-a', 100, 20, 'published'), row('vco-c', 100, 5, 'published')];
    const after = [row('vco-a', 0, 20, 'published'), row('vco-d', 100, 30, 'normal'), row('vco-c', 100, 5, 'published')];
    const { before: b, after: a } = planTables(before, after);
    expect(b.map((r) => `${r.nextHop}:${r.mark ?? ''}:${r.published}`)).toEqual(['vco-c::true', 'vco-a:changed:true', 'vco-b:removed:false']);
    expect(a.map((r) => `${r.nextHop}:${r.mark ?? ''}:${r.role}`)).toEqual(['vco-c::active', 'vco-a:changed:standby', 'vco-d:proposed:active']);
  });
});
