// CreateVpnPbrRouteEntry: the checks in the order the service applies them, then the route and its apply window.
import { checkNextHop, checkRouteOnGateway, checkRouteValues, findRouteConflicts, type Issue, type RouteSpec } from '../../domain/index.js';
import { ApiError, messageFor } from '../api-error.js';
import { optionalBoolean, optionalClientToken, optionalInteger, optionalString, requiredBoolean, requiredInteger, requiredString, type Params } from '../params.js';
import { gatewayFacts } from '../seed.js';
import { makeRoute, routeAnswer } from '../state.js';
import type { ActionContext } from './context.js';

/** Answers with the first error-severity issue: the published message where the table has one. */
export function throwFirstError(issues: readonly Issue[]): void {
  const issue = issues.find((i) => i.severity === 'error');
  if (issue !== undefined) throw new ApiError(issue.code, messageFor(issue.code) ?? issue.message);
}

function readRoute(params: Params): RouteSpec {
  const route: RouteSpec = {
    regionId: requiredString(params, 'RegionId'),
    vpnGatewayId: requiredString(params, 'VpnGatewayId'),
    routeSource: requiredString(params, 'RouteSource'),
    routeDest: requiredString(params, 'RouteDest'),
    nextHop: requiredString(params, 'NextHop'),
    weight: requiredInteger(params, 'Weight'),
    publishVpc: requiredBoolean(params, 'PublishVpc'),
  };
  const description = optionalString(params, 'Description');
  const overlayMode = optionalString(params, 'OverlayMode');
  const priority = optionalInteger(params, 'Priority');
  if (description !== undefined) route.description = description;
  if (overlayMode !== undefined && overlayMode !== '') route.overlayMode = overlayMode;
  if (priority !== undefined) route.priority = priority;
  return route;
}


export function createVpnPbrRouteEntry({ action, params, accessKeyId, state }: ActionContext): Record<string, unknown> {
  const dryRun = optionalBoolean(params, 'DryRun') ?? false;
  const token = optionalClientToken(params);
  // Dry runs neither claim nor replay a token: they always check afresh.
  if (token !== undefined && !dryRun) {
    const earlier = state.idempotency.replay(accessKeyId, action, token, params);
    if (earlier !== undefined) return earlier;
  }

  const route = readRoute(params);
  throwFirstError(checkRouteValues(route));
  const gateway = state.gatewayIn(route.vpnGatewayId, route.regionId);
  const onGateway = checkRouteOnGateway(route, gatewayFacts(gateway));
  throwFirstError(onGateway.filter((i) => i.code === 'VpnGateway.FinancialLocked'));
  state.assertWritable(gateway);
  const connection = state.connection(route.nextHop);
  throwFirstError(checkNextHop(route, connection && { vpnConnectionId: connection.id, vpnGatewayId: connection.gatewayId }));
  throwFirstError(onGateway);
  const existing = state.routesOf(gateway.id);
  throwFirstError(findRouteConflicts(route, existing));
  if (existing.length >= state.quota) throw new ApiError('CreatePbrRoutesQuotaFull.QuotaFull');
  if (dryRun) throw new ApiError('DryRunOperation');

  const created = makeRoute({
    vpnGatewayId: gateway.id,
    routeSource: route.routeSource,
    routeDest: route.routeDest,
    nextHop: route.nextHop,
    weight: route.weight,
    priority: route.priority ?? 10,
    publishVpc: route.publishVpc,
    createTime: state.now(),
    ...(route.overlayMode === undefined ? {} : { overlayMode: route.overlayMode }),
    ...(route.description === undefined ? {} : { description: route.description }),
  });
  state.addRoute(created);
  state.startApplying(gateway);
  const answer = routeAnswer(created);
  if (token !== undefined) state.idempotency.remember(accessKeyId, action, token, params, answer);
  return answer;
}
