// DescribeVpnConnection and DescribeVpnConnections: the IPsec connections that can be a route's next hop.
import { ApiError } from '../api-error.js';
import { optionalString, pageOf, readPage, requiredString } from '../params.js';
import type { ConnectionRecord } from '../state.js';
import type { ActionContext } from './context.js';

function toAnswer(c: ConnectionRecord): Record<string, unknown> {
  return { VpnConnectionId: c.id, VpnGatewayId: c.gatewayId, Name: c.name, Status: 'ike_sa_established', CreateTime: c.createTime };
}

export function describeVpnConnection({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const id = requiredString(params, 'VpnConnectionId');
  const connection = state.connectionsIn(regionId).find((c) => c.id === id);
  if (connection === undefined) throw new ApiError('InvalidVpnConnectionInstanceId.NotFound');
  return toAnswer(connection);
}

export function describeVpnConnections({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const gatewayId = optionalString(params, 'VpnGatewayId');
  const page = readPage(params);
  const all = state.connectionsIn(regionId, gatewayId === '' ? undefined : gatewayId);
  return {
    TotalCount: all.length,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    VpnConnections: { VpnConnection: pageOf(all, page).map(toAnswer) },
  };
}
