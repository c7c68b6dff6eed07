// The VpcClient on @alicloud/pop-core: the operations, composed from the transport (one signed call),
// retry, paging and response mapping. cloud/ is the project's only import of the SDK.
import { createHash, randomUUID } from 'node:crypto';
import { isAppError } from '../errors/app-error.js';
import { dryRunIgnored, invalidConfiguration } from '../errors/factories.js';
import { silentLogger, type Logger } from '../log.js';
import { asRecord, stripUndefined } from '../util.js';
import { createPageHints, listOf, type PageHints, readAllPages } from './paging.js';
import { stringOf, toConnection, toCreatedRoute, toGateway, toPbrRoute } from './response-mapping.js';
import { DEFAULT_BACKOFF, type RetryPolicy, defaultSleep, withRetry } from './retry.js';
import { signingCredentials } from './signing-credentials.js';
import { type ApiAnswer, type ApiCallObserver, type ParamValue, type Transport, createTransport, toWireParams } from './transport.js';
import type {
  CallOptions,
  CreatePbrRouteRequest,
  CreatedPbrRoute,
  CredentialsProvider,
  DeletePbrRouteRequest,
  DryRunPassed,
  ModifyPbrRouteRequest,
  PbrRoute,
  PublishPbrRouteRequest,
  StaticCredentials,
  VpcClient,
} from './vpc-client.js';

export type { CredentialsProvider, StaticCredentials };

export interface PopVpcClientOptions {
  credentials: StaticCredentials | CredentialsProvider;
  /** Base URL of the VPC API; default https://vpc.<regionId>.aliyuncs.com per call. */
  endpoint?: string;
  /** Timeout of one HTTP request (connect and read). */
  timeoutMs?: number;
  /** Attempts for a retryable failure, the first included; 1 = no retry. */
  maxAttempts?: number;
  backoff?: { baseMs?: number; capMs?: number };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  logger?: Logger;
  /** Applied to every API message passed on, e.g. to hide what the allowlists hide. */
  hideText?: (text: string) => string;
  /** Told once per signed request (action, result code, duration), e.g. for metrics. */
  onApiCall?: ApiCallObserver;
}

