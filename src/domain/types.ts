// Shared shapes of the route domain. Pure types: no I/O, no SDK.

/** The normalised route arguments, camelCase names of the API parameters. */
export interface RouteSpec {
  regionId: string;
  vpnGatewayId: string;
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  publishVpc: boolean;
  description?: string;
  overlayMode?: string;
  priority?: number;
}

export type IssueSeverity = 'error' | 'warning';

/** One problem found with a route: an Alibaba error code where one fits, else one of ours. */
export interface Issue {
  code: string;
  severity: IssueSeverity;
  field?: string;
  message: string;
  hint?: string;
}

/** A policy route that already exists on a gateway (as DescribeVpnPbrRouteEntries lists it). */
export interface ExistingPbrRoute {
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  /** Absent means the API default, 10. */
  priority?: number;
}

/** A listed route's identity: what DeleteVpnPbrRouteEntry (and the Modify* actions) name it by. */
export type RouteIdentity = Pick<RouteSpec, 'regionId' | 'vpnGatewayId' | 'routeSource' | 'routeDest' | 'nextHop' | 'weight' | 'priority'>;

/** A modify: the listed route's identity and at least one new value (publishVpc: the new published state). */
export type ModifyTarget = RouteIdentity & { newWeight?: number; newPriority?: number; publishVpc?: boolean };
