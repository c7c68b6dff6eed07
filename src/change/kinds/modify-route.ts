// Modifying a listed route (its weight, priority and/or published state), as the change flow needs it. The API has
// no DryRun for these, so the preview finds exactly that route and checks what the API would refuse: the gateway,
// priority support, the new priority's overlaps, and the partner rule (a weight change while the route's
// active/standby partner is listed: refused here, with the applyRouteChanges call that swaps the pair instead).
import type { CallContext } from '../../call-context.js';
import type { PbrRoute, VpnGatewayInfo } from '../../cloud/vpc-client.js';
import { checkModifyValues, findRouteConflicts } from '../../domain/index.js';
import type { Issue, ModifyTarget } from '../../domain/types.js';
import type { AppError } from '../../errors/app-error.js';
import { nothingToModify, partnerRouteListed, routeRefused } from '../../errors/factories.js';
import { isoSeconds } from '../../util.js';
import type { SteppedChange } from '../change-kind.js';
import { findListedRoute, identityOf, inputRefusal } from '../find-route.js';
import { describeRouteChange, observeRoute, routeFacts } from '../route-facts.js';
import { routeQuestion } from './create-route.js';
import { checkIdentity, describeIdentity } from './delete-route.js';
import { toRows } from './apply-plan.js';
import { changesText, planFromFacts, planModify, type ModifyPlan } from './modify-plan.js';
import { reportModify, routeView } from './modify-report.js';
import { stepsPreview } from '../steps-view.js';

