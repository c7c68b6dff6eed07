// The VpcClient on @alicloud/pop-core: the project's only import of the SDK.
import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../errors/app-error.js';
import { type Logger, silentLogger } from '../log.js';
import { asRecord, stripUndefined } from '../util.js';
import { USER_AGENT_PRODUCT } from '../version.js';
import {
  type ErrorContext,
  httpStatusToAppError,
  invalidResponse,
  isAmbiguousOutcome,
  toAppError,
} from './api-errors.js';
import { installAnswerParser } from './json-answer.js';
import { DEFAULT_BACKOFF, type RetryPolicy, defaultSleep, withRetry } from './retry.js';
import type {
  CredentialsProvider,
  StaticCredentials,
  CreatePbrRouteRequest,
  CreatedPbrRoute,
  DeletePbrRouteRequest,
  DryRunPassed,
  PbrRoute,
  VpcClient,
  VpnConnectionInfo,
  VpnGatewayInfo,
} from './vpc-client.js';

export type { CredentialsProvider, StaticCredentials };

export const VPC_API_VERSION = '2016-04-28';
/** The API's maximum page size for DescribeVpnPbrRouteEntries and DescribeVpnConnections. */
export const PAGE_SIZE = 50;
/** Pages 2..n are fetched in parallel (1,000 routes in one wave), but not unbounded: a huge list must not trip throttling. */
export const PAGE_CONCURRENCY = 20;
// A garbage TotalCount must not start thousands of requests (200 pages = 10,000 entries).
const MAX_PAGES = 200;

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
  /** Every IPsec connection of a gateway (all pages). */
  listConnections(regionId: string, vpnGatewayId: string): Promise<VpnConnectionInfo[]>;
  /** Closes pooled keep-alive connections; later calls open new ones. */
  close(): void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

// What we use of pop-core, typed narrowly: its own types lack credentialsProvider and verbose mode.
interface PopCoreConfig {
  endpoint: string;
  apiVersion: string;
  credentialsProvider: CredentialsProvider;
}

interface PopCoreRequestOptions {
  method: 'POST';
  formatParams: false;
  timeout: number;
  readTimeout: number;
  connectTimeout: number;
  headers: Record<string, string>;
}

type WireValue = string | number;

interface PopCoreClient {
  request(action: string, params: Record<string, WireValue>, options: PopCoreRequestOptions): Promise<unknown>;
  keepAliveAgent?: { destroy(): void };
}

type PopCoreConstructor = new (config: PopCoreConfig, verbose: boolean) => PopCoreClient;

interface PopCoreModule {
  RPCClient: PopCoreConstructor;
  defaultUserAgent: string;
  defaultClientHeader: string;
}

let popCoreModule: Promise<PopCoreModule> | undefined;

// Loaded on the first request so that start-up does not pay for the SDK.
function loadPopCore(): Promise<PopCoreModule> {
  popCoreModule ??= (async () => {
    const [core, helper, jsonBigint] = await Promise.all([
      import('@alicloud/pop-core') as Promise<unknown>,
      import('@alicloud/pop-core/lib/helper.js').catch(() => undefined) as Promise<unknown>,
      import('json-bigint').catch(() => undefined) as Promise<unknown>,
    ]);
    installAnswerParser(jsonBigint);
    const exported = asRecord(core)?.default ?? core;
    const ctor = typeof exported === 'function' ? exported : asRecord(exported)?.RPCClient;
    if (typeof ctor !== 'function') throw new Error('@alicloud/pop-core exports no RPCClient');
    const helperExports = asRecord(asRecord(helper)?.default) ?? asRecord(helper);
    return {
      RPCClient: ctor as PopCoreConstructor,
      defaultUserAgent: stringOf(helperExports?.DEFAULT_UA) ?? fallbackUserAgent(),
      defaultClientHeader: stringOf(helperExports?.DEFAULT_CLIENT) ?? `Node.js(${process.version}), @alicloud/pop-core`,
    };
  })().catch((err: unknown) => {
    popCoreModule = undefined;
    throw err;
  });
  return popCoreModule;
}

// pop-core's own formula, used only if its helper module ever moves.
function fallbackUserAgent(): string {
  return `AlibabaCloud (${process.platform}; ${process.arch}) Node.js/${process.version} Core/1.8.0`;
}

type ParamValue = string | number | boolean | undefined | null;

/** Drops undefined/null (pop-core would send the text "undefined") and spells booleans out. */
export function toWireParams(params: Record<string, ParamValue>): Record<string, WireValue> {
  const out: Record<string, WireValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out[key] = typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
  }
  return out;
}

interface ApiAnswer {
  data: Record<string, unknown>;
  httpStatus?: number;
}

