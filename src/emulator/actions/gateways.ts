// DescribeVpnGateway and DescribeVpnGateways: one gateway answer, shaped like the SDK's DescribeVpnGateway(s)ResponseBody.
import { filterOn, optionalBoolean, pageOf, readPage, requiredString, type Params } from '../params.js';
import type { GatewayRecord } from '../state.js';
import type { ActionContext } from './context.js';

/** Where the demo account's gateways are "paid" until: far ahead, as the console shows for pay-as-you-go. */
const END_OF_TERM = Date.UTC(2099, 11, 31);

function reservationData(): Record<string, unknown> {
  return { Status: '', ReservationEndTime: '', ReservationIpsec: '', ReservationSsl: '', ReservationSpec: '', ReservationOrderType: '', ReservationMaxConnections: 0 };
}

/** One gateway as both actions answer it; the ReservationData block only when IncludeReservationData is true. */
function gatewayAnswer(gateway: GatewayRecord, status: string, params: Params): Record<string, unknown> {
  // The service serialises Tag as a string; legacy gateways simply lack the PbrPriority key.
  const tag: Record<string, string> = { VpnEnableBgp: 'false' };
  if (gateway.pbrPriority) tag.PbrPriority = 'true';
  const suffix = gateway.id.replace(/^vpn-/, '');
  return {
    VpnGatewayId: gateway.id,
    VpcId: gateway.vpcId,
    VSwitchId: `vsw-${suffix}`,
    ...(gateway.dualTunnel ? { DisasterRecoveryVSwitchId: `vsw-${suffix}-dr`, DisasterRecoveryInternetIp: '192.0.2.11' } : {}),
    Name: gateway.name,
    Description: '',
    Status: status,
    BusinessStatus: gateway.businessStatus,
    ChargeType: 'POSTPAY',
    CreateTime: gateway.createTime,
    EndTime: END_OF_TERM,
    Spec: gateway.spec,
    InternetIp: '192.0.2.10',
    IpsecVpn: 'enable',
    SslVpn: 'disable',
    SslMaxConnections: 0,
    EnableBgp: false,
    AutoPropagate: false,
    GatewayType: gateway.dualTunnel ? 'Enhanced.SiteToSite' : 'Traditional',
    NetworkType: 'public',
    VpnType: 'Normal',
    ResourceGroupId: 'rg-sandbox0default',
    Tag: JSON.stringify(tag),
    Tags: { Tag: [] },
    EniInstanceIds: { EniInstanceId: [] },
    ...(optionalBoolean(params, 'IncludeReservationData') === true ? { ReservationData: reservationData() } : {}),
  };
}

export function describeVpnGateway({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const gateway = state.gatewayIn(requiredString(params, 'VpnGatewayId'), regionId);
  return gatewayAnswer(gateway, state.status(gateway), params);
}

export function describeVpnGateways({ params, state }: ActionContext): Record<string, unknown> {
  const regionId = requiredString(params, 'RegionId');
  const page = readPage(params);
  const byVpc = filterOn(params, 'VpcId');
  const byId = filterOn(params, 'VpnGatewayId');
  const byStatus = filterOn(params, 'Status');
  const byBusinessStatus = filterOn(params, 'BusinessStatus');
  const matching = state
    .gatewaysIn(regionId)
    .filter((g) => byVpc(g.vpcId) && byId(g.id) && byStatus(state.status(g)) && byBusinessStatus(g.businessStatus));
  return {
    TotalCount: matching.length,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    VpnGateways: { VpnGateway: pageOf(matching, page).map((g) => gatewayAnswer(g, state.status(g), params)) },
  };
}
