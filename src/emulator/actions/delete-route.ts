// DeleteVpnPbrRouteEntry: the route is named by its blocks and next hop; weight (and priority if sent) must match.
import { findNamedRoute } from '../modify-rules.js';
import { optionalInteger, optionalString, requiredInteger, requiredString } from '../params.js';
import { checkOverlayMode, checkWeightValue, cidr } from '../rules.js';
import { type ActionContext, idempotent } from './context.js';

function readCidr(params: ActionContext['params'], name: string): string {
  const text = requiredString(params, name);
  cidr(text);
  return text;
}

export const deleteVpnPbrRouteEntry = idempotent(({ params, state }: ActionContext): Record<string, unknown> => {
  const regionId = requiredString(params, 'RegionId');
  const gatewayId = requiredString(params, 'VpnGatewayId');
  const routeSource = readCidr(params, 'RouteSource');
  const routeDest = readCidr(params, 'RouteDest');
  const nextHop = requiredString(params, 'NextHop');
  const weight = requiredInteger(params, 'Weight');
  const priority = optionalInteger(params, 'Priority');
  const overlayMode = optionalString(params, 'OverlayMode');
  checkWeightValue(weight);
  checkOverlayMode(overlayMode);

  const gateway = state.gatewayIn(gatewayId, regionId);
  state.assertWritable(gateway);
  const route = findNamedRoute(state.routesOf(gateway.id), { routeSource, routeDest, nextHop, weight, priority });

  state.removeRoute(route);
  state.startApplying(gateway);
  return {};
});