function configError(message: string, code = 'InvalidConfiguration'): AppError {
  return new AppError({ code, message, retryable: false, source: 'config' });
}

function normaliseEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw configError('The VPC endpoint is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError('The VPC endpoint must start with http:// or https://.');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw configError('The VPC endpoint must be a base URL without query, fragment or user info.');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw configError(`${name} must be a positive integer.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw configError(`${name} must be a non-negative number.`);
  return value;
}

function isProvider(credentials: PopVpcClientOptions['credentials']): credentials is CredentialsProvider {
  return typeof (credentials as Partial<CredentialsProvider>).getCredentials === 'function';
}

function credentialsMissing(): AppError {
  return new AppError({
    code: 'CredentialsMissing',
    message: 'No usable Alibaba Cloud credentials (AccessKey ID and secret) are available.',
    retryable: false,
    source: 'config',
    hint: 'Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS).',
  });
}

function validCredentials(value: unknown): StaticCredentials | undefined {
  const record = asRecord(value);
  const accessKeyId = stringOf(record?.accessKeyId);
  const accessKeySecret = stringOf(record?.accessKeySecret);
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = stringOf(record?.securityToken);
  return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
}

function checkRegionId(regionId: string): void {
  if (typeof regionId !== 'string' || regionId === '') {
    throw new AppError({
      code: 'RegionRequired',
      message: 'A regionId is required.',
      retryable: false,
      source: 'input',
      field: 'regionId',
    });
  }
  // It becomes part of the default endpoint's host name.
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(regionId)) {
    throw new AppError({
      code: 'InvalidParameter.RegionId',
      message: 'regionId must look like cn-hangzhou.',
      retryable: false,
      source: 'input',
      field: 'regionId',
    });
  }
}

