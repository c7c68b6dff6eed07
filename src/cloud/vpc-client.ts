// The VPC operations the tools depend on. The pop-core implementation lives in pop-vpc-client.ts;
// nothing else in the project imports pop-core.
import type { RouteSpec } from '../domain/types.js';

/** An AccessKey pair, with the security token of STS credentials. */
export interface StaticCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Asked before every request, so that expiring STS credentials can be refreshed. */
export interface CredentialsProvider {
  getCredentials(): Promise<StaticCredentials>;
}

/** The route as the API takes it (camelCase), plus the request-level options. */
export interface CreatePbrRouteRequest extends RouteSpec {
  /** Idempotency key, reused on every retry of this logical create. */
  clientToken?: string;
  dryRun?: boolean;
}

export interface CreatedPbrRoute {
  requestId: string;
  vpnInstanceId: string;
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  priority?: number;
  state?: string;
  createTime?: number;
  overlayMode?: string;
  description?: string;
  /** True when the answer was lost and the route was found in the route list instead. */
  confirmedByListing?: boolean;
}

export interface DryRunPassed {
  dryRun: true;
  requestId: string;
}

export interface PbrRoute {
  vpnInstanceId: string;
  routeSource: string;
  routeDest: string;
  nextHop: string;
  nextHopTunnelId?: string;
  weight: number;
  priority?: number;
  state?: string;
  createTime?: number;
}

export type GatewayStatus = 'init' | 'provisioning' | 'active' | 'updating' | 'deleting' | string;

export interface VpnGatewayInfo {
  requestId: string;
  vpnGatewayId: string;
  regionId: string;
  status: GatewayStatus;
  businessStatus: string;
  vpcId?: string;
  spec?: string;
  name?: string;
  /** Parsed from the Tag JSON string: `"PbrPriority":"true"`. */
  pbrPriority: boolean;
  /** DisasterRecoveryInternetIp present. */
  dualTunnel: boolean;
}

export interface VpnConnectionInfo {
  requestId: string;
  vpnConnectionId: string;
  vpnGatewayId: string;
  name?: string;
  status?: string;
}

export interface DeletePbrRouteRequest
  extends Pick<RouteSpec, 'regionId' | 'vpnGatewayId' | 'routeSource' | 'routeDest' | 'nextHop' | 'weight' | 'priority' | 'overlayMode'> {
  clientToken?: string;
}

/**
 * Every method throws AppError (src/errors/app-error.ts) on failure, with source `cloud`
 * (an API error code), `network` (timeout, connection, non-JSON answer) or `internal`.
 */
export interface VpcClient {
  /** With dryRun: resolves DryRunPassed when the API answers DryRunOperation. */
  createPbrRoute(request: CreatePbrRouteRequest & { dryRun: true }): Promise<DryRunPassed>;
  createPbrRoute(request: CreatePbrRouteRequest & { dryRun?: false }): Promise<CreatedPbrRoute>;
  listPbrRoutes(regionId: string, vpnGatewayId: string): Promise<PbrRoute[]>;
  describeGateway(regionId: string, vpnGatewayId: string): Promise<VpnGatewayInfo>;
  describeConnection(regionId: string, vpnConnectionId: string): Promise<VpnConnectionInfo>;
  /** Every IPsec connection of a gateway (all pages): the gateway's valid next hops. */
  listConnections(regionId: string, vpnGatewayId: string): Promise<VpnConnectionInfo[]>;
  deletePbrRoute(request: DeletePbrRouteRequest): Promise<{ requestId: string }>;
}
