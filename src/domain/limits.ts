// What the API accepts for each route argument, in one place: domain/route-rules.ts checks values
// against it, and tools/route-args.ts advertises it in the input schemas (so an agent gets it right first time).
import { CONNECTION_ID, GATEWAY_ID, MAX_REGION_ID_LENGTH, REGION_ID } from './ids.js';
import { clip } from './issues.js';
import type { RouteSpec } from './types.js';

/** Longest resource ID accepted (gateway, connection, VPC); real ones are about 25 characters. */
export const MAX_ID_LENGTH = 64;
/** Longest IPv4 CIDR block: 255.255.255.255/32. */
export const MAX_CIDR_LENGTH = 18;
/** The API's limit for a route description, in characters (code points). */
export const MAX_DESCRIPTION_LENGTH = 100;
/** The API's limit for a ClientToken. */
export const MAX_CLIENT_TOKEN_LENGTH = 64;
/** Far above any token this server issues (about 2 kB with the longest arguments), far below abuse. */
export const MAX_CONFIRMATION_TOKEN_LENGTH = 4096;

export const WEIGHTS = [0, 100] as const;
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 100;
export const OVERLAY_MODE = 'Ipsec';

/** Length limit, and pattern where there is one, of each string argument of a route. */
export const STRING_LIMITS = {
  regionId: { maxLength: MAX_REGION_ID_LENGTH, pattern: REGION_ID },
  vpnGatewayId: { maxLength: MAX_ID_LENGTH, pattern: GATEWAY_ID },
  nextHop: { maxLength: MAX_ID_LENGTH, pattern: CONNECTION_ID },
  routeSource: { maxLength: MAX_CIDR_LENGTH },
  routeDest: { maxLength: MAX_CIDR_LENGTH },
  description: { maxLength: MAX_DESCRIPTION_LENGTH },
  overlayMode: { maxLength: OVERLAY_MODE.length },
} as const satisfies Record<string, { maxLength: number; pattern?: RegExp }>;

/**
 * The route as it may be echoed (results, audit lines): a string longer than its field allows is cut, so
 * a refused 200 kB argument never comes back or fills the audit log. Valid values are never cut.
 */
export function clipRoute<R extends Partial<RouteSpec>>(route: R): R {
  const clipped: Record<string, unknown> = { ...route };
  for (const [field, { maxLength }] of Object.entries(STRING_LIMITS)) {
    const value = clipped[field];
    // Code points, as the limits count them: a valid description of 100 emoji stays whole.
    if (typeof value === 'string' && value.length > maxLength && Array.from(value).length > maxLength) {
      clipped[field] = clip(value, maxLength);
    }
  }
  return clipped as R;
}
