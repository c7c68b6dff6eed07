// A change set's plan as the flow needs it: the planned requests as steps (and their inverses, for a rollback),
// the facts its token binds (the rows it touches, and a digest of the rest), and the plan's ID.
import { createHash } from 'node:crypto';
import type { PbrRoute } from '../../cloud/vpc-client.js';
import type { TokenFacts } from '../../confirm/token.js';
import { perFacts } from '../per-facts.js';
import { DEFAULT_PBR_PRIORITY } from '../../domain/ids.js';
import { planChanges, rowFromText, stateOf, tableText, touchedBlocks } from '../../domain/index.js';
import type { Plan, PlannedOp, PlanTarget, TableRow } from '../../domain/index.js';
import type { RouteIdentity } from '../../domain/types.js';
import { canonicalJson } from '../../util.js';
import type { Step } from '../change-kind.js';
import { createStep, deleteStep, publishStep, weightPriorityStep } from '../route-steps.js';

export function describePlan(target: PlanTarget): string {
  return `${target.changes.length} change${target.changes.length === 1 ? '' : 's'} on ${target.vpnGatewayId} (${target.regionId})`;
}

export function toRows(routes: readonly PbrRoute[]): TableRow[] {
  return routes.map((r) => ({ routeSource: r.routeSource, routeDest: r.routeDest, nextHop: r.nextHop, weight: r.weight, priority: r.priority ?? DEFAULT_PBR_PRIORITY, state: r.state ?? 'normal' }));
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/** The plan's ID: a digest of the changes and onFailure (the token binds it; every audit line of its steps names it). */
export function planId(target: PlanTarget): string {
  return digest(canonicalJson({ changes: target.changes, onFailure: target.onFailure }));
}

/** Whether a row is one the changes touch (its blocks are named by a change). */
function touchedBy(target: PlanTarget): (r: TableRow) => boolean {
  const touched = touchedBlocks(target.changes);
  return (r) => touched.has(`${r.routeSource} -> ${r.routeDest}`);
}

/** The rows the changes touch, as text: what the token binds of them, and how a table is compared with the plan's. */
export function touchedText(target: PlanTarget, rows: readonly TableRow[]): string {
  return tableText(rows.filter(touchedBy(target)));
}

/** What the token binds of the table: the rows the changes touch, as text, and a digest of all the others. */
export function tableFacts(target: PlanTarget, rows: readonly TableRow[]): TokenFacts {
  const isTouched = touchedBy(target);
  return { touched: touchedText(target, rows), rest: digest(tableText(rows.filter((r) => !isTouched(r)))) };
}

/** The touched rows the token carries. */
export function touchedRows(facts: TokenFacts | undefined): TableRow[] | undefined {
  if (typeof facts?.touched !== 'string') return undefined;
  const rows = facts.touched === '' ? [] : facts.touched.split(';').map(rowFromText);
  return rows.every((r) => r !== undefined) ? (rows as TableRow[]) : undefined;
}

/** The plan again at the confirm, from the rows the token carries (its checks ran at the preview, on the whole table). */
export const replan = perFacts((target: PlanTarget, facts): Plan | undefined => {
  const rows = touchedRows(facts);
  return rows && planChanges(target, rows);
});

const named = (target: PlanTarget, row: TableRow, priority: number | undefined): RouteIdentity => ({
  regionId: target.regionId,
  vpnGatewayId: target.vpnGatewayId,
  routeSource: row.routeSource,
  routeDest: row.routeDest,
  nextHop: row.nextHop,
  weight: row.weight,
  ...(priority === undefined ? {} : { priority }),
});

export function toStep(target: PlanTarget, op: PlannedOp): Step {
  switch (op.op) {
    case 'create':
      return createStep({ ...op.route, regionId: target.regionId, vpnGatewayId: target.vpnGatewayId }, op.inserted);
    case 'delete':
      return deleteStep(named(target, op.row, op.priority), op.inserted);
    case 'weightPriority':
      return weightPriorityStep(named(target, op.row, op.priority), op.row.priority, { newWeight: op.newWeight, newPriority: op.newPriority }, op.inserted);
    case 'publish':
      return publishStep(named(target, op.row, op.priority), op.publishVpc, op.inserted);
  }
}

/** The request that undoes `op` (a deleted route comes back without its description: listings carry none). */
export function inverseStep(target: PlanTarget, op: PlannedOp): Step {
  const why = 'rollback';
  switch (op.op) {
    case 'create':
      return deleteStep(named(target, { ...op.route, priority: op.route.priority ?? DEFAULT_PBR_PRIORITY, state: stateOf(op.route.publishVpc) }, op.route.priority), why);
    case 'delete':
      return createStep({ ...named(target, op.row, op.row.priority), publishVpc: op.row.state === 'published' }, why);
    case 'weightPriority': {
      const after = { ...op.row, weight: op.newWeight ?? op.row.weight, priority: op.newPriority ?? op.row.priority };
      const back = { ...(op.newWeight === undefined ? {} : { newWeight: op.row.weight }), ...(op.newPriority === undefined ? {} : { newPriority: op.row.priority }) };
      return weightPriorityStep(named(target, after, op.priority === undefined ? undefined : after.priority), after.priority, back, why);
    }
    case 'publish':
      return publishStep(named(target, op.row, op.priority), op.row.state === 'published', why);
  }
}
