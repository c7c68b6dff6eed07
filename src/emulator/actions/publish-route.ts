// PublishVpnRouteEntry: advertise (PublishVpc true) or withdraw a route in the VPC's system route table. The route is
// named by destination and next hop only [sure: no RouteSource parameter]; every pbr route with both flips [guess].
import { ApiError } from '../api-error.js';
import { checkRouteType, findNamedRoute } from '../modify-rules.js';
import { requiredBoolean, requiredString } from '../params.js';
import { cidr } from '../rules.js';
import { type ActionContext, idempotent } from './context.js';

export const publishVpnRouteEntry = idempotent(({ params, state }: ActionContext): Record<string, unknown> => {
  const regionId = requiredString(params, 'RegionId');
  const gatewayId = requiredString(params, 'VpnGatewayId');
  const routeDest = requiredString(params, 'RouteDest');
  const nextHop = requiredString(params, 'NextHop');
  const routeType = requiredString(params, 'RouteType');
  const publishVpc = requiredBoolean(params, 'PublishVpc');
  checkRouteType(routeType);
  cidr(routeDest);

  const gateway = state.gatewayIn(gatewayId, regionId);
  if (gateway.businessStatus === 'FinancialLocked') throw new ApiError('VpnGateway.FinancialLocked');
  // [docs] VpnGateway.Configuring is in the operation's error table: one change at a time, as for the others.
  state.assertWritable(gateway);
  // [guess] The emulator keeps no destination-based routes: a dbr publish finds none.
  const routes = routeType === 'pbr' ? state.routesOf(gateway.id) : [];
  findNamedRoute(routes, { routeDest, nextHop });
  const flipped = routes.filter((r) => r.routeDest === routeDest && r.nextHop === nextHop && r.publishVpc !== publishVpc);
  for (const route of flipped) state.updateRoute(route, { publishVpc });
  // [guess] publishing what is already published succeeds and starts no apply window.
  if (flipped.length > 0) state.startApplying(gateway);
  return {};
});
