// The planner of a change set: the changes asked for, in order, become the requests the API accepts, each checked
// against the table as it will be when it runs. What the API's rules require is inserted and says why: the swap of
// an active/standby pair becomes delete the standby, change the active, recreate the standby with its new values.
import { findRouteConflicts } from './conflicts.js';
import { checkModifyValues } from './modify-rules.js';
import { applyOp, findRow, sameTriple, stateOf, tablesOf, windowsOf } from './plan-table.js';
import type { PlannedOp, PlanTarget, RequestedChange, TableRow } from './plan-types.js';
import { checkRouteOnGateway, checkRouteValues, type GatewayFacts } from './route-rules.js';
import type { Issue } from './types.js';

export interface Plan {
  ops: PlannedOp[];
  /** tables[k]: the table after k requests (tables[0]: as listed). */
  tables: TableRow[][];
  windows: string[];
  /** Errors refuse the plan; each names its change (`changes[2].weight`). */
  issues: Issue[];
  warnings: Issue[];
}

const WHY_DELETE =
  "the API changes the weight of a pair's route only while its partner is not listed (ModifyVpnPbrRouteEntryWeight: delete the standby route first, change the active one, then configure the standby again)";
const NO_DESCRIPTION = 'route listings carry no description, so a route recreated from one has none';

const pairOf = (row: TableRow, table: readonly TableRow[]) => table.find((r) => r.routeSource === row.routeSource && r.routeDest === row.routeDest && r.nextHop !== row.nextHop);

