// The API's answers (PascalCase JSON, numbers sometimes as strings or BigNumbers) as the VpcClient's types.
import { asRecord, stripUndefined } from '../util.js';
import type { CreatePbrRouteRequest, CreatedPbrRoute, PbrRoute, VpnConnectionInfo, VpnGatewayInfo } from './vpc-client.js';

export function toCreatedRoute(data: Record<string, unknown>, request: CreatePbrRouteRequest): CreatedPbrRoute {
  return stripUndefined({
    requestId: stringOf(data.RequestId) ?? '',
    vpnInstanceId: stringOf(data.VpnInstanceId) ?? request.vpnGatewayId,
    routeSource: stringOf(data.RouteSource) ?? request.routeSource,
    routeDest: stringOf(data.RouteDest) ?? request.routeDest,
    nextHop: stringOf(data.NextHop) ?? request.nextHop,
    weight: numberOf(data.Weight) ?? request.weight,
    priority: numberOf(data.Priority) ?? request.priority,
    state: stringOf(data.State),
    createTime: numberOf(data.CreateTime),
    overlayMode: stringOf(data.OverlayMode) ?? request.overlayMode,
    description: stringOf(data.Description) ?? request.description,
  });
}

export function toPbrRoute(item: Record<string, unknown>, vpnGatewayId: string): PbrRoute {
  return stripUndefined({
    vpnInstanceId: stringOf(item.VpnInstanceId) ?? vpnGatewayId,
    routeSource: stringOf(item.RouteSource) ?? '',
    routeDest: stringOf(item.RouteDest) ?? '',
    nextHop: stringOf(item.NextHop) ?? '',
    nextHopTunnelId: stringOf(item.NextHopTunnelId),
    weight: numberOf(item.Weight) ?? 0,
    priority: numberOf(item.Priority),
    state: stringOf(item.State),
    createTime: numberOf(item.CreateTime),
  });
}

export function toConnection(data: Record<string, unknown>, requestId: string, vpnConnectionId: string): VpnConnectionInfo {
  return stripUndefined({
    requestId,
    vpnConnectionId: stringOf(data.VpnConnectionId) ?? vpnConnectionId,
    vpnGatewayId: stringOf(data.VpnGatewayId) ?? '',
    name: stringOf(data.Name),
    status: stringOf(data.Status),
  });
}

export function toGateway(data: Record<string, unknown>, regionId: string, vpnGatewayId: string): VpnGatewayInfo {
  return stripUndefined({
    requestId: stringOf(data.RequestId) ?? '',
    vpnGatewayId: stringOf(data.VpnGatewayId) ?? vpnGatewayId,
    regionId: stringOf(data.RegionId) ?? regionId,
    status: stringOf(data.Status) ?? '',
    businessStatus: stringOf(data.BusinessStatus) ?? '',
    vpcId: stringOf(data.VpcId),
    spec: stringOf(data.Spec),
    name: stringOf(data.Name),
    pbrPriority: tagSaysPbrPriority(data.Tag),
    dualTunnel: stringOf(data.DisasterRecoveryInternetIp) !== undefined,
  });
}

/** Tag is a JSON object serialised as a string; absent or garbage means no priority support. */
export function tagSaysPbrPriority(tag: unknown): boolean {
  let parsed: unknown = tag;
  if (typeof tag === 'string') {
    try {
      parsed = JSON.parse(tag);
    } catch {
      return false;
    }
  }
  const value = asRecord(parsed)?.PbrPriority;
  return value === 'true' || value === true;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** json-bigint hands long numbers back as BigNumber objects, and some fields arrive as strings. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const record = asRecord(value);
  if (record && typeof record.toNumber === 'function') {
    const n: unknown = (record.toNumber as () => unknown).call(value);
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