export interface PopVpcClient extends VpcClient {
  /** Closes pooled keep-alive connections; later calls open new ones. */
  close(): void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw invalidConfiguration(`${name} must be a positive integer.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw invalidConfiguration(`${name} must be a non-negative number.`);
  return value;
}

// Explicit names: never OwnerId/ResourceOwner*, never a field we do not know.
function createParams(request: CreatePbrRouteRequest, clientToken: string | undefined): Record<string, ParamValue> {
  return {
    ClientToken: clientToken,
    VpnGatewayId: request.vpnGatewayId,
    RouteSource: request.routeSource,
    RouteDest: request.routeDest,
    NextHop: request.nextHop,
    Weight: request.weight,
    PublishVpc: request.publishVpc,
    Description: request.description,
    OverlayMode: request.overlayMode,
    Priority: request.priority,
    DryRun: request.dryRun,
  };
}

/** How the delete and the Modify* operations name a listed route: Priority only when given (it must then match). */
function namedRoute(request: ModifyPbrRouteRequest): Record<string, ParamValue> {
  return {
    VpnGatewayId: request.vpnGatewayId,
    RouteSource: request.routeSource,
    RouteDest: request.routeDest,
    NextHop: request.nextHop,
    Weight: request.weight,
    Priority: request.priority,
  };
}

export function createPopVpcClient(options: PopVpcClientOptions): PopVpcClient {
  const timeoutMs = positiveInteger(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const policy: RetryPolicy = {
    maxAttempts: positiveInteger(options.maxAttempts, DEFAULT_MAX_ATTEMPTS, 'maxAttempts'),
    baseMs: nonNegative(options.backoff?.baseMs, DEFAULT_BACKOFF.baseMs, 'backoff.baseMs'),
    capMs: nonNegative(options.backoff?.capMs, DEFAULT_BACKOFF.capMs, 'backoff.capMs'),
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
  };
  const credentials = signingCredentials(options.credentials);
  const transport = createTransport({
    endpoint: options.endpoint,
    timeoutMs,
    credentialsProvider: credentials.provider,
    seen: credentials.seen,
    hideText: options.hideText,
    onApiCall: options.onApiCall,
  });
  return operations(transport, policy, credentials.provider, createPageHints(), {});
}

// The operations with `bound` applied to every call: withOptions() returns another set over the same transport.
function operations(transport: Transport, policy: RetryPolicy, provider: CredentialsProvider, pageHints: PageHints, bound: CallOptions): PopVpcClient {
  /** One logical call: the same parameters (and ClientToken) on every attempt. */
  function call(action: string, regionId: string, params: Record<string, ParamValue>, perCall: CallOptions = {}): Promise<ApiAnswer> {
    const wire = toWireParams({ RegionId: regionId, ...params });
    const limits = mergeOptions(bound, perCall);
    return withRetry(action, policy, (_n, timeLeftMs) => transport.call(action, regionId, wire, { timeoutMs: timeLeftMs }), limits);
  }

  function readList(
    action: string,
    regionId: string,
    params: Record<string, ParamValue>,
    keys: [list: string, item: string],
    perCall: CallOptions | undefined,
  ) {
    return readAllPages(
      async (pageNumber, pageSize) => (await call(action, regionId, { ...params, PageNumber: pageNumber, PageSize: pageSize }, perCall)).data,
      (data) => listOf(asRecord(data[keys[0]])?.[keys[1]]),
      { hints: pageHints, key: `${action}\n${regionId}\n${JSON.stringify(params)}` },
    );
  }

  async function dryRunCreate(request: CreatePbrRouteRequest, perCall?: CallOptions): Promise<DryRunPassed> {
    let answer: ApiAnswer;
    try {
      // No ClientToken: a dry run changes nothing, and reusing the create's token could replay its answer.
      answer = await call('CreateVpnPbrRouteEntry', request.regionId, createParams(request, undefined), perCall);
    } catch (err) {
      // A passing check comes back as this error code.
      if (isAppError(err) && err.code === 'DryRunOperation') return { dryRun: true, requestId: err.body.requestId ?? '' };
      throw err;
    }
    throw dryRunIgnored('CreateVpnPbrRouteEntry', stringOf(answer.data.RequestId), answer.httpStatus);
  }

  // What became of a create whose answer was lost is the caller's to establish (src/change/): this only sends.
  async function create(request: CreatePbrRouteRequest, perCall?: CallOptions): Promise<CreatedPbrRoute> {
    const clientToken = request.clientToken ?? randomUUID();
    const answer = await call('CreateVpnPbrRouteEntry', request.regionId, createParams(request, clientToken), perCall);
    return stripUndefined({ ...toCreatedRoute(answer.data, request), answeredAt: answer.serverTime });
  }

  /** A change answered by `{ RequestId }` only: one ClientToken for every attempt (a random one when none is given). */
  async function change(action: string, request: { regionId: string; clientToken?: string }, params: Record<string, ParamValue>, perCall?: CallOptions) {
    const { data } = await call(action, request.regionId, { ClientToken: request.clientToken ?? randomUUID(), ...params }, perCall);
    return { requestId: stringOf(data.RequestId) ?? '' };
  }

  function createPbrRoute(request: CreatePbrRouteRequest & { dryRun: true }, perCall?: CallOptions): Promise<DryRunPassed>;
  function createPbrRoute(request: CreatePbrRouteRequest & { dryRun?: false }, perCall?: CallOptions): Promise<CreatedPbrRoute>;
  function createPbrRoute(request: CreatePbrRouteRequest, perCall?: CallOptions): Promise<DryRunPassed | CreatedPbrRoute> {
    return request.dryRun === true ? dryRunCreate(request, perCall) : create(request, perCall);
  }

  return {
    createPbrRoute,

    async listPbrRoutes(regionId, vpnGatewayId, perCall): Promise<PbrRoute[]> {
      const { items } = await readList('DescribeVpnPbrRouteEntries', regionId, { VpnGatewayId: vpnGatewayId }, ['VpnPbrRouteEntries', 'VpnPbrRouteEntry'], perCall);
      return items.map((item) => toPbrRoute(item, vpnGatewayId));
    },

    async describeGateway(regionId, vpnGatewayId, perCall) {
      const { data } = await call('DescribeVpnGateway', regionId, { VpnGatewayId: vpnGatewayId }, perCall);
      return toGateway(data, regionId, vpnGatewayId);
    },

    async listGateways(regionId, vpcId, perCall) {
      const { items, requestId } = await readList('DescribeVpnGateways', regionId, { VpcId: vpcId }, ['VpnGateways', 'VpnGateway'], perCall);
      return items.map((item) => toGateway({ RequestId: requestId, ...item }, regionId, ''));
    },

    async describeConnection(regionId, vpnConnectionId, perCall) {
      const { data } = await call('DescribeVpnConnection', regionId, { VpnConnectionId: vpnConnectionId }, perCall);
      return toConnection(data, stringOf(data.RequestId) ?? '', vpnConnectionId);
    },

    async listConnections(regionId, vpnGatewayId, perCall) {
      const { items, requestId } = await readList('DescribeVpnConnections', regionId, { VpnGatewayId: vpnGatewayId }, ['VpnConnections', 'VpnConnection'], perCall);
      return items.map((item) => toConnection(item, requestId, ''));
    },

    deletePbrRoute: (request: DeletePbrRouteRequest, perCall) =>
      change('DeleteVpnPbrRouteEntry', request, { ...namedRoute(request), OverlayMode: request.overlayMode }, perCall),

    modifyPbrRouteWeight: (request, perCall) => change('ModifyVpnPbrRouteEntryWeight', request, { ...namedRoute(request), NewWeight: request.newWeight }, perCall),

    modifyPbrRoutePriority: (request, perCall) =>
      change('ModifyVpnPbrRouteEntryPriority', request, { ...namedRoute(request), NewPriority: request.newPriority }, perCall),

    modifyPbrRouteAttribute: (request, perCall) =>
      change('ModifyVpnPbrRouteEntryAttribute', request, { ...namedRoute(request), NewWeight: request.newWeight, NewPriority: request.newPriority }, perCall),

    publishPbrRoute: (request: PublishPbrRouteRequest, perCall) =>
      change(
        'PublishVpnRouteEntry',
        request,
        { VpnGatewayId: request.vpnGatewayId, RouteDest: request.routeDest, NextHop: request.nextHop, RouteType: 'pbr', PublishVpc: request.publishVpc },
        perCall,
      ),

    withOptions(more) {
      return operations(transport, policy, provider, pageHints, mergeOptions(bound, more));
    },

    async accountDigest() {
      const { accessKeyId } = await provider.getCredentials();
      return createHash('sha256').update(`account\n${accessKeyId}`).digest('base64url').slice(0, 16);
    },

    close() {
      transport.close();
    },
  };
}

/** Both signals count, the later-given deadline replaces the earlier, and both attempt observers are told. */
function mergeOptions(a: CallOptions, b: CallOptions): CallOptions {
  const signals = [...new Set([a.signal, b.signal].filter((s): s is AbortSignal => s !== undefined))];
  const observers = [a.onAttemptFailed, b.onAttemptFailed].filter((f) => f !== undefined);
  return {
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    deadline: b.deadline ?? a.deadline,
    onAttemptFailed:
      observers.length > 0
        ? (error, n) => {
            for (const observe of observers) observe(error, n);
          }
        : undefined,
  };
}
