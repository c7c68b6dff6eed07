// One signed call to the VPC API through @alicloud/pop-core: loading the SDK, request options,
// endpoints, and turning the answer (or what was thrown) into data or an AppError.
import { isAppError } from '../errors/app-error.js';
import { invalidConfiguration, invalidRegionId, invalidResponse, regionRequired } from '../errors/factories.js';
import { isRegionId } from '../domain/ids.js';
import { asRecord } from '../util.js';
import { USER_AGENT_PRODUCT } from '../version.js';
import { installAnswerParser } from './json-answer.js';
import { type ErrorContext, httpStatusToAppError, toAppError } from './sdk-errors.js';
import type { SeenCredentials } from './redact.js';
import type { CredentialsProvider } from './vpc-client.js';

export const VPC_API_VERSION = '2016-04-28';

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

export type WireValue = string | number;
export type ParamValue = string | number | boolean | undefined | null;

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

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops undefined/null (pop-core would send the text "undefined") and spells booleans out. */
export function toWireParams(params: Record<string, ParamValue>): Record<string, WireValue> {
  const out: Record<string, WireValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out[key] = typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
  }
  return out;
}

/** The Date header of an answer, Unix ms; undefined when absent or unreadable. */
function dateHeader(headers: unknown): number | undefined {
  const date = asRecord(headers)?.date;
  const ms = typeof date === 'string' ? Date.parse(date) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

export function normaliseEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalidConfiguration('The VPC endpoint is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidConfiguration('The VPC endpoint must start with http:// or https://.');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw invalidConfiguration('The VPC endpoint must be a base URL without query, fragment or user info.');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The region becomes part of the default endpoint's host name: checked before any request. */
export function checkRegionId(regionId: string): void {
  if (typeof regionId !== 'string' || regionId === '') throw regionRequired();
  if (!isRegionId(regionId)) throw invalidRegionId();
}

export interface ApiAnswer {
  data: Record<string, unknown>;
  httpStatus?: number;
  /** The API's clock when it answered: its HTTP Date header (whole seconds), Unix ms. */
  serverTime?: number;
}

export interface TransportOptions {
  /** Fixed base URL; default https://vpc.<regionId>.aliyuncs.com per call. */
  endpoint?: string;
  timeoutMs: number;
  credentialsProvider: CredentialsProvider;
  /** Credentials scrubbed from every text passed on. */
  seen: SeenCredentials;
  hideText?: ErrorContext['hideText'];
  /** Told once per signed request: its action, `Success` or the error code, and its duration (never a parameter). */
  onApiCall?: ApiCallObserver;
}

export type ApiCallObserver = (call: { action: string; code: string; seconds: number }) => void;

export interface CallOptions {
  /** This request's timeout, when less than the configured one remains of the caller's budget. */
  timeoutMs?: number;
}

export interface Transport {
  /** One signed request; throws AppError. */
  call(action: string, regionId: string, params: Record<string, WireValue>, options?: CallOptions): Promise<ApiAnswer>;
  /** Closes pooled keep-alive connections; later calls open new ones. */
  close(): void;
}

export function createTransport(options: TransportOptions): Transport {
  const fixedEndpoint = options.endpoint !== undefined ? normaliseEndpoint(options.endpoint) : undefined;
  const clients = new Map<string, Promise<PopCoreClient>>();
  const created: PopCoreClient[] = [];

  function clientFor(endpoint: string): Promise<PopCoreClient> {
    let client = clients.get(endpoint);
    if (!client) {
      client = loadPopCore().then((mod) => {
        // verbose = true: answers come back as [json, entry] so that the HTTP status is visible.
        const instance = new mod.RPCClient(
          { endpoint, apiVersion: VPC_API_VERSION, credentialsProvider: options.credentialsProvider },
          true,
        );
        created.push(instance);
        return instance;
      });
      client.catch(() => clients.delete(endpoint));
      clients.set(endpoint, client);
    }
    return client;
  }

  async function requestOptions(action: string, timeoutMs: number): Promise<PopCoreRequestOptions> {
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

  return {
    async call(action, regionId, params, callOptions = {}) {
      checkRegionId(regionId);
      const observe = options.onApiCall;
      if (observe === undefined) return signedCall(action, regionId, params, callOptions);
      const started = performance.now();
      const report = (code: string) => observe({ action, code, seconds: (performance.now() - started) / 1000 });
      try {
        const answer = await signedCall(action, regionId, params, callOptions);
        report('Success');
        return answer;
      } catch (error) {
        report(isAppError(error) ? error.code : 'InternalError');
        throw error;
      }
    },
    close() {
      for (const client of created.splice(0)) client.keepAliveAgent?.destroy();
      clients.clear();
    },
  };

  async function signedCall(action: string, regionId: string, params: Record<string, WireValue>, callOptions: CallOptions): Promise<ApiAnswer> {
    const timeoutMs = Math.max(1, Math.min(options.timeoutMs, callOptions.timeoutMs ?? options.timeoutMs));
    const ctx: ErrorContext = { action, seen: options.seen, hideText: options.hideText, timeoutMs };
    let result: unknown;
    try {
      const endpoint = fixedEndpoint ?? `https://vpc.${regionId}.aliyuncs.com`;
      const [client, opts] = await Promise.all([clientFor(endpoint), requestOptions(action, timeoutMs)]);
      result = await client.request(action, params, opts);
    } catch (err) {
      throw toAppError(err, ctx);
    }
    const [json, entry] = Array.isArray(result) ? result : [result, undefined];
    const response = asRecord(asRecord(entry)?.response);
    const status = response?.statusCode;
    const httpStatus = typeof status === 'number' ? status : undefined;
    const data = asRecord(json);
    // pop-core treats any JSON without Code as a success, whatever the status.
    if (httpStatus !== undefined && httpStatus >= 400) throw httpStatusToAppError(httpStatus, data, ctx);
    if (!data || Array.isArray(data)) throw invalidResponse(action, { unreadable: 'not a JSON object' }, { httpStatus });
    return { data, httpStatus, serverTime: dateHeader(response?.headers) };
  }
}
