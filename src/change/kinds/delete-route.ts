// Deleting a route, as the change flow (src/change/flow.ts) needs it. The API has no DryRun for a delete,
// so the preview is finding exactly one listed route with this identity on a gateway that can take a change.
import type { CallContext } from '../../call-context.js';
import type { PbrRoute } from '../../cloud/vpc-client.js';
import { checkRouteValues, DEFAULT_PBR_PRIORITY } from '../../domain/index.js';
import type { Issue, RouteIdentity, RouteSpec } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { routeRefused } from '../../errors/factories.js';
import { checkPolicy } from '../../policy.js';
import { isoSeconds, stripUndefined } from '../../util.js';
import type { ChangeKind, Sighting } from '../change-kind.js';
import { listedView } from '../listed-route.js';
import { describeRouteChange, observeRoute, routeFacts } from '../route-facts.js';
import { whereText } from './create-route.js';

export type { RouteIdentity } from '../../domain/types.js';
const NOT_FOUND = 'VpnPbrRouteEntry.NotFound';
// A gateway in these states takes a change (updating: once it is done; the flow waits for it).
const CHANGEABLE = new Set(['active', 'updating']);

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

function sameTriple(identity: RouteIdentity, r: PbrRoute): boolean {
  return r.routeSource === identity.routeSource && r.routeDest === identity.routeDest && r.nextHop === identity.nextHop;
}

function matches(identity: RouteIdentity, r: PbrRoute): boolean {
  return sameTriple(identity, r) && r.weight === identity.weight && (identity.priority === undefined || (r.priority ?? DEFAULT_PBR_PRIORITY) === identity.priority);
}

function notFound(message: string, field: string, hint: string): AppError {
  return new AppError({ code: NOT_FOUND, message, retryable: false, source: 'input', field, hint });
}

/** Exactly one listed route with this identity, or a refusal that says which field is off and what it should be. */
export function findRouteToDelete(identity: RouteIdentity, routes: readonly PbrRoute[], gatewayStatus: string): PbrRoute {
  const list = 'call listVpnPbrRoutes (filter by routeSource, routeDest or nextHop) to see the routes and their exact fields';
  const same = routes.filter((r) => sameTriple(identity, r));
  if (same.length === 0) {
    const busy = gatewayStatus === 'updating' ? '; the gateway is applying a change, so a route created moments ago may not be listed yet: try again in a moment' : '';
    throw notFound(`No policy-based route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} is listed on ${identity.vpnGatewayId}.`, 'routeDest', `${list}${busy}`);
  }
  const byPriority = identity.priority === undefined ? same : same.filter((r) => (r.priority ?? DEFAULT_PBR_PRIORITY) === identity.priority);
  if (byPriority.length === 0) {
    const listed = [...new Set(same.map((r) => r.priority ?? DEFAULT_PBR_PRIORITY))].join(' or ');
    throw notFound(`The route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} has priority ${listed}, not ${identity.priority}.`, 'priority', `use priority ${listed}, or omit priority`);
  }
  const exact = byPriority.filter((r) => r.weight === identity.weight);
  const first = exact[0];
  if (first === undefined) {
    const listed = [...new Set(byPriority.map((r) => r.weight))].join(' or ');
    throw new AppError({
      code: 'VpnRouteEntry.InvalidWeight',
      message: `The route ${identity.routeSource} -> ${identity.routeDest} via ${identity.nextHop} has weight ${listed}, not ${identity.weight}: a delete must name the route's current weight.`,
      retryable: false,
      source: 'input',
      field: 'weight',
      hint: `use weight ${listed}`,
    });
  }
  if (exact.length > 1) {
    throw new AppError({
      code: 'VpnPbrRouteEntry.Ambiguous',
      message: `${exact.length} listed routes have this identity; name the one to delete by its priority.`,
      retryable: false,
      source: 'input',
      field: 'priority',
      hint: `add priority (${exact.map((r) => r.priority ?? DEFAULT_PBR_PRIORITY).join(' or ')})`,
    });
  }
  if (!CHANGEABLE.has(gatewayStatus)) {
    throw new AppError({
      code: 'IncorrectStatus.VpnGateway',
      message: `VPN gateway ${identity.vpnGatewayId} is ${gatewayStatus}; only an active gateway takes a route change.`,
      retryable: true,
      source: 'input',
      field: 'vpnGatewayId',
      hint: 'call describeVpnGateway to see its status, and try again once it is active',
    });
  }
  return first;
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
  return [
    'Delete this VPN policy-based route? Traffic it carries will take another route or none.',
    `Where: ${whereText(sandbox)}`,
    `Region: ${identity.regionId}`,
    `Gateway: ${identity.vpnGatewayId}`,
    `Route: ${identity.routeSource} -> ${identity.routeDest}`,
    `Next hop: ${identity.nextHop}`,
    `Weight: ${identity.weight} (${identity.weight === 100 ? 'active' : 'standby'})`,
    `Priority: ${identity.priority ?? '(any)'}`,
  ].join('\n');
}

function sight(identity: RouteIdentity, routes: readonly PbrRoute[]): Sighting {
  const still = routes.find((r) => matches(identity, r));
  return still ? { state: 'pending', route: still } : { state: 'applied' };
}

export const deleteRouteChange: ChangeKind<RouteIdentity> = {
  name: 'delete',
  action: 'DeleteVpnPbrRouteEntry',
  describe: describeIdentity,
  bound: (identity, clientToken) => ({ ...identity, clientToken }),
  // The route previewed, not only one with its identity: its priority, state and creation time.
  witness: {
    observe: observeRoute,
    after: () => undefined,
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
  async send(identity, clientToken, cloud, options) {
    const { requestId } = await cloud.deletePbrRoute({ ...identity, clientToken }, options);
    return { requestId };
  },
  sight,
  // A retry after a lost answer that finds no such route cannot tell our delete from someone else's: unknown.
  settledByListing: [],
  view: (identity, _sent, listed) => routeView(identity, listed),
};
