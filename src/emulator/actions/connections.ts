// DescribeVpnConnection and DescribeVpnConnections: the IPsec connections that can be a route's next hop.
import { ApiError } from '../api-error.js';
import { filterOn, pageOf, readPage, requiredString, type Params } from '../params.js';
import type { ConnectionRecord } from '../state.js';
import { connectionAnswer } from './connection-answer.js';
import type { ActionContext } from './context.js';


export function describeVpnConnection({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const id = requiredString(params, 'VpnConnectionId');
  const connection = state.connectionsIn(regionId).find((c) => c.id === id);
  if (connection === undefined) throw new ApiError('InvalidVpnConnectionInstanceId.NotFound');
  return connectionAnswer(connection, state.gateway(connection.gatewayId)?.dualTunnel === true, 'one');
}

/** Each filter given (non-empty) must match: VpnGatewayId, VpnConnectionId and CustomerGatewayId combine with AND. */
function matches(params: Params): (c: ConnectionRecord) => boolean {
  const byGateway = filterOn(params, 'VpnGatewayId');
  const byId = filterOn(params, 'VpnConnectionId');
  const byCustomerGateway = filterOn(params, 'CustomerGatewayId');
  return (c) => byGateway(c.gatewayId) && byId(c.id) && byCustomerGateway(c.customerGatewayId);
}

export function describeVpnConnections({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const page = readPage(params);
  const all = state.connectionsIn(regionId).filter(matches(params));
  return {
    TotalCount: all.length,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    VpnConnections: { VpnConnection: pageOf(all, page).map((c) => connectionAnswer(c, state.gateway(c.gatewayId)?.dualTunnel === true, 'listed')) },
  };
}
