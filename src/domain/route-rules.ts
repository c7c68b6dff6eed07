// Offline and gateway-level checks of a policy-based route; every problem is reported, none stops the rest.
import { cidrsOverlap, parseIPv4Cidr, type Ipv4Cidr } from './cidr.js';
import { DEFAULT_PBR_PRIORITY, REGION_REQUIRED_HINT } from './ids.js';
import { showValue } from './issues.js';
import { MAX_CIDR_LENGTH, MAX_DESCRIPTION_LENGTH, OVERLAY_MODE, PRIORITY_MAX, PRIORITY_MIN, STRING_LIMITS, WEIGHTS } from './limits.js';
import type { Issue, RouteSpec } from './types.js';

export interface GatewayFacts {
  vpnGatewayId: string;
  businessStatus: string;
  pbrPriority: boolean;
  dualTunnel: boolean;
}

// Alibaba Cloud reserves this block (shared address space) for its own services.
const RESERVED_DEST: Ipv4Cidr = { text: '100.64.0.0/10', first: 0x64400000, last: 0x647fffff, prefix: 10 };

function error(code: string, field: string, message: string, hint?: string): Issue {
  return hint === undefined ? { code, severity: 'error', field, message } : { code, severity: 'error', field, message, hint };
}

// Values arrive from untrusted JSON: shown cut and quoted whatever their runtime type.
const show = showValue;

function tooLong(code: string, field: string, value: string, what: string, max: number): Issue {
  return error(code, field, `${show(value)} is ${value.length} characters long; ${what} has at most ${max}`, `use ${what} of at most ${max} characters`);
}

function checkCidr(field: 'routeSource' | 'routeDest', value: string, issues: Issue[]): Ipv4Cidr | undefined {
  if (typeof value === 'string' && value.length > MAX_CIDR_LENGTH) {
    issues.push(tooLong('InvalidCidrBlock.Malformed', field, value, 'an IPv4 CIDR block', MAX_CIDR_LENGTH));
    return undefined;
  }
  const parsed = parseIPv4Cidr(value);
  if (parsed.ok) return parsed.cidr;
  issues.push(error('InvalidCidrBlock.Malformed', field, parsed.reason, parsed.hint ?? 'write an IPv4 CIDR block such as 10.0.0.0/24'));
  return undefined;
}

function checkId(field: keyof typeof STRING_LIMITS, value: unknown, what: string, example: string, issues: Issue[]): void {
  const { maxLength, pattern } = STRING_LIMITS[field] as { maxLength: number; pattern: RegExp };
  const code = `InvalidParameter.${field[0]?.toUpperCase()}${field.slice(1)}`;
  if (typeof value === 'string' && value.length > maxLength) {
    issues.push(tooLong(code, field, value, 'an ID', maxLength));
    return;
  }
  if (typeof value === 'string' && pattern.test(value)) return;
  issues.push(error(code, field, `${show(value)} is not ${what}`, `use an ID like ${example}`));
}

/** The region and gateway IDs alone; an empty regionId means none was given and there is no default. */
export function checkGatewayLocation(location: Pick<RouteSpec, 'regionId' | 'vpnGatewayId'>, issues: Issue[] = []): Issue[] {
  if (location.regionId === '') {
    issues.push(error('RegionRequired', 'regionId', 'no regionId was given and the server has no default region (none is ever guessed)', REGION_REQUIRED_HINT));
  } else {
    checkId('regionId', location.regionId, 'a region ID (lowercase words joined by -)', 'cn-hangzhou or ap-southeast-1', issues);
  }
  checkId('vpnGatewayId', location.vpnGatewayId, 'a VPN gateway ID (vpn- followed by lowercase letters and digits)', 'vpn-bp1a2b3c4d5e6f', issues);
  return issues;
}