export function planChanges(target: PlanTarget, table: readonly TableRow[], gateway?: GatewayFacts, nextHops?: ReadonlySet<string>): Plan {
  const ops: PlannedOp[] = [];
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const consumed = new Set<number>();
  let t = [...table];
  const push = (op: PlannedOp) => {
    ops.push(op);
    t = applyOp(t, op);
  };
  const { changes } = target;

  changes.forEach((change, i) => {
    if (consumed.has(i)) return;
    const step = ops.length + 1;
    const found: Issue[] = [];
    const problem = (code: string, field: string, message: string, hint?: string) => found.push({ code, severity: 'error', field, message, ...(hint ? { hint } : {}) });
    for (const issue of offlineIssues(change, target)) found.push(issue);
    if (change.op === 'create') {
      if (gateway) found.push(...checkRouteOnGateway({ ...change, regionId: target.regionId, vpnGatewayId: target.vpnGatewayId }, gateway).filter((x) => x.severity === 'error'));
      if (nextHops && !nextHops.has(change.nextHop)) problem('InvalidNextHop.NotFound', 'nextHop', `${change.nextHop} is not an IPsec-VPN connection of ${target.vpnGatewayId}`, `use one of ${[...nextHops].join(', ')}`);
      if (found.length === 0) found.push(...findRouteConflicts(change, t).filter((x) => x.severity === 'error'));
      if (found.length === 0) push({ op: 'create', change: i, route: withoutOp(change) });
    } else {
      const row = found.length === 0 ? findRow(t, change) : undefined;
      if (found.length === 0 && row === undefined) {
        problem('VpnPbrRouteEntry.NotFound', 'routeDest', `no route ${change.routeSource} -> ${change.routeDest} via ${change.nextHop} with weight ${change.weight}${change.priority === undefined ? '' : ` and priority ${change.priority}`} is listed when step ${step} runs`, 'call listVpnPbrRoutes and name the route as it will be then');
      }
      if (row && change.op === 'delete') push({ op: 'delete', change: i, row, ...(change.priority === undefined ? {} : { priority: change.priority }) });
      if (row && change.op === 'modify') planModify(change, i, row, problem);
    }
    for (const issue of found) issues.push({ ...issue, field: `changes[${i}].${issue.field ?? 'op'}`, message: `change ${i + 1} (${change.op}): ${issue.message}` });
  });

  /** A modify: weight and/or priority in one request, publishing in another; a pair's weight through the swap. */
  /** Returns nothing useful: an early `return problem(…)` only ends it. */
  function planModify(change: Extract<RequestedChange, { op: 'modify' }>, i: number, row: TableRow, problem: (code: string, field: string, message: string, hint?: string) => unknown): unknown {
    const newWeight = change.newWeight !== undefined && change.newWeight !== row.weight ? change.newWeight : undefined;
    const newPriority = change.newPriority !== undefined && change.newPriority !== row.priority ? change.newPriority : undefined;
    const publish = change.publishVpc !== undefined && stateOf(change.publishVpc) !== row.state ? change.publishVpc : undefined;
    if (newWeight === undefined && newPriority === undefined && publish === undefined) return problem('NothingToModify', 'newWeight', 'the route has these values already');
    if (newPriority !== undefined && gateway && !gateway.pbrPriority) return problem('VpnPbrRouteEntryPriority.NotSupport', 'newPriority', `${target.vpnGatewayId} does not support route priorities`);
    if (newWeight !== undefined && gateway?.dualTunnel) return problem('InvalidParameter.NewWeight', 'newWeight', `${target.vpnGatewayId} is dual-tunnel: a weight change has no effect there`);
    if (newPriority !== undefined) {
      const overlaps = findRouteConflicts({ ...row, priority: newPriority }, t.filter((r) => !sameTriple(r, row))).filter((x) => x.code === 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap');
      for (const o of overlaps) problem(o.code, 'newPriority', o.message, o.hint);
      if (overlaps.length > 0) return;
    }
    const partner = newWeight === undefined ? undefined : pairOf(row, t);
    if (partner) {
      const j = changes.findIndex((c, k) => k > i && !consumed.has(k) && c.op === 'modify' && sameTriple(c, partner) && c.newWeight !== undefined && c.newWeight !== partner.weight);
      if (j >= 0) return planSwap(change, i, row, changes[j] as Extract<RequestedChange, { op: 'modify' }>, j, partner);
      const k = changes.findIndex((c, n) => n > i && !consumed.has(n) && c.op === 'delete' && sameTriple(c, partner));
      if (k < 0) {
        return problem('PartnerRouteListed', 'newWeight', `${partner.routeSource} -> ${partner.routeDest} via ${partner.nextHop} (weight ${partner.weight}) is this route's partner: the two would share a weight`, "change the partner's weight in the same set (a swap: the planner orders it), or delete the partner first");
      }
      consumed.add(k);
      push({ op: 'delete', change: k, row: partner, inserted: `moved before change ${i + 1}: ${WHY_DELETE}` });
    }
    const named = change.priority;
    if (newWeight !== undefined || newPriority !== undefined) push({ op: 'weightPriority', change: i, row, priority: named, newWeight, newPriority });
    if (publish !== undefined) {
      const now = t.find((r) => sameTriple(r, row)) ?? row;
      push({ op: 'publish', change: i, row: now, priority: named === undefined ? undefined : now.priority, publishVpc: publish });
      const alike = t.filter((r) => r.routeDest === row.routeDest && r.nextHop === row.nextHop && !sameTriple(r, row));
      if (alike.length > 0) warnings.push({ code: 'PublishNamesDestination', severity: 'warning', field: `changes[${i}].publishVpc`, message: `publishing names a route by destination and next hop only, so ${alike.map((r) => `${r.routeSource} -> ${r.routeDest}`).join(', ')} change${alike.length === 1 ? 's' : ''} too` });
    }
  }

  /** Delete the standby, change the active as asked, recreate the standby with the values asked for it. */
  function planSwap(a: Extract<RequestedChange, { op: 'modify' }>, i: number, aRow: TableRow, b: Extract<RequestedChange, { op: 'modify' }>, j: number, bRow: TableRow): void {
    consumed.add(j);
    const [active, activeRow, activeIdx, standby, standbyRow, standbyIdx] = aRow.weight === 0 ? [b, bRow, j, a, aRow, i] : [a, aRow, i, b, bRow, j];
    const deleteStep = ops.length + 1;
    push({ op: 'delete', change: standbyIdx, row: standbyRow, inserted: WHY_DELETE });
    push({ op: 'weightPriority', change: activeIdx, row: activeRow, priority: active.priority, newWeight: active.newWeight, ...(active.newPriority === undefined || active.newPriority === activeRow.priority ? {} : { newPriority: active.newPriority }) });
    if (active.publishVpc !== undefined && stateOf(active.publishVpc) !== activeRow.state) {
      push({ op: 'publish', change: activeIdx, row: t.find((r) => sameTriple(r, activeRow)) ?? activeRow, publishVpc: active.publishVpc });
    }
    const route = {
      routeSource: standbyRow.routeSource,
      routeDest: standbyRow.routeDest,
      nextHop: standbyRow.nextHop,
      weight: standby.newWeight ?? standbyRow.weight,
      priority: standby.newPriority ?? standbyRow.priority,
      publishVpc: standby.publishVpc ?? standbyRow.state === 'published',
    };
    const why = `recreates the route deleted in step ${deleteStep} with the change asked for it (weight ${route.weight}), its priority ${route.priority} and its publish state (${route.publishVpc ? 'published' : 'not published'}); ${NO_DESCRIPTION}`;
    push({ op: 'create', change: standbyIdx, route, inserted: why });
    warnings.push({ code: 'DescriptionNotKept', severity: 'warning', field: `changes[${standbyIdx}]`, message: `${route.routeSource} -> ${route.routeDest} via ${route.nextHop} is deleted and recreated to swap the pair: ${NO_DESCRIPTION}` });
  }

  if (target.onFailure === 'rollback' && ops.some((op) => op.op === 'delete' && !op.inserted)) {
    warnings.push({ code: 'RollbackWithoutDescription', severity: 'warning', field: 'onFailure', message: `a rollback recreates a deleted route without its description: ${NO_DESCRIPTION}` });
  }
  const tables = tablesOf(table, ops);
  return { ops, tables, windows: issues.length > 0 ? [] : windowsOf(tables), issues, warnings };
}

function withoutOp<T extends { op: string }>(change: T): Omit<T, 'op'> {
  const { op: _op, ...rest } = change;
  return rest;
}

/** Every change's offline problems, each named by its change (`changes[1].routeDest`). */
export function planOfflineIssues(target: PlanTarget): Issue[] {
  return target.changes.flatMap((change, i) =>
    offlineIssues(change, target).map((issue) => ({ ...issue, field: `changes[${i}].${issue.field ?? 'op'}`, message: `change ${i + 1} (${change.op}): ${issue.message}` })),
  );
}

/** The offline rules of one change's values (the set's region and gateway are checked once, not per change). */
function offlineIssues(change: RequestedChange, target: PlanTarget): Issue[] {
  const located = { regionId: target.regionId, vpnGatewayId: target.vpnGatewayId };
  const asRoute = change.op === 'create' ? { ...withoutOp(change), ...located } : { ...withoutOp(change), publishVpc: false, ...located };
  const values = checkRouteValues(asRoute).filter((x) => x.severity === 'error' && x.field !== 'regionId' && x.field !== 'vpnGatewayId');
  return change.op === 'modify' ? [...values, ...checkModifyValues(change)] : values;
}
