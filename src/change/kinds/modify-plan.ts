// A modify is a change set of one change (domain/plan.ts plans both): weight and/or priority in one request
// (Attribute, Weight or Priority), publishing in another, each only when it changes something; and the listed route's
// facts after each request (a resume reads them).
import type { TokenFacts } from '../../confirm/token.js';
import { planChanges, sameTriple } from '../../domain/index.js';
import type { PlanTarget, TableRow } from '../../domain/index.js';
import type { ModifyTarget } from '../../domain/types.js';
import type { Step } from '../change-kind.js';
import { identityOf } from '../find-route.js';
import { perFacts } from '../per-facts.js';
import type { RouteFacts } from '../route-facts.js';
import { toStep } from './apply-plan.js';

export interface ModifyPlan {
  steps: Step[];
  /** The tables the plan goes through, tables[0] as given. */
  tables: TableRow[][];
  /** The route's facts after each step. */
  after: RouteFacts[];
  /** What changes, field by field. */
  changes: { field: 'weight' | 'priority' | 'publishVpc'; from: number | boolean; to: number | boolean }[];
}

/** The modify as a change set of one change on its gateway. */
export function asPlanTarget(target: ModifyTarget): PlanTarget {
  const { regionId, vpnGatewayId, ...change } = target;
  return { regionId, vpnGatewayId, changes: [{ op: 'modify', ...change }], onFailure: 'stop' };
}

/** The previewed facts as route facts (a token carries them as plain values). */
export function asRouteFacts(facts: TokenFacts | undefined): RouteFacts | undefined {
  if (facts === undefined || typeof facts.weight !== 'number' || typeof facts.priority !== 'number') return undefined;
  return { weight: facts.weight, priority: facts.priority, state: typeof facts.state === 'string' ? facts.state : null, createTime: typeof facts.createTime === 'number' ? facts.createTime : null };
}

/** Plans the modify on `rows` (the gateway's, at the preview; the route's row alone, from the token, at the confirm). */
export function planModify(target: ModifyTarget, current: RouteFacts, rows?: readonly TableRow[]): ModifyPlan {
  const row: TableRow = { routeSource: target.routeSource, routeDest: target.routeDest, nextHop: target.nextHop, weight: current.weight, priority: current.priority, state: current.state ?? 'normal' };
  const planTarget = asPlanTarget(target);
  const plan = planChanges(planTarget, rows ?? [row]);
  const rowAfter = (table: readonly TableRow[]) => table.find((r) => sameTriple(r, row)) ?? row;
  const changes: ModifyPlan['changes'] = [];
  for (const op of plan.ops) {
    if (op.op === 'weightPriority' && op.newWeight !== undefined) changes.push({ field: 'weight', from: op.row.weight, to: op.newWeight });
    if (op.op === 'weightPriority' && op.newPriority !== undefined) changes.push({ field: 'priority', from: op.row.priority, to: op.newPriority });
    if (op.op === 'publish') changes.push({ field: 'publishVpc', from: op.row.state === 'published', to: op.publishVpc });
  }
  return {
    steps: plan.ops.map((op) => toStep(planTarget, op)),
    tables: plan.tables,
    after: plan.tables.slice(1).map((table) => {
      const r = rowAfter(table);
      return { weight: r.weight, priority: r.priority, state: r.state, createTime: current.createTime };
    }),
    changes,
  };
}

/** The plan again at the confirm, from the route's facts the token carries; undefined when it carries none. */
export const planFromFacts = perFacts((target: ModifyTarget, facts): ModifyPlan | undefined => {
  const current = asRouteFacts(facts);
  return current && planModify(target, current);
});

/** "weight 100 -> 0, priority 20 -> 30 and withdrawn from the VPC route table". */
export function changesText(changes: ModifyPlan['changes']): string {
  const parts = changes.map((c) =>
    c.field === 'publishVpc' ? (c.to ? 'published to the VPC route table' : 'withdrawn from the VPC route table') : `${c.field} ${String(c.from)} -> ${String(c.to)}`,
  );
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The modifyVpnPbrRoute arguments that put the route back as it was. */
export function undoModify(target: ModifyTarget, plan: ModifyPlan): Record<string, unknown> {
  const last = plan.after.at(-1);
  const identity = identityOf(target);
  const undo: Record<string, unknown> = { ...identity, weight: last?.weight ?? identity.weight };
  if (identity.priority !== undefined || plan.changes.some((c) => c.field === 'priority')) undo.priority = last?.priority;
  for (const c of plan.changes) undo[c.field === 'publishVpc' ? 'publishVpc' : c.field === 'weight' ? 'newWeight' : 'newPriority'] = c.from;
  return undo;
}
