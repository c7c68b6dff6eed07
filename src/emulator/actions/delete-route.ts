// DeleteVpnPbrRouteEntry: the route is named by its blocks and next hop; weight (and priority if sent) must match.
import { parseIPv4Cidr } from '../../domain/cidr.js';
import { ApiError, invalidParameter } from '../api-error.js';
import { findNamedRoute } from '../modify-rules.js';
import { optionalClientToken, optionalInteger, optionalString, requiredInteger, requiredString } from '../params.js';
import type { ActionContext } from './context.js';

function readCidr(params: ActionContext['params'], name: string): string {
  const text = requiredString(params, name);
  if (!parseIPv4Cidr(text).ok) throw new ApiError('InvalidCidrBlock.Malformed');
  return text;
}

export function deleteVpnPbrRouteEntry({ action, params, accessKeyId, state }: ActionContext): Record<string, unknown> {
  const token = optionalClientToken(params);
  if (token !== undefined) {
    const earlier = state.idempotency.replay(accessKeyId, action, token, params);
    if (earlier !== undefined) return earlier;
  }

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
  const answer = {};
  if (token !== undefined) state.idempotency.remember(accessKeyId, action, token, params, answer);
  return answer;
}