/** The API's refusals that the listing and the gateway already tell. */
function checkOnGateway(target: ModifyTarget, found: PbrRoute, routes: readonly PbrRoute[], gateway: VpnGatewayInfo): void {
  if (gateway.businessStatus === 'FinancialLocked') {
    throw inputRefusal('VpnGateway.FinancialLocked', 'vpnGatewayId', `VPN gateway ${target.vpnGatewayId} is financially locked (overdue payment): it takes no change.`, 'settle the overdue payment in the Alibaba Cloud console, then try again');
  }
  if (target.newPriority !== undefined && !gateway.pbrPriority) {
    throw inputRefusal('VpnPbrRouteEntryPriority.NotSupport', 'newPriority', `VPN gateway ${target.vpnGatewayId} does not support route priorities.`, 'omit newPriority');
  }
  if (target.newWeight !== undefined && target.newWeight !== found.weight) {
    if (gateway.dualTunnel) {
      throw inputRefusal('InvalidParameter.NewWeight', 'newWeight', `VPN gateway ${target.vpnGatewayId} is dual-tunnel: it accepts a weight change but it has no effect.`, 'omit newWeight');
    }
    const partner = routes.find((r) => r.routeSource === found.routeSource && r.routeDest === found.routeDest && r.nextHop !== found.nextHop);
    if (partner) throw partnerRefusal(target, found, partner);
  }
  if (target.newPriority !== undefined && target.newPriority !== found.priority) {
    const others = routes.filter((r) => r !== found);
    const overlaps = findRouteConflicts({ ...found, priority: target.newPriority }, others).filter((i) => i.code === 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap');
    if (overlaps.length > 0) throw routeRefused(overlaps.map((i) => ({ ...i, field: 'newPriority' })));
  }
}

/** The partner rule, and the applyRouteChanges call that swaps the pair (the planner orders it as the API needs). */
function partnerRefusal(target: ModifyTarget, found: PbrRoute, partner: PbrRoute): AppError {
  const identity = (r: PbrRoute) => ({ routeSource: r.routeSource, routeDest: r.routeDest, nextHop: r.nextHop, weight: r.weight, ...(r.priority === undefined ? {} : { priority: r.priority }) });
  const role = (r: PbrRoute) => (r.weight === 100 ? 'active' : 'standby');
  return partnerRouteListed(
    `The API does not change the weight of a route while its ${role(partner)} partner is listed (ModifyVpnPbrRouteEntryWeight: delete the partner first, modify, then configure the partner again): ` +
      `${partner.routeSource} -> ${partner.routeDest} via ${partner.nextHop} (weight ${partner.weight}) is the ${role(partner)} route of this pair.`,
    {
      regionId: target.regionId,
      vpnGatewayId: target.vpnGatewayId,
      changes: [
        { op: 'modify', ...identity(found), newWeight: partner.weight },
        { op: 'modify', ...identity(partner), newWeight: found.weight },
      ],
    },
  );
}

function question(target: ModifyTarget, sandbox: boolean, plan: ModifyPlan | undefined): string {
  return routeQuestion('Modify this VPN policy-based route?', target, sandbox, `Change: ${plan ? changesText(plan.changes) : 'as previewed'}`);
}

const recheck = (target: ModifyTarget, ctx: CallContext): Issue[] => [...checkIdentity(identityOf(target), ctx), ...checkModifyValues(target)];

export const modifyRouteChange: SteppedChange<ModifyTarget> = {
  name: 'modify',
  action: 'ModifyVpnPbrRouteEntry',
  describe: (target) => describeIdentity(identityOf(target)),
  bound: (target, clientToken) => ({ ...target, clientToken }),
  witness: {
    observe: (target, routes) => observeRoute(identityOf(target), routes),
    expected: (target, previewed) => planFromFacts(target, previewed)?.after ?? [],
    describe: (previewed, now) => describeRouteChange(previewed, now, 'The token was for the previewed route.'),
  },
  recheck: async (target, ctx) => recheck(target, ctx),
  async preview(target, cloud, ctx) {
    const issues = recheck(target, ctx);
    if (issues.length > 0) throw routeRefused(issues);
    const [gateway, routes] = await Promise.all([cloud.describeGateway(target.regionId, target.vpnGatewayId), cloud.listPbrRoutes(target.regionId, target.vpnGatewayId)]);
    const found = findListedRoute(identityOf(target), routes, gateway.status, 'modify');
    checkOnGateway(target, found, routes, gateway);
    const facts = routeFacts(found);
    const plan = planModify(target, facts, toRows(routes));
    if (plan.steps.length === 0) throw nothingToModify(`${describeIdentity(identityOf(target))} has weight ${facts.weight}, priority ${facts.priority} and is ${facts.state === 'published' ? 'published' : 'not published'} already`);
    const warnings = publishWarnings(target, found, routes, plan.changes.some((c) => c.field === 'publishVpc'));
    const busy = gateway.status === 'updating' ? ' The gateway is applying another change; the modification will wait for it.' : '';
    return {
      requestId: gateway.requestId,
      body: { route: routeView(target, found), changes: plan.changes, steps: stepsPreview(plan.steps), ...(warnings.length > 0 ? { warnings } : {}) },
      facts,
      card: {
        route: { ...identityOf(target), priority: facts.priority },
        existing: routes,
        priorities: gateway.pbrPriority,
        warnings,
        arguments: { ...target },
        plan: { steps: stepsPreview(plan.steps), before: plan.tables[0] ?? [], after: plan.tables.at(-1) ?? [], windows: [] },
      },
      summary: `Found the route to modify: ${describeIdentity({ ...identityOf(target), priority: facts.priority })}, created ${isoSeconds(found.createTime) ?? 'at an unknown time'}. It will change: ${changesText(plan.changes)} (${plan.steps.length} request${plan.steps.length === 1 ? '' : 's'}).${busy}${warnings.map((w) => ` Warning: ${w.message}.`).join('')} Nothing was modified yet.`,
    };
  },
  question: (target, ctx, facts) => question(target, ctx.config.sandbox, planFromFacts(target, facts)),
  steps: (target, facts) => planFromFacts(target, facts)?.steps ?? [],
  report: reportModify,
};

/** PublishVpnRouteEntry names a route by destination and next hop: other routes with both change too. */
function publishWarnings(target: ModifyTarget, found: PbrRoute, routes: readonly PbrRoute[], publishing: boolean): Issue[] {
  if (!publishing) return [];
  const alike = routes.filter((r) => r !== found && r.routeDest === found.routeDest && r.nextHop === found.nextHop);
  if (alike.length === 0) return [];
  return [
    {
      code: 'PublishNamesDestination',
      severity: 'warning',
      field: 'publishVpc',
      message: `publishing names a route by destination and next hop only, so ${alike.length} other route${alike.length === 1 ? '' : 's'} to ${found.routeDest} via ${found.nextHop} (from ${alike.map((r) => r.routeSource).join(', ')}) change${alike.length === 1 ? 's' : ''} too`,
      hint: `check listVpnPbrRoutes for ${target.routeDest} after the change`,
    },
  ];
}
