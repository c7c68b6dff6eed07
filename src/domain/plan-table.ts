// The gateway's table as a change set sees it: rows, what each planned request does to them, the windows in which
// a pair lacks a route, and the rows a plan touches (written compactly, for the confirmation token). Pure.
import { DEFAULT_PBR_PRIORITY } from './ids.js';
import type { PlannedOp, RequestedChange, TableRow } from './plan-types.js';

export const stateOf = (publishVpc: boolean) => (publishVpc ? 'published' : 'normal');

const blocks = (r: Pick<TableRow, 'routeSource' | 'routeDest'>) => `${r.routeSource} -> ${r.routeDest}`;
export const sameTriple = (a: Pick<TableRow, 'routeSource' | 'routeDest' | 'nextHop'>, b: Pick<TableRow, 'routeSource' | 'routeDest' | 'nextHop'>) =>
  a.routeSource === b.routeSource && a.routeDest === b.routeDest && a.nextHop === b.nextHop;

/** The row a delete or modify names: same blocks and next hop, its weight, and its priority when one is named. */
export function findRow(table: readonly TableRow[], named: { routeSource: string; routeDest: string; nextHop: string; weight: number; priority?: number }): TableRow | undefined {
  return table.find((r) => sameTriple(r, named) && r.weight === named.weight && (named.priority === undefined || r.priority === named.priority));
}

/** The table after one planned request. */
export function applyOp(table: readonly TableRow[], op: PlannedOp): TableRow[] {
  switch (op.op) {
    case 'create': {
      const { routeSource, routeDest, nextHop, weight, priority, publishVpc } = op.route;
      return [...table, { routeSource, routeDest, nextHop, weight, priority: priority ?? DEFAULT_PBR_PRIORITY, state: stateOf(publishVpc) }];
    }
    case 'delete':
      return table.filter((r) => !sameTriple(r, op.row));
    case 'weightPriority':
      return table.map((r) => (sameTriple(r, op.row) ? { ...r, weight: op.newWeight ?? r.weight, priority: op.newPriority ?? r.priority } : r));
    case 'publish':
      // PublishVpnRouteEntry names destination and next hop only: every route with both flips.
      return table.map((r) => (r.routeDest === op.row.routeDest && r.nextHop === op.row.nextHop ? { ...r, state: stateOf(op.publishVpc) } : r));
  }
}

/** The table before every request and after the last: tables[k] is the table after k requests. */
export function tablesOf(table: readonly TableRow[], ops: readonly PlannedOp[]): TableRow[][] {
  const tables = [[...table]];
  for (const op of ops) tables.push(applyOp(tables.at(-1) ?? [], op));
  return tables;
}

/** The source and destination blocks the changes name: their rows (and their pairs' other routes) are the touched ones. */
export function touchedBlocks(changes: readonly RequestedChange[]): Set<string> {
  return new Set(changes.map(blocks));
}

/** One row as text, in a fixed form: `192.168.1.0/24>10.0.0.0/24@vco-a:100:10:published`. */
export function rowText(r: TableRow): string {
  return `${r.routeSource}>${r.routeDest}@${r.nextHop}:${r.weight}:${r.priority}:${r.state}`;
}

export function rowFromText(text: string): TableRow | undefined {
  const match = /^([^>]+)>([^@]+)@([^:]+):(\d+):(\d+):([a-z]*)$/.exec(text);
  if (!match) return undefined;
  const [, routeSource, routeDest, nextHop, weight, priority, state] = match as unknown as string[];
  return { routeSource: routeSource as string, routeDest: routeDest as string, nextHop: nextHop as string, weight: Number(weight), priority: Number(priority), state: state as string };
}

/** Rows as sorted text joined by `;`: one spelling per table. */
export function tableText(rows: readonly TableRow[]): string {
  return rows.map(rowText).sort().join(';');
}

/** Which pairs lack a route, an active or a standby between two steps while they have one before and after the plan. */
export function windowsOf(tables: readonly TableRow[][]): string[] {
  const first = tables[0] ?? [];
  const last = tables.at(-1) ?? [];
  const keys = new Set([...first, ...last].map(blocks));
  const windows: { from: number; text: string }[] = [];
  for (const key of keys) {
    const rows = (t: readonly TableRow[]) => t.filter((r) => blocks(r) === key);
    const has = (t: readonly TableRow[], what: 'route' | 'active' | 'standby') =>
      rows(t).some((r) => what === 'route' || (what === 'active' ? r.weight === 100 : r.weight === 0));
    for (const what of ['route', 'active', 'standby'] as const) {
      if (!has(first, what) || !has(last, what)) continue;
      let from: number | undefined;
      for (let k = 1; k < tables.length - 1; k++) {
        const lacks = !has(tables[k] ?? [], what);
        if (lacks && from === undefined) from = k;
        if (!lacks && from !== undefined) {
          windows.push({ from, text: windowText(key, what, from, k) });
          from = undefined;
        }
      }
      if (from !== undefined) windows.push({ from, text: windowText(key, what, from, tables.length - 1) });
    }
  }
  // In the order they open.
  return windows.sort((a, b) => a.from - b.from).map((w) => w.text);
}

/** Lacking after step `from` until step `to` restores it: "between steps 1 and 3 … has no standby route (weight 0)". */
function windowText(key: string, what: 'route' | 'active' | 'standby', from: number, to: number): string {
  const lack = what === 'route' ? 'no route at all: its traffic has no policy route' : what === 'active' ? 'no active route (weight 100)' : 'no standby route (weight 0)';
  return `between steps ${from} and ${to} ${key} has ${lack}`;
}
