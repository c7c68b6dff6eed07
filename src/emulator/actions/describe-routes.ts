// DescribeVpnPbrRouteEntries: one page of a gateway's policy routes, in creation order.
import { readPage, pageOf, requiredString } from '../params.js';
import { listedRoute, tunnelIds } from '../state.js';
import type { ActionContext } from './context.js';

export function describeVpnPbrRouteEntries({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const gatewayId = requiredString(params, 'VpnGatewayId');
  const page = readPage(params);
  const gateway = state.gatewayIn(gatewayId, regionId);
  const routes = state.routesOf(gateway.id);
  return {
    TotalCount: routes.length,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    VpnPbrRouteEntries: {
      VpnPbrRouteEntry: pageOf(routes, page).map((r) => listedRoute(r, gateway.dualTunnel ? tunnelIds(r.nextHop)[0] : undefined)),
    },
  };
}
