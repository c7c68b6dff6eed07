// Operator policy: which regions and gateways a route may be in. Pure, like domain/.
import type { Issue, RouteSpec } from './domain/types.js';

export interface Policy {
  allowedRegions?: readonly string[];
  allowedGateways?: readonly string[];
}

export function checkPolicy(route: Pick<RouteSpec, 'regionId' | 'vpnGatewayId'>, policy: Policy): Issue[] {
  const issues: Issue[] = [];
  if (policy.allowedRegions && !policy.allowedRegions.includes(route.regionId)) {
    issues.push({
      code: 'RegionNotAllowed',
      severity: 'error',
      field: 'regionId',
      message: `region ${route.regionId} is not in this server's allowed regions (${policy.allowedRegions.join(', ')})`,
      hint: 'use an allowed region, or ask the operator to change VPN_PBR_MCP_ALLOWED_REGIONS',
    });
  }
  if (policy.allowedGateways && !policy.allowedGateways.includes(route.vpnGatewayId)) {
    issues.push({
      code: 'GatewayNotAllowed',
      severity: 'error',
      field: 'vpnGatewayId',
      message: `gateway ${route.vpnGatewayId} is not in this server's allowed gateways (${policy.allowedGateways.join(', ')})`,
      hint: 'use an allowed gateway, or ask the operator to change VPN_PBR_MCP_ALLOWED_GATEWAYS',
    });
  }
  return issues;
}
