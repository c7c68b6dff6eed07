// The VPC operations the tools depend on. The pop-core implementation lives in pop-vpc-client.ts;
// nothing else in the project imports pop-core.
import type { RouteSpec } from '../domain/types.js';
import type { AppError } from '../errors/app-error.js';

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
  /** The API's clock when it answered (its Date header), Unix ms: tells an original answer replayed from a new one. */
  answeredAt?: number;
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

/** A listed route as the Modify* operations name it: its blocks, next hop, current weight and (when given) current priority. */
export interface ModifyPbrRouteRequest
  extends Pick<RouteSpec, 'regionId' | 'vpnGatewayId' | 'routeSource' | 'routeDest' | 'nextHop' | 'weight' | 'priority'> {
  clientToken?: string;
}

/** PublishVpnRouteEntry: the policy route to advertise to the VPC route table (publishVpc true) or withdraw from it. */
export interface PublishPbrRouteRequest extends Pick<RouteSpec, 'regionId' | 'vpnGatewayId' | 'routeDest' | 'nextHop' | 'publishVpc'> {
  clientToken?: string;
}

/** What a caller allows one logical call (all its attempts). */
export interface CallOptions {
  /** Checked before every attempt and backoff: once aborted no further request is sent (one in flight finishes). */
  signal?: AbortSignal;
  /** Unix ms: request timeouts shrink to it, and no attempt or backoff runs past it (CallBudgetExceeded). */
  deadline?: number;
  /** Told of every failed attempt, e.g. to know whether an answer was lost. */
  onAttemptFailed?: (error: AppError, attemptNumber: number) => void;
}

/**
 * Every method throws AppError (src/errors/app-error.ts) on failure, with source `cloud`
 * (an API error code), `network` (timeout, connection, non-JSON answer) or `internal`; `Cancelled`
 * or `CallBudgetExceeded` when the caller's CallOptions stopped an attempt from being sent.
 */
export interface VpcClient {
  /** With dryRun: resolves DryRunPassed when the API answers DryRunOperation. */
  createPbrRoute(request: CreatePbrRouteRequest & { dryRun: true }, options?: CallOptions): Promise<DryRunPassed>;
  createPbrRoute(request: CreatePbrRouteRequest & { dryRun?: false }, options?: CallOptions): Promise<CreatedPbrRoute>;
  listPbrRoutes(regionId: string, vpnGatewayId: string, options?: CallOptions): Promise<PbrRoute[]>;
  describeGateway(regionId: string, vpnGatewayId: string, options?: CallOptions): Promise<VpnGatewayInfo>;
  /** Every VPN gateway of a region (all pages), optionally of one VPC. */
  listGateways(regionId: string, vpcId?: string, options?: CallOptions): Promise<VpnGatewayInfo[]>;
  describeConnection(regionId: string, vpnConnectionId: string, options?: CallOptions): Promise<VpnConnectionInfo>;
  /** Every IPsec connection of a gateway (all pages): the gateway's valid next hops. */
  listConnections(regionId: string, vpnGatewayId: string, options?: CallOptions): Promise<VpnConnectionInfo[]>;
  deletePbrRoute(request: DeletePbrRouteRequest, options?: CallOptions): Promise<{ requestId: string }>;
  /** ModifyVpnPbrRouteEntryWeight (single-tunnel gateways; refused while the route's active/standby partner is listed). */
  modifyPbrRouteWeight(request: ModifyPbrRouteRequest & { newWeight: number }, options?: CallOptions): Promise<{ requestId: string }>;
  /** ModifyVpnPbrRouteEntryPriority (gateways with priorities). */
  modifyPbrRoutePriority(request: ModifyPbrRouteRequest & { newPriority: number }, options?: CallOptions): Promise<{ requestId: string }>;
  /** ModifyVpnPbrRouteEntryAttribute: weight and priority at once; the current priority is required. */
  modifyPbrRouteAttribute(
    request: ModifyPbrRouteRequest & { priority: number; newWeight?: number; newPriority?: number },
    options?: CallOptions,
  ): Promise<{ requestId: string }>;
  /** PublishVpnRouteEntry with RouteType pbr. */
  publishPbrRoute(request: PublishPbrRouteRequest, options?: CallOptions): Promise<{ requestId: string }>;
  /** The same client with these options on every call: signals add up, a deadline given later replaces an earlier one. */
  withOptions(options: CallOptions): VpcClient;
  /** A short digest of the AccessKey ID the client signs with now (resolving the credentials if need be). */
  accountDigest(): Promise<string>;
}
