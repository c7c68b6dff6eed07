// The service's own route rules, written from Alibaba's published parameter rules and error codes (not from
// src/domain: only the CIDR parser is shared), so a rule misread on either side shows up in the fixture table.
import { cidrsOverlap, type Ipv4Cidr, parseIPv4Cidr, sameCidr } from '../domain/cidr.js';
import { ApiError, invalidParameter } from './api-error.js';

/** A policy route as CreateVpnPbrRouteEntry receives it, parameters already typed. */
export interface RouteRequest {
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  priority?: number;
  description?: string;
  overlayMode?: string;
}

/** What the gateway-level rules look at. */
export interface GatewayTraits {
  businessStatus: string;
  pbrPriority: boolean;
  dualTunnel: boolean;
}

/** An existing route, as the conflict rules compare it. */
export interface ListedRoute {
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  priority: number;
}

export const DEFAULT_PRIORITY = 10;
// The shared address space the service keeps for itself (published limit of single-tunnel gateways).
const RESERVED = '100.64.0.0/10';

/** A CIDR block as the service reads one: anything else is InvalidCidrBlock.Malformed. */
export function cidr(text: string): Ipv4Cidr {
  const parsed = parseIPv4Cidr(text);
  if (!parsed.ok) throw new ApiError('InvalidCidrBlock.Malformed');
  return parsed.cidr;
}

/** A weight (Weight, or a Modify's NewWeight): 0 or 100 only. */
export function checkWeightValue(weight: number): void {
  if (weight !== 0 && weight !== 100) throw new ApiError('VpnRouteEntry.InvalidWeight');
}

/** A priority (Priority, or a Modify's NewPriority, named by `name`): 1 to 100. */
export function checkPriorityValue(name: string, priority: number): void {
  if (priority < 1 || priority > 100) throw invalidParameter(name, `${priority} is outside 1 to 100.`);
}

/** OverlayMode: Ipsec, or not sent (an empty value counts as not sent). */
export function checkOverlayMode(overlayMode: string | undefined): void {
  if (overlayMode !== undefined && overlayMode !== '' && overlayMode !== 'Ipsec') {
    throw invalidParameter('OverlayMode', `"${overlayMode}" is not supported; the only value is Ipsec.`);
  }
}

/** Rules on the parameters alone, in the order of the request's parameter table. */
export function checkRouteParameters(route: RouteRequest): void {
  cidr(route.routeSource);
  cidr(route.routeDest);
  checkWeightValue(route.weight);
  const { description, overlayMode, priority } = route;
  if (description !== undefined) {
    const length = Array.from(description).length;
    if (length < 1 || length > 100) throw invalidParameter('Description', 'it must be 1 to 100 characters long.');
    if (/^https?:\/\//i.test(description)) throw invalidParameter('Description', 'it must not start with http:// or https://.');
  }
  checkOverlayMode(overlayMode);
  if (priority !== undefined) checkPriorityValue('Priority', priority);
}

/** The next hop must be an IPsec connection of this gateway. */
export function checkNextHop(gatewayId: string, connection: { gatewayId: string } | undefined): void {
  if (connection === undefined || connection.gatewayId !== gatewayId) throw new ApiError('InvalidNextHop.NotFound');
}

/** Rules that depend on the gateway's kind: priorities, and the destination limits of single- and dual-tunnel gateways. */
export function checkRouteForGateway(route: RouteRequest, gateway: GatewayTraits): void {
  if (route.priority !== undefined && !gateway.pbrPriority) throw new ApiError('VpnPbrRouteEntryPriority.NotSupport');
  const source = cidr(route.routeSource);
  const dest = cidr(route.routeDest);
  if (gateway.dualTunnel) {
    if (sameCidr(source, dest)) throw new ApiError('VpnRouteEntry.SrcDestConflict');
    return;
  }
  // Only single-tunnel gateways refuse 0.0.0.0/0 and blocks overlapping 100.64.0.0/10 as a destination.
  if (dest.prefix === 0 || cidrsOverlap(dest, cidr(RESERVED))) throw new ApiError('IllegalParam.RouteDest');
}

/**
 * Conflicts with the gateway's routes: the same route again; on single-tunnel gateways a second route with the same
 * blocks and weight (an active/standby pair needs 100 and 0; dual-tunnel gateways ignore Weight); and, on any
 * gateway, overlapping blocks at the same priority unless the blocks are identical.
 */
export function checkRouteConflicts(route: RouteRequest, existing: readonly ListedRoute[], gateway: GatewayTraits): void {
  const source = cidr(route.routeSource);
  const dest = cidr(route.routeDest);
  const priority = route.priority ?? DEFAULT_PRIORITY;
  const listed = existing.map((other) => ({ other, sameBlocks: sameCidr(source, cidr(other.routeSource)) && sameCidr(dest, cidr(other.routeDest)) }));
  // A duplicate is reported before any other conflict, wherever it is in the list.
  if (listed.some(({ other, sameBlocks }) => sameBlocks && other.nextHop === route.nextHop)) throw new ApiError('VpnRouteEntry.AlreadyExists');
  for (const { other, sameBlocks } of listed) {
    if (sameBlocks) {
      if (!gateway.dualTunnel && other.weight === route.weight) throw new ApiError('VpnRouteEntry.SrcDestWeightConflict');
    } else if (other.priority === priority && cidrsOverlap(source, cidr(other.routeSource)) && cidrsOverlap(dest, cidr(other.routeDest))) {
      throw new ApiError('VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap');
    }
  }
}
