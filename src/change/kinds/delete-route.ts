// Deleting a route, as the change flow (src/change/flow.ts) needs it. The API has no DryRun for a delete,
// so the preview is finding exactly one listed route with this identity on a gateway that can take a change.
import type { CallContext } from '../../call-context.js';
import type { PbrRoute } from '../../cloud/vpc-client.js';
import { checkRouteValues } from '../../domain/index.js';
import type { Issue, RouteIdentity, RouteSpec } from '../../domain/types.js';
import { routeRefused } from '../../errors/factories.js';
import { checkPolicy } from '../../policy.js';
import { isoSeconds, stripUndefined } from '../../util.js';
import type { Sighting, SingleChange } from '../change-kind.js';
import { findListedRoute, matchesIdentity } from '../find-route.js';
import { listedView } from '../listed-route.js';
import { describeRouteChange, observeRoute, routeFacts } from '../route-facts.js';
import { sendDelete } from '../route-steps.js';
import { routeQuestion, weightLine } from './create-route.js';

export type { RouteIdentity } from '../../domain/types.js';

export function describeIdentity(r: RouteIdentity): string {
  const priority = r.priority === undefined ? '' : `, priority ${r.priority}`;
  return `${r.routeSource} -> ${r.routeDest} via ${r.nextHop} (weight ${r.weight}${priority}) on ${r.vpnGatewayId} (${r.regionId})`;
}

/** The offline rules a route identity must meet (those of a route, less what a delete does not name) and the policy. */
export function checkIdentity(identity: RouteIdentity, ctx: CallContext): Issue[] {
  const asRoute: RouteSpec = { ...identity, publishVpc: false };
  const values = checkRouteValues(asRoute).filter((i) => i.severity === 'error');
  return [...values, ...checkPolicy(identity, ctx.config)];
}

/** Exactly one listed route with this identity, or a refusal that says which field is off and what it should be. */
export function findRouteToDelete(identity: RouteIdentity, routes: readonly PbrRoute[], gatewayStatus: string): PbrRoute {
  return findListedRoute(identity, routes, gatewayStatus, 'delete');
}

/** The listed route as delete shows it: where it is and the fields the API returns. */
function routeView(identity: RouteIdentity, listed: PbrRoute | undefined): Record<string, unknown> {
  return stripUndefined({
    regionId: identity.regionId,
    vpnGatewayId: identity.vpnGatewayId,
    ...(listed ? listedView(listed) : stripUndefined({ routeSource: identity.routeSource, routeDest: identity.routeDest, nextHop: identity.nextHop, weight: identity.weight, priority: identity.priority })),
  });
}

function question(identity: RouteIdentity, sandbox: boolean): string {
  return routeQuestion(
    'Delete this VPN policy-based route? Traffic it carries will take another route or none.',
    identity,
    sandbox,
    weightLine(identity.weight),
    `Priority: ${identity.priority ?? '(any)'}`,
  );
}

function sight(identity: RouteIdentity, routes: readonly PbrRoute[]): Sighting {
  const still = routes.find((r) => matchesIdentity(identity, r));
  return still ? { state: 'pending', route: still } : { state: 'applied' };
}

export const deleteRouteChange: SingleChange<RouteIdentity> = {
  name: 'delete',
  action: 'DeleteVpnPbrRouteEntry',
  describe: describeIdentity,
  bound: (identity, clientToken) => ({ ...identity, clientToken }),
  // The route previewed, not only one with its identity: its priority, state and creation time.
  witness: {
    observe: observeRoute,
    expected: () => [undefined],
    describe: (previewed, now, sentBefore) =>
      describeRouteChange(
        previewed,
        now,
        sentBefore
          ? "This token's earlier confirmation deleted the previewed route."
          : 'If this token was confirmed before, that confirmation deleted the previewed route.',
      ),
  },
  recheck: async (identity, ctx) => checkIdentity(identity, ctx),
  async preview(identity, cloud, ctx) {
    const issues = checkIdentity(identity, ctx);
    if (issues.length > 0) throw routeRefused(issues);
    const [gateway, routes] = await Promise.all([
      cloud.describeGateway(identity.regionId, identity.vpnGatewayId),
      cloud.listPbrRoutes(identity.regionId, identity.vpnGatewayId),
    ]);
    const found = findRouteToDelete(identity, routes, gateway.status);
    const busy = gateway.status === 'updating' ? ' The gateway is applying another change; the delete will wait for it.' : '';
    const state = found.state ? `, state ${found.state}` : '';
    const created = found.createTime === undefined ? '' : `, created ${isoSeconds(found.createTime)}`;
    return {
      requestId: gateway.requestId,
      body: { route: routeView(identity, found) },
      card: { route: identity, existing: routes, priorities: gateway.pbrPriority, warnings: [] },
      facts: routeFacts(found),
      summary: `Found exactly one route to delete: ${describeIdentity({ ...identity, priority: found.priority ?? identity.priority })}${state}${created}.${busy} Nothing was deleted yet.`,
    };
  },
  question: (identity, ctx) => question(identity, ctx.config.sandbox),
  send: sendDelete,
  sight,
  // A retry after a lost answer that finds no such route cannot tell our delete from someone else's: unknown.
  settledByListing: [],
  view: (identity, _sent, listed) => routeView(identity, listed),
};
