// Operator policy: which regions and gateways a route may be in. Pure, like domain/.
import { GATEWAY_ID_IN_TEXT, REGION_ID_IN_TEXT } from './domain/ids.js';
import { showValue } from './domain/issues.js';
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

/** Without a vpnGatewayId (a whole-region listing) only the region is checked. */
export function checkPolicy(route: Pick<RouteSpec, 'regionId'> & Partial<Pick<RouteSpec, 'vpnGatewayId'>>, policy: Policy): Issue[] {
  const issues: Issue[] = [];
  for (const { list, field, code, what, setting } of ALLOWLISTS) {
    const allowed = policy[list];
    const value = route[field];
    if (!allowed || value === undefined || allowed.includes(value)) continue;
    issues.push({
      code,
      severity: 'error',
      field,
      message: `${what} ${showValue(value)} is not in this server's allowed ${what}s (${allowed.join(', ')})`,
      hint: `use an allowed ${what}, or ask the operator to change ${setting}`,
    });
  }
  return issues;
}

/** Whether a gateway found by a listing may be shown: listings hide the gateways outside the allowlist. */
export function gatewayAllowed(vpnGatewayId: string, policy: Policy): boolean {
  return policy.allowedGateways === undefined || policy.allowedGateways.includes(vpnGatewayId);
}

/** Whether a region named by the API may be shown. */
function regionAllowed(regionId: string, policy: Policy): boolean {
  return policy.allowedRegions === undefined || policy.allowedRegions.includes(regionId);
}

/** A text from the API with every gateway and region outside the allowlists replaced: what is hidden stays hidden. */
export function hideOutsideAllowlists(text: string, policy: Policy): string {
  return text
    .replace(GATEWAY_ID_IN_TEXT, (id) => (gatewayAllowed(id, policy) ? id : '[hidden gateway]'))
    .replace(REGION_ID_IN_TEXT, (id) => (regionAllowed(id, policy) ? id : '[hidden region]'));
}

/** For tools that read or change a region or one gateway: refuses what is outside the allowlists. */
export function assertAllowed(location: Parameters<typeof checkPolicy>[0], policy: Policy): void {
  const issues = checkPolicy(location, policy);
  if (issues.length > 0) throw routeRefused(issues);
}
