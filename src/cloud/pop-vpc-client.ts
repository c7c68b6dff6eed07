// The VpcClient on @alicloud/pop-core: the operations, composed from the transport (one signed call),
// retry, paging and response mapping. cloud/ is the project's only import of the SDK.
import { randomUUID } from 'node:crypto';
import { type AppError, isAppError } from '../errors/app-error.js';
import { dryRunIgnored, invalidConfiguration, outcomeUnknown } from '../errors/factories.js';
import { silentLogger, type Logger } from '../log.js';
import { asRecord, stripUndefined } from '../util.js';
import { isAmbiguousOutcome } from './error-codes.js';
import { listOf, readAllPages } from './paging.js';
import { stringOf, toConnection, toCreatedRoute, toGateway, toPbrRoute } from './response-mapping.js';
import { DEFAULT_BACKOFF, type RetryPolicy, defaultSleep, withRetry } from './retry.js';
import { signingCredentials } from './signing-credentials.js';
import { type ApiAnswer, type ParamValue, createTransport, toWireParams } from './transport.js';
import type {
  CreatePbrRouteRequest,
  CreatedPbrRoute,
  CredentialsProvider,
  DeletePbrRouteRequest,
  DryRunPassed,
  PbrRoute,
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
  const logger = policy.logger;
  const credentials = signingCredentials(options.credentials);
  const transport = createTransport({
    endpoint: options.endpoint,
    timeoutMs,
    credentialsProvider: credentials.provider,
    secrets: credentials.secrets,
  });

  /** One logical call: the same parameters (and ClientToken) on every attempt. */
  function call(
    action: string,
    regionId: string,
    params: Record<string, ParamValue>,
    onFailure?: (error: AppError) => void,
  ): Promise<ApiAnswer> {
    const wire = toWireParams({ RegionId: regionId, ...params });
    return withRetry(action, policy, async () => {
      try {
        return await transport.call(action, regionId, wire);
      } catch (err) {
        if (isAppError(err)) onFailure?.(err);
        throw err;
      }
    });
  }

  function readList(action: string, regionId: string, params: Record<string, ParamValue>, listKey: string, itemKey: string) {
    return readAllPages(
      async (pageNumber, pageSize) => (await call(action, regionId, { ...params, PageNumber: pageNumber, PageSize: pageSize })).data,
      (data) => listOf(asRecord(data[listKey])?.[itemKey]),
    );
  }

  async function listRoutes(regionId: string, vpnGatewayId: string) {
    const { items, requestId } = await readList(
      'DescribeVpnPbrRouteEntries',
      regionId,
      { VpnGatewayId: vpnGatewayId },
      'VpnPbrRouteEntries',
      'VpnPbrRouteEntry',
    );
    return { routes: items.map((item) => toPbrRoute(item, vpnGatewayId)), requestId };
  }

  async function dryRunCreate(request: CreatePbrRouteRequest): Promise<DryRunPassed> {
    let answer: ApiAnswer;
    try {
      // No ClientToken: a dry run changes nothing, and reusing the create's token could replay its answer.
      answer = await call('CreateVpnPbrRouteEntry', request.regionId, createParams(request, undefined));
    } catch (err) {
      // A passing check comes back as this error code.
      if (isAppError(err) && err.code === 'DryRunOperation') return { dryRun: true, requestId: err.body.requestId ?? '' };
      throw err;
    }
    throw dryRunIgnored('CreateVpnPbrRouteEntry', stringOf(answer.data.RequestId), answer.httpStatus);
  }

  async function create(request: CreatePbrRouteRequest): Promise<CreatedPbrRoute> {
    const clientToken = request.clientToken ?? randomUUID();
    let ambiguous = false;
    try {
      const answer = await call('CreateVpnPbrRouteEntry', request.regionId, createParams(request, clientToken), (err) => {
        // Any attempt whose answer was lost may have created the route, whatever later attempts said.
        if (isAmbiguousOutcome(err)) ambiguous = true;
      });
      return toCreatedRoute(answer.data, request);
    } catch (err) {
      if (!isAppError(err) || !ambiguous) throw err;
      return confirmByListing(request, err);
    }
  }

  async function confirmByListing(request: CreatePbrRouteRequest, lastError: AppError): Promise<CreatedPbrRoute> {
    logger.warn('create outcome unknown; checking the route list', { action: 'CreateVpnPbrRouteEntry', code: lastError.code });
    let listed: Awaited<ReturnType<typeof listRoutes>>;
    try {
      listed = await listRoutes(request.regionId, request.vpnGatewayId);
    } catch {
      throw outcomeUnknown(
        `The answer to CreateVpnPbrRouteEntry was lost (${lastError.code}) and the route list could not be read: the route may or may not have been created. Call listVpnPbrRoutes to check.`,
        'Call listVpnPbrRoutes for this gateway; retrying the create with the same clientToken cannot create a second route.',
      );
    }
    const route = listed.routes.find(
      (r) =>
        r.routeSource === request.routeSource &&
        r.routeDest === request.routeDest &&
        r.nextHop === request.nextHop &&
        r.weight === request.weight,
    );
    if (!route) throw lastError;
    return stripUndefined({
      requestId: listed.requestId,
      vpnInstanceId: route.vpnInstanceId,
      routeSource: route.routeSource,
      routeDest: route.routeDest,
      nextHop: route.nextHop,
      weight: route.weight,
      priority: route.priority,
      state: route.state,
      createTime: route.createTime,
      overlayMode: request.overlayMode,
      description: request.description,
      confirmedByListing: true,
    });
  }

  function createPbrRoute(request: CreatePbrRouteRequest & { dryRun: true }): Promise<DryRunPassed>;
  function createPbrRoute(request: CreatePbrRouteRequest & { dryRun?: false }): Promise<CreatedPbrRoute>;
  function createPbrRoute(request: CreatePbrRouteRequest): Promise<DryRunPassed | CreatedPbrRoute> {
    return request.dryRun === true ? dryRunCreate(request) : create(request);
  }

  return {
    createPbrRoute,

    async listPbrRoutes(regionId, vpnGatewayId): Promise<PbrRoute[]> {
      return (await listRoutes(regionId, vpnGatewayId)).routes;
    },

    async describeGateway(regionId, vpnGatewayId) {
      const { data } = await call('DescribeVpnGateway', regionId, { VpnGatewayId: vpnGatewayId });
      return toGateway(data, regionId, vpnGatewayId);
    },

    async describeConnection(regionId, vpnConnectionId) {
      const { data } = await call('DescribeVpnConnection', regionId, { VpnConnectionId: vpnConnectionId });
      return toConnection(data, stringOf(data.RequestId) ?? '', vpnConnectionId);
    },

    async listConnections(regionId, vpnGatewayId) {
      const { items, requestId } = await readList(
        'DescribeVpnConnections',
        regionId,
        { VpnGatewayId: vpnGatewayId },
        'VpnConnections',
        'VpnConnection',
      );
      return items.map((item) => toConnection(item, requestId, ''));
    },

    async deletePbrRoute(request: DeletePbrRouteRequest) {
      const { data } = await call('DeleteVpnPbrRouteEntry', request.regionId, {
        ClientToken: request.clientToken ?? randomUUID(),
        VpnGatewayId: request.vpnGatewayId,
        RouteSource: request.routeSource,
        RouteDest: request.routeDest,
        NextHop: request.nextHop,
        Weight: request.weight,
        OverlayMode: request.overlayMode,
        Priority: request.priority,
      });
      return { requestId: stringOf(data.RequestId) ?? '' };
    },

    close() {
      transport.close();
    },
  };
}

