// DeleteVpnPbrRouteEntry: the route is named by its blocks and next hop; weight (and priority if sent) must match.
import { parseIPv4Cidr } from '../../domain/cidr.js';
import { ApiError, invalidParameter } from '../api-error.js';
import { findNamedRoute } from '../modify-rules.js';
import { optionalInteger, optionalString, requiredInteger, requiredString } from '../params.js';
import { type ActionContext, idempotent } from './context.js';

function readCidr(params: ActionContext['params'], name: string): string {
  const text = requiredString(params, name);
  if (!parseIPv4Cidr(text).ok) throw new ApiError('InvalidCidrBlock.Malformed');
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
  if (weight !== 0 && weight !== 100) throw new ApiError('VpnRouteEntry.InvalidWeight');
  if (overlayMode !== undefined && overlayMode !== '' && overlayMode !== 'Ipsec') {
    throw invalidParameter('OverlayMode', `"${overlayMode}" is not supported; the only value is Ipsec.`);
  }

  const gateway = state.gatewayIn(gatewayId, regionId);
  state.assertWritable(gateway);
  const route = findNamedRoute(state.routesOf(gateway.id), { routeSource, routeDest, nextHop, weight, priority });

  state.removeRoute(route);
  state.startApplying(gateway);
  return {};
});
