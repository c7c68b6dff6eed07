// CreateVpnPbrRouteEntry: the checks in the order the service applies them, then the route and its apply window.
import { ApiError } from '../api-error.js';
import { optionalBoolean, optionalInteger, optionalString, requiredBoolean, requiredInteger, requiredString, type Params } from '../params.js';
import { checkNextHop, checkRouteConflicts, checkRouteForGateway, checkRouteParameters, DEFAULT_PRIORITY, type RouteRequest } from '../rules.js';
import { createAnswer, makeRoute } from '../state.js';
import { type ActionContext, idempotent } from './context.js';

interface CreateRequest extends RouteRequest {
  regionId: string;
  vpnGatewayId: string;
  publishVpc: boolean;
}

function readRoute(params: Params): CreateRequest {
  const route: CreateRequest = {
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

const isDryRun = ({ params }: ActionContext) => optionalBoolean(params, 'DryRun') ?? false;

// Dry runs neither claim nor replay a token: they always check afresh.
export const createVpnPbrRouteEntry = idempotent((context: ActionContext): Record<string, unknown> => {
  const { params, state } = context;
  const dryRun = isDryRun(context);
  const route = readRoute(params);
  checkRouteParameters(route);
  const gateway = state.gatewayIn(route.vpnGatewayId, route.regionId);
  if (gateway.businessStatus === 'FinancialLocked') throw new ApiError('VpnGateway.FinancialLocked');
  state.assertWritable(gateway);
  checkNextHop(gateway.id, state.connection(route.nextHop));
  checkRouteForGateway(route, gateway);
  const existing = state.routesOf(gateway.id);
  checkRouteConflicts(route, existing, gateway);
  if (existing.length >= state.quota) throw new ApiError('CreatePbrRoutesQuotaFull.QuotaFull');
  if (dryRun) throw new ApiError('DryRunOperation');

  const created = makeRoute({
    vpnGatewayId: gateway.id,
    routeSource: route.routeSource,
    routeDest: route.routeDest,
    nextHop: route.nextHop,
    weight: route.weight,
    priority: route.priority ?? DEFAULT_PRIORITY,
    publishVpc: route.publishVpc,
    createTime: state.now(),
    ...(route.overlayMode === undefined ? {} : { overlayMode: route.overlayMode }),
    ...(route.description === undefined ? {} : { description: route.description }),
  });
  state.addRoute(created);
  state.startApplying(gateway);
  return createAnswer(created);
}, isDryRun);
