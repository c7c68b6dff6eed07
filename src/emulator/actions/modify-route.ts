// ModifyVpnPbrRouteEntryWeight, ModifyVpnPbrRouteEntryPriority and ModifyVpnPbrRouteEntryAttribute: one handler,
// the parameters each operation takes (SDK models), the rules in modify-rules.ts; answers `{ RequestId }` only.
import { ApiError, invalidParameter } from '../api-error.js';
import { checkNewPriority, checkPartnerRule, findNamedRoute } from '../modify-rules.js';
import { optionalInteger, optionalString, requiredInteger, requiredString, type Params } from '../params.js';
import { checkOverlayMode, checkPriorityValue, checkRouteParameters, checkWeightValue, type RouteRequest } from '../rules.js';
import { type ActionContext, type ActionHandler, idempotent } from './context.js';

type Operation = 'weight' | 'priority' | 'attribute';

interface ModifyRequest extends RouteRequest {
  regionId: string;
  vpnGatewayId: string;
  newWeight?: number;
  newPriority?: number;
}

/** Which parameters are required: [sure] the SDK's request models and their remarks. */
function readRequest(params: Params, operation: Operation): ModifyRequest {
  const request: ModifyRequest = {
    regionId: requiredString(params, 'RegionId'),
    vpnGatewayId: requiredString(params, 'VpnGatewayId'),
    routeSource: requiredString(params, 'RouteSource'),
    routeDest: requiredString(params, 'RouteDest'),
    nextHop: requiredString(params, 'NextHop'),
    weight: requiredInteger(params, 'Weight'),
  };
  const priority = operation === 'attribute' ? requiredInteger(params, 'Priority') : optionalInteger(params, 'Priority');
  const newWeight = operation === 'weight' ? requiredInteger(params, 'NewWeight') : operation === 'attribute' ? optionalInteger(params, 'NewWeight') : undefined;
  const newPriority = operation === 'priority' ? requiredInteger(params, 'NewPriority') : operation === 'attribute' ? optionalInteger(params, 'NewPriority') : undefined;
  if (priority !== undefined) request.priority = priority;
  if (newWeight !== undefined) request.newWeight = newWeight;
  if (newPriority !== undefined) request.newPriority = newPriority;
  // [sure] Attribute needs at least one new value; [guess] the code.
  if (operation === 'attribute' && newWeight === undefined && newPriority === undefined) {
    throw invalidParameter('NewWeight', 'give NewWeight or NewPriority (or both).');
  }
  return request;
}

function modify(operation: Operation): ActionHandler {
  return idempotent(({ params, state }: ActionContext) => {
    const request = readRequest(params, operation);
    checkRouteParameters(request);
    if (request.newWeight !== undefined) checkWeightValue(request.newWeight);
    if (request.newPriority !== undefined) checkPriorityValue('NewPriority', request.newPriority);
    const overlayMode = optionalString(params, 'OverlayMode');
    if (operation === 'weight') checkOverlayMode(overlayMode);

    const gateway = state.gatewayIn(request.vpnGatewayId, request.regionId);
    if (gateway.businessStatus === 'FinancialLocked') throw new ApiError('VpnGateway.FinancialLocked');
    // [sure] priorities only where the gateway supports them; [guess] the code, Create's.
    if (!gateway.pbrPriority && (operation !== 'weight' || request.priority !== undefined)) throw new ApiError('VpnPbrRouteEntryPriority.NotSupport');
    state.assertWritable(gateway);
    const routes = state.routesOf(gateway.id);
    const route = findNamedRoute(routes, request);

    const changes: { weight?: number; priority?: number } = {};
    // [sure] on a dual-tunnel gateway a weight change succeeds without effect.
    if (request.newWeight !== undefined && !gateway.dualTunnel) {
      checkPartnerRule(route, request.newWeight, routes);
      if (request.newWeight !== route.weight) changes.weight = request.newWeight;
    }
    if (request.newPriority !== undefined && request.newPriority !== route.priority) {
      checkNewPriority(route, request.newPriority, routes);
      changes.priority = request.newPriority;
    }
    // [guess] a request that changes nothing succeeds and starts no apply window.
    if (Object.keys(changes).length > 0) {
      state.updateRoute(route, changes);
      state.startApplying(gateway);
    }
    return {};
  });
}

export const modifyVpnPbrRouteEntryWeight = modify('weight');
export const modifyVpnPbrRouteEntryPriority = modify('priority');
export const modifyVpnPbrRouteEntryAttribute = modify('attribute');
