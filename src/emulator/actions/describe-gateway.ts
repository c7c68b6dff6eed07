// DescribeVpnGateway: status (updating inside the apply window) and the Tag JSON string that reveals PbrPriority.
import { requiredString } from '../params.js';
import type { ActionContext } from './context.js';

export function describeVpnGateway({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const gateway = state.gatewayIn(requiredString(params, 'VpnGatewayId'), regionId);
  // The service serialises Tag as a string; legacy gateways simply lack the PbrPriority key.
  const tag: Record<string, string> = { VpnEnableBgp: 'false' };
  if (gateway.pbrPriority) tag.PbrPriority = 'true';
  return {
    VpnGatewayId: gateway.id,
    RegionId: gateway.regionId,
    Status: state.status(gateway),
    BusinessStatus: gateway.businessStatus,
    VpcId: gateway.vpcId,
    Spec: gateway.spec,
    Name: gateway.name,
    Description: '',
    ChargeType: 'PrePaid',
    CreateTime: gateway.createTime,
    InternetIp: '192.0.2.10',
    ...(gateway.dualTunnel ? { DisasterRecoveryInternetIp: '192.0.2.11' } : {}),
    IpsecVpn: 'enable',
    SslVpn: 'disable',
    Tag: JSON.stringify(tag),
  };
}
