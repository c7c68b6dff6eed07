// Operator policy: which regions and gateways a route may be in. Pure, like domain/.
import type { Issue, RouteSpec } from './domain/types.js';
import { routeRefused } from './errors/factories.js';

export interface Policy {
  allowedRegions?: readonly string[];
  allowedGateways?: readonly string[];
}

// One row per allowlist: the route field it limits, its issue code and the setting that widens it.
const ALLOWLISTS = [
  { list: 'allowedRegions', field: 'regionId', code: 'RegionNotAllowed', what: 'region', setting: 'VPN_PBR_MCP_ALLOWED_REGIONS' },
  { list: 'allowedGateways', field: 'vpnGatewayId', code: 'GatewayNotAllowed', what: 'gateway', setting: 'VPN_PBR_MCP_ALLOWED_GATEWAYS' },
] as const;

export function checkPolicy(route: Pick<RouteSpec, 'regionId' | 'vpnGatewayId'>, policy: Policy): Issue[] {
  const issues: Issue[] = [];
  for (const { list, field, code, what, setting } of ALLOWLISTS) {
    const allowed = policy[list];
    if (!allowed || allowed.includes(route[field])) continue;
    issues.push({
      code,
      severity: 'error',
      field,
      message: `${what} ${route[field]} is not in this server's allowed ${what}s (${allowed.join(', ')})`,
      hint: `use an allowed ${what}, or ask the operator to change ${setting}`,
    });
  }
  return issues;
}

/** For tools that read or change one gateway: refuses a region or gateway outside the allowlists. */
export function assertAllowed(location: Pick<RouteSpec, 'regionId' | 'vpnGatewayId'>, policy: Policy): void {
  const issues = checkPolicy(location, policy);
  if (issues.length > 0) throw routeRefused(issues);
}