// Half of a UTF-16 pair without its other half: no valid UTF-8, so the API cannot take it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkRouteValues(route: RouteSpec): Issue[] {
  const issues: Issue[] = [];

  checkGatewayLocation(route, issues);

  const source = checkCidr('routeSource', route.routeSource, issues);
  const dest = checkCidr('routeDest', route.routeDest, issues);
  if (dest !== undefined) {
    if (dest.prefix === 0) {
      issues.push(error('IllegalParam.RouteDest', 'routeDest', `${dest.text} (the default route) is not allowed as a policy route destination`, 'use a more specific destination block'));
    } else if (cidrsOverlap(dest, RESERVED_DEST)) {
      issues.push(
        error(
          'IllegalParam.RouteDest',
          'routeDest',
          `${dest.text} overlaps ${RESERVED_DEST.text}, which Alibaba Cloud reserves for its own services`,
          `use a destination entirely outside ${RESERVED_DEST.text} (100.64.0.0 to 100.127.255.255)`,
        ),
      );
    }
  }

  checkId('nextHop', route.nextHop, 'an IPsec-VPN connection ID (vco- followed by lowercase letters and digits)', 'vco-bp1a2b3c4d5e6f', issues);

  if (!(WEIGHTS as readonly unknown[]).includes(route.weight)) {
    issues.push(error('VpnRouteEntry.InvalidWeight', 'weight', `${show(route.weight)} is not allowed; only 0 and 100 are`, 'use 100 for the active route or 0 for the standby route'));
  }

  if (route.priority !== undefined && !(Number.isInteger(route.priority) && route.priority >= PRIORITY_MIN && route.priority <= PRIORITY_MAX)) {
    issues.push(error('InvalidParameter.Priority', 'priority', `${show(route.priority)} is not a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}`, `use ${PRIORITY_MIN} to ${PRIORITY_MAX} (smaller is preferred; default ${DEFAULT_PBR_PRIORITY}), or omit priority`));
  }

  if (route.description !== undefined) {
    const d: unknown = route.description;
    // Count code points, not UTF-16 units, so an emoji is one character.
    const length = typeof d === 'string' ? Array.from(d).length : -1;
    if (typeof d !== 'string') {
      issues.push(error('InvalidParameter.Description', 'description', `${show(d)} is not text`, 'use 1 to 100 characters of text, or omit description'));
    } else if (length < 1 || length > MAX_DESCRIPTION_LENGTH) {
      issues.push(error('InvalidParameter.Description', 'description', `${length} characters long; it must be 1 to ${MAX_DESCRIPTION_LENGTH}`, length < 1 ? 'omit description or write some text' : `shorten description to at most ${MAX_DESCRIPTION_LENGTH} characters`));
    } else if (LONE_SURROGATE.test(d)) {
      issues.push(error('InvalidParameter.Description', 'description', 'contains a broken character (a lone UTF-16 surrogate) that cannot be sent', 'remove or retype the broken character'));
    } else if (/^https?:\/\//i.test(d)) {
      issues.push(error('InvalidParameter.Description', 'description', 'must not start with http:// or https://', 'start the description with something other than a URL'));
    }
  }

  if (route.overlayMode !== undefined && route.overlayMode !== OVERLAY_MODE) {
    issues.push(error('InvalidParameter.OverlayMode', 'overlayMode', `${show(route.overlayMode)} is not supported; the only value is ${OVERLAY_MODE}`, `use ${OVERLAY_MODE} or omit it`));
  }

  if (source !== undefined && dest !== undefined && source.text === dest.text) {
    issues.push({
      code: 'VpnRouteEntry.SrcDestConflict',
      severity: 'warning',
      field: 'routeDest',
      message: `routeSource and routeDest are the same block (${dest.text}); dual-tunnel gateways reject such a route`,
      hint: 'use different source and destination blocks',
    });
  }

  return issues;
}

export function checkRouteOnGateway(route: RouteSpec, gateway: GatewayFacts): Issue[] {
  const issues: Issue[] = [];
  if (gateway.businessStatus === 'FinancialLocked') {
    issues.push(error('VpnGateway.FinancialLocked', 'vpnGatewayId', `VPN gateway ${gateway.vpnGatewayId} is financially locked (overdue payment), so no route can be added`, 'settle the overdue payment in the Alibaba Cloud console, then try again'));
  }
  if (route.priority !== undefined && !gateway.pbrPriority) {
    issues.push(error('VpnPbrRouteEntryPriority.NotSupport', 'priority', `VPN gateway ${gateway.vpnGatewayId} does not support route priorities, so it rejects any priority`, `omit priority (the route then gets the default priority ${DEFAULT_PBR_PRIORITY})`));
  }
  if (gateway.dualTunnel && sameBlock(route.routeSource, route.routeDest)) {
    issues.push(error('VpnRouteEntry.SrcDestConflict', 'routeDest', `VPN gateway ${gateway.vpnGatewayId} is dual-tunnel and rejects a route whose source and destination are the same block (${route.routeDest})`, 'use different source and destination blocks'));
  }
  return issues;
}

function sameBlock(a: string, b: string): boolean {
  const pa = parseIPv4Cidr(a);
  const pb = parseIPv4Cidr(b);
  return pa.ok && pb.ok ? pa.cidr.first === pb.cidr.first && pa.cidr.last === pb.cidr.last : a === b;
}

/** `mayName`: whether the connection's own gateway may be named (the allowlists hide the others). */
export function checkNextHop(
  route: RouteSpec,
  connection: { vpnConnectionId: string; vpnGatewayId: string } | undefined,
  mayName: (vpnGatewayId: string) => boolean = () => true,
): Issue[] {
  const hint = `use the ID of an IPsec-VPN connection attached to ${route.vpnGatewayId}`;
  if (connection === undefined || connection.vpnConnectionId !== route.nextHop) {
    return [error('InvalidNextHop.NotFound', 'nextHop', `VPN connection ${show(route.nextHop)} was not found in region ${route.regionId}`, hint)];
  }
  if (connection.vpnGatewayId !== route.vpnGatewayId) {
    const owner = connection.vpnGatewayId !== '' && mayName(connection.vpnGatewayId) ? `gateway ${connection.vpnGatewayId}` : 'another gateway';
    return [error('InvalidNextHop.NotFound', 'nextHop', `VPN connection ${route.nextHop} belongs to ${owner}, not to ${route.vpnGatewayId}`, hint)];
  }
  return [];
}

export function hasErrors(issues: Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