export function createPopVpcClient(options: PopVpcClientOptions): PopVpcClient {
  const fixedEndpoint = options.endpoint !== undefined ? normaliseEndpoint(options.endpoint) : undefined;
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

  // Every secret value seen, so that any text passed on can be scrubbed of it.
  const secrets = new Set<string>();
  const rememberSecrets = (credentials: StaticCredentials) => {
    if (secrets.size > 32) secrets.clear();
    secrets.add(credentials.accessKeySecret);
    if (credentials.securityToken) secrets.add(credentials.securityToken);
  };

  const source = options.credentials;
  let credentialsProvider: CredentialsProvider;
  if (isProvider(source)) {
    credentialsProvider = {
      async getCredentials() {
        let value: unknown;
        try {
          value = await source.getCredentials();
        } catch (error) {
          // A provider's own CredentialsMissing (with its hint) passes; anything else may hold a secret.
          throw isAppError(error) && error.code === 'CredentialsMissing' ? error : credentialsMissing();
        }
        const credentials = validCredentials(value);
        // pop-core would send an unsigned request without them.
        if (!credentials) throw credentialsMissing();
        rememberSecrets(credentials);
        return credentials;
      },
    };
  } else {
    const credentials = validCredentials(source);
    if (!credentials) throw credentialsMissing();
    rememberSecrets(credentials);
    credentialsProvider = { getCredentials: async () => credentials };
  }

  const clients = new Map<string, Promise<PopCoreClient>>();
  const created: PopCoreClient[] = [];

  function clientFor(endpoint: string): Promise<PopCoreClient> {
    let client = clients.get(endpoint);
    if (!client) {
      client = loadPopCore().then((mod) => {
        // verbose = true: answers come back as [json, entry] so that the HTTP status is visible.
        const instance = new mod.RPCClient({ endpoint, apiVersion: VPC_API_VERSION, credentialsProvider }, true);
        created.push(instance);
        return instance;
      });
      client.catch(() => clients.delete(endpoint));
      clients.set(endpoint, client);
    }
    return client;
  }

  async function requestOptions(action: string): Promise<PopCoreRequestOptions> {
    const mod = await loadPopCore();
    return {
      method: 'POST',
      formatParams: false,
      timeout: timeoutMs,
      readTimeout: timeoutMs,
      connectTimeout: timeoutMs,
      // These replace pop-core's default headers, so its own are repeated here.
      headers: {
        'x-sdk-client': mod.defaultClientHeader,
        'user-agent': `${USER_AGENT_PRODUCT} ${mod.defaultUserAgent}`,
        'x-acs-action': action,
        'x-acs-version': VPC_API_VERSION,
      },
    };
  }

  async function callOnce(action: string, regionId: string, params: Record<string, WireValue>): Promise<ApiAnswer> {
    const ctx: ErrorContext = { action, secrets, timeoutMs };
    let result: unknown;
    try {
      const endpoint = fixedEndpoint ?? `https://vpc.${regionId}.aliyuncs.com`;
      const [client, opts] = await Promise.all([clientFor(endpoint), requestOptions(action)]);
      result = await client.request(action, params, opts);
    } catch (err) {
      throw toAppError(err, ctx);
    }
    const [json, entry] = Array.isArray(result) ? result : [result, undefined];
    const status = asRecord(asRecord(entry)?.response)?.statusCode;
    const httpStatus = typeof status === 'number' ? status : undefined;
    const data = asRecord(json);
    // pop-core treats any JSON without Code as a success, whatever the status.
    if (httpStatus !== undefined && httpStatus >= 400) throw httpStatusToAppError(httpStatus, data, ctx);
    if (!data || Array.isArray(data)) throw invalidResponse(ctx, 'not a JSON object', httpStatus);
    return { data, httpStatus };
  }

  async function call(
    action: string,
    regionId: string,
    params: Record<string, ParamValue>,
    onFailure?: (error: AppError) => void,
  ): Promise<ApiAnswer> {
    checkRegionId(regionId);
    // Built once: every attempt sends exactly the same parameters (and ClientToken).
    const wire = toWireParams({ RegionId: regionId, ...params });
    return withRetry(action, policy, async () => {
      try {
        return await callOnce(action, regionId, wire);
      } catch (err) {
        if (isAppError(err)) onFailure?.(err);
        throw err;
      }
    });
  }

  async function listPages(
    action: string,
    regionId: string,
    params: Record<string, ParamValue>,
    itemsOf: (data: Record<string, unknown>) => Record<string, unknown>[],
  ): Promise<{ items: Record<string, unknown>[]; requestId: string }> {
    const page = (pageNumber: number) => call(action, regionId, { ...params, PageNumber: pageNumber, PageSize: PAGE_SIZE });
    const first = await page(1);
    const firstItems = itemsOf(first.data);
    const total = numberOf(first.data.TotalCount) ?? firstItems.length;
    const pageCount = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGES);
    const rest = await mapConcurrent(range(2, pageCount), PAGE_CONCURRENCY, async (n) => itemsOf((await page(n)).data));
    return { items: [firstItems, ...rest].flat(), requestId: stringOf(first.data.RequestId) ?? '' };
  }

  async function listRoutes(regionId: string, vpnGatewayId: string) {
    const { items, requestId } = await listPages(
      'DescribeVpnPbrRouteEntries',
      regionId,
      { VpnGatewayId: vpnGatewayId },
      (data) => listOf(asRecord(data.VpnPbrRouteEntries)?.VpnPbrRouteEntry),
    );
    return { routes: items.map((item) => toPbrRoute(item, vpnGatewayId)), requestId };
  }

  function createParams(request: CreatePbrRouteRequest, clientToken: string | undefined): Record<string, ParamValue> {
    // Explicit names: never OwnerId/ResourceOwner*, never a field we do not know.
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

  async function dryRunCreate(request: CreatePbrRouteRequest): Promise<DryRunPassed> {
    let answer: ApiAnswer;
    try {
      // No ClientToken: a dry run changes nothing, and reusing the create's token could replay its answer.
      answer = await call('CreateVpnPbrRouteEntry', request.regionId, createParams(request, undefined));
    } catch (err) {
      // A passing check comes back as this error code.
      if (isAppError(err) && err.code === 'DryRunOperation') {
        return { dryRun: true, requestId: err.body.requestId ?? '' };
      }
      throw err;
    }
    throw new AppError({
      code: 'DryRunIgnored',
      message: 'The VPC API answered the dry run as a success instead of DryRunOperation; a route may have been created.',
      retryable: false,
      source: 'cloud',
      requestId: stringOf(answer.data.RequestId),
      httpStatus: answer.httpStatus,
      hint: 'Call listVpnPbrRoutes to check whether the route exists.',
    });
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
    logger.warn('create outcome unknown; checking the route list', {
      action: 'CreateVpnPbrRouteEntry',
      code: lastError.code,
    });
    let listed: Awaited<ReturnType<typeof listRoutes>>;
    try {
      listed = await listRoutes(request.regionId, request.vpnGatewayId);
    } catch {
      throw new AppError({
        code: 'OutcomeUnknown',
        message: `The answer to CreateVpnPbrRouteEntry was lost (${lastError.code}) and the route list could not be read: the route may or may not have been created. Call listVpnPbrRoutes to check.`,
        retryable: true,
        source: 'network',
        hint: 'Call listVpnPbrRoutes for this gateway; retrying the create with the same clientToken cannot create a second route.',
      });
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

    async listPbrRoutes(regionId, vpnGatewayId) {
      return (await listRoutes(regionId, vpnGatewayId)).routes;
    },

    async describeGateway(regionId, vpnGatewayId): Promise<VpnGatewayInfo> {
      const { data } = await call('DescribeVpnGateway', regionId, { VpnGatewayId: vpnGatewayId });
      return stripUndefined({
        requestId: stringOf(data.RequestId) ?? '',
        vpnGatewayId: stringOf(data.VpnGatewayId) ?? vpnGatewayId,
        regionId: stringOf(data.RegionId) ?? regionId,
        status: stringOf(data.Status) ?? '',
        businessStatus: stringOf(data.BusinessStatus) ?? '',
        vpcId: stringOf(data.VpcId),
        spec: stringOf(data.Spec),
        name: stringOf(data.Name),
        pbrPriority: tagSaysPbrPriority(data.Tag),
        dualTunnel: stringOf(data.DisasterRecoveryInternetIp) !== undefined,
      });
    },

    async describeConnection(regionId, vpnConnectionId): Promise<VpnConnectionInfo> {
      const { data } = await call('DescribeVpnConnection', regionId, { VpnConnectionId: vpnConnectionId });
      return toConnection(data, stringOf(data.RequestId) ?? '', vpnConnectionId);
    },

    async listConnections(regionId, vpnGatewayId) {
      const { items, requestId } = await listPages(
        'DescribeVpnConnections',
        regionId,
        { VpnGatewayId: vpnGatewayId },
        (data) => listOf(asRecord(data.VpnConnections)?.VpnConnection),
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
      for (const client of created.splice(0)) client.keepAliveAgent?.destroy();
      clients.clear();
    },
  };
}

function toCreatedRoute(data: Record<string, unknown>, request: CreatePbrRouteRequest): CreatedPbrRoute {
  return stripUndefined({
    requestId: stringOf(data.RequestId) ?? '',
    vpnInstanceId: stringOf(data.VpnInstanceId) ?? request.vpnGatewayId,
    routeSource: stringOf(data.RouteSource) ?? request.routeSource,
    routeDest: stringOf(data.RouteDest) ?? request.routeDest,
    nextHop: stringOf(data.NextHop) ?? request.nextHop,
    weight: numberOf(data.Weight) ?? request.weight,
    priority: numberOf(data.Priority) ?? request.priority,
    state: stringOf(data.State),
    createTime: numberOf(data.CreateTime),
    overlayMode: stringOf(data.OverlayMode) ?? request.overlayMode,
    description: stringOf(data.Description) ?? request.description,
  });
}

function toPbrRoute(item: Record<string, unknown>, vpnGatewayId: string): PbrRoute {
  return stripUndefined({
    vpnInstanceId: stringOf(item.VpnInstanceId) ?? vpnGatewayId,
    routeSource: stringOf(item.RouteSource) ?? '',
    routeDest: stringOf(item.RouteDest) ?? '',
    nextHop: stringOf(item.NextHop) ?? '',
    nextHopTunnelId: stringOf(item.NextHopTunnelId),
    weight: numberOf(item.Weight) ?? 0,
    priority: numberOf(item.Priority),
    state: stringOf(item.State),
    createTime: numberOf(item.CreateTime),
  });
}

function toConnection(data: Record<string, unknown>, requestId: string, vpnConnectionId: string): VpnConnectionInfo {
  return stripUndefined({
    requestId,
    vpnConnectionId: stringOf(data.VpnConnectionId) ?? vpnConnectionId,
    vpnGatewayId: stringOf(data.VpnGatewayId) ?? '',
    name: stringOf(data.Name),
    status: stringOf(data.Status),
  });
}

/** Tag is a JSON object serialised as a string; absent or garbage means no priority support. */
export function tagSaysPbrPriority(tag: unknown): boolean {
  let parsed: unknown = tag;
  if (typeof tag === 'string') {
    try {
      parsed = JSON.parse(tag);
    } catch {
      return false;
    }
  }
  const value = asRecord(parsed)?.PbrPriority;
  return value === 'true' || value === true;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** json-bigint hands long numbers back as BigNumber objects, and some fields arrive as strings. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const record = asRecord(value);
  if (record && typeof record.toNumber === 'function') {
    const n: unknown = (record.toNumber as () => unknown).call(value);
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

// The API gives a single-element list as an object on some paths (XML heritage): accept both.
function listOf(value: unknown): Record<string, unknown>[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.map(asRecord).filter((item): item is Record<string, unknown> => item !== undefined);
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

/** Promise.all over `items` with at most `limit` in flight; results keep the input order. */
async function mapConcurrent<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
