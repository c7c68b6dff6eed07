// A change set on one gateway (applyRouteChanges), as the change flow needs it. The preview reads the gateway, its
// routes and connections, and plans (domain/plan.ts): every request checked against the table as it will be then,
// the requests the API's rules need inserted. The token binds the plan's ID and the table (the rows it touches, and a
// digest of the rest): a confirm that finds neither that table nor the one its first k steps leave sends nothing.
import type { CallContext } from '../../call-context.js';
import { checkGatewayLocation, hasErrors, planChanges, planOfflineIssues } from '../../domain/index.js';
import type { Issue, PlanTarget } from '../../domain/index.js';
import { routeRefused } from '../../errors/factories.js';
import { checkPolicy } from '../../policy.js';
import type { SteppedChange } from '../change-kind.js';
import { CHANGEABLE, inputRefusal } from '../find-route.js';
import { describePlan, inverseStep, planId, replan, tableFacts, toRows, toStep, touchedText } from './apply-plan.js';
import { stepsPreview } from '../steps-view.js';
import { reportPlan, rowsView } from './apply-report.js';
import { whereText } from './create-route.js';

/** The set's region, gateway and allowlists, and every change's values: what needs no API call. */
export function planIssues(target: PlanTarget, ctx: Pick<CallContext, 'config'>): Issue[] {
  return [...checkGatewayLocation(target), ...checkPolicy(target, ctx.config), ...planOfflineIssues(target)];
}

/** "the rows it touches changed: …" from the previewed and the listed facts. */
function describeTableChange(previewed: Record<string, unknown>, now: Record<string, unknown> | undefined): string {
  const rows = (text: unknown) => new Set(typeof text === 'string' && text !== '' ? text.split(';') : []);
  const before = rows(previewed.touched);
  const after = rows(now?.touched);
  const gone = [...before].filter((r) => !after.has(r));
  const added = [...after].filter((r) => !before.has(r));
  const parts: string[] = [];
  if (gone.length > 0) parts.push(`no longer listed as previewed: ${gone.join(', ')}`);
  if (added.length > 0) parts.push(`listed now: ${added.join(', ')}`);
  if (previewed.rest !== now?.rest) parts.push('routes the plan does not touch changed too');
  return `The gateway's routes are neither the previewed table nor one this plan's own steps leave (${parts.join('; ') || 'they differ'}).`;
}

export const applyChangesKind: SteppedChange<PlanTarget> = {
  name: 'apply',
  action: 'the change set',
  describe: describePlan,
  bound: (target, clientToken) => ({ regionId: target.regionId, vpnGatewayId: target.vpnGatewayId, plan: planId(target), clientToken }),
  witness: {
    observe: (target, routes) => tableFacts(target, toRows(routes)),
    expected: (target, previewed) => {
      const plan = replan(target, previewed);
      return plan ? plan.tables.slice(1).map((rows) => ({ touched: touchedText(target, rows), rest: previewed.rest ?? null })) : [];
    },
    describe: (previewed, now) => describeTableChange(previewed, now),
  },
  recheck: async (target, ctx) => planIssues(target, ctx),
  async preview(target, cloud, ctx) {
    const offline = planIssues(target, ctx);
    if (hasErrors(offline)) throw routeRefused(offline);
    const [gateway, routes, connections] = await Promise.all([
      cloud.describeGateway(target.regionId, target.vpnGatewayId),
      cloud.listPbrRoutes(target.regionId, target.vpnGatewayId),
      cloud.listConnections(target.regionId, target.vpnGatewayId),
    ]);
    if (gateway.businessStatus === 'FinancialLocked') throw inputRefusal('VpnGateway.FinancialLocked', 'vpnGatewayId', `VPN gateway ${target.vpnGatewayId} is financially locked: it takes no change.`, 'settle the overdue payment, then try again');
    if (!CHANGEABLE.has(gateway.status)) throw inputRefusal('IncorrectStatus.VpnGateway', 'vpnGatewayId', `VPN gateway ${target.vpnGatewayId} is ${gateway.status}; only an active gateway takes a change.`, 'try again once it is active', true);
    const rows = toRows(routes);
    const plan = planChanges(target, rows, { ...gateway, vpnGatewayId: target.vpnGatewayId }, new Set(connections.map((c) => c.vpnConnectionId)));
    if (hasErrors(plan.issues)) throw routeRefused(plan.issues);
    const inserted = plan.ops.filter((op) => op.inserted).length;
    const steps = stepsPreview(plan.ops.map((op) => toStep(target, op)));
    const warnings = plan.warnings;
    const windows = plan.windows.length > 0 ? ` Windows: ${plan.windows.join('; ')}.` : '';
    return {
      requestId: gateway.requestId,
      body: {
        planId: planId(target),
        onFailure: target.onFailure,
        steps,
        tableBefore: rowsView(plan.tables[0] ?? []),
        tableAfter: rowsView(plan.tables.at(-1) ?? []),
        windows: plan.windows,
        ...(warnings.length > 0 ? { warnings } : {}),
      },
      facts: tableFacts(target, rows),
      card: {
        existing: routes,
        priorities: gateway.pbrPriority,
        warnings,
        arguments: { regionId: target.regionId, vpnGatewayId: target.vpnGatewayId, changes: target.changes, onFailure: target.onFailure },
        plan: { steps, before: plan.tables[0] ?? [], after: plan.tables.at(-1) ?? [], windows: plan.windows },
      },
      summary:
        `Planned ${describePlan(target)} as ${plan.ops.length} request${plan.ops.length === 1 ? '' : 's'}${inserted > 0 ? ` (${inserted} inserted so that the API accepts them)` : ''}: ` +
        `${steps.map((s) => `${s.step}) ${s.describe}`).join('; ')}.${windows}${warnings.map((w) => ` Warning: ${w.message}.`).join('')} ` +
        `On a refused step ${target.onFailure === 'rollback' ? 'the steps made are rolled back' : 'it stops, leaving the steps made'}. Nothing was changed yet.`,
    };
  },
  question: (target, ctx, facts) => {
    const plan = replan(target, facts);
    const lines = plan ? plan.ops.map((op, i) => `${i + 1}. ${toStep(target, op).describe}${op.inserted ? ' (inserted)' : ''}`) : [];
    return [`Apply these ${lines.length} route changes on ${target.vpnGatewayId}, in order?`, `Where: ${whereText(ctx.config.sandbox)}`, `Region: ${target.regionId}`, ...lines, ...(plan && plan.windows.length > 0 ? [`Windows: ${plan.windows.join('; ')}`] : []), `On failure: ${target.onFailure}`].join('\n');
  },
  steps: (target, facts) => (replan(target, facts)?.ops ?? []).map((op) => toStep(target, op)),
  rollback: (target, facts) => (target.onFailure === 'rollback' ? replan(target, facts)?.ops.map((op) => inverseStep(target, op)) : undefined),
  report: reportPlan,
};
