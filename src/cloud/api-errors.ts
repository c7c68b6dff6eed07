// The one mapping from whatever pop-core/httpx throw to AppError. Messages are built from known
// fields only: pop-core's err.message and err.url carry the signed request, so they are never read.
import { AppError, isAppError } from '../errors/app-error.js';
import { asRecord } from '../util.js';

/** Codes worth retrying with the same parameters: the gateway is busy or the service is overloaded. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'VpnGateway.Configuring',
  'TaskConflict',
  'VpnTask.CONFLICT',
  'Appliance.Configuring',
  'VpnConnection.Configuring',
  'ServiceUnavailable',
  'InternalError',
]);

/** Prefixes of retryable code families (Throttling, Throttling.User, Throttling.Api, ...). */
export const RETRYABLE_CODE_PREFIXES: readonly string[] = ['Throttling'];

/** Codes retried only a bounded number of times (retries, not attempts): a real server bug won't heal. */
export const RETRY_LIMITS: ReadonlyMap<string, number> = new Map([['InternalError', 2]]);

/** Codes whose API message echoes the string-to-sign: never passed on. */
const CREDENTIAL_CODES: ReadonlySet<string> = new Set(['SignatureDoesNotMatch', 'IncompleteSignature']);
const CREDENTIAL_CODE_PREFIXES: readonly string[] = ['InvalidAccessKeyId', 'InvalidSecurityToken'];

const CONFIGURING_CODES: ReadonlySet<string> = new Set([
  'VpnGateway.Configuring',
  'TaskConflict',
  'VpnTask.CONFLICT',
  'Appliance.Configuring',
  'VpnConnection.Configuring',
]);

const QUOTA_CODES: ReadonlySet<string> = new Set([
  'Resource.QuotaFull',
  'QuotaExceeded.VpnRouteEntry',
  'CreatePbrRoutesQuotaFull.QuotaFull',
]);

export function isRetryableCode(code: string, httpStatus?: number): boolean {
  if (RETRYABLE_CODES.has(code)) return true;
  if (RETRYABLE_CODE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  return httpStatus !== undefined && httpStatus >= 500;
}

export function isCredentialCode(code: string): boolean {
  return CREDENTIAL_CODES.has(code) || CREDENTIAL_CODE_PREFIXES.some((prefix) => code.startsWith(prefix));
}

/** How many times a failure with this code may be retried (Infinity = as many as maxAttempts allows). */
export function retryLimitFor(code: string): number {
  return RETRY_LIMITS.get(code) ?? Number.POSITIVE_INFINITY;
}

/**
 * True when the request may have reached the API and done its work although no answer came back:
 * a timeout, a broken connection, an unreadable answer or a 5xx. A create that ended so must be
 * checked against the route list before anyone says it failed.
 */
export function isAmbiguousOutcome(error: AppError): boolean {
  if (error.body.source === 'network') return true;
  return error.body.source === 'cloud' && error.body.httpStatus !== undefined && error.body.httpStatus >= 500;
}

export function hintFor(code: string, action: string): string | undefined {
  if (CONFIGURING_CODES.has(code)) {
    return 'The gateway is applying another change; wait a few seconds and retry with the same arguments.';
  }
  if (code.startsWith('Throttling')) return 'The API is throttling requests; wait a few seconds and retry.';
  if (QUOTA_CODES.has(code)) {
    return 'The gateway has reached its policy-based route quota; delete unused routes or request a quota increase.';
  }
  if (isCredentialCode(code)) {
    return 'Check the AccessKey pair (ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET), the security token if any, and that the system clock is correct.';
  }
  switch (code) {
    case 'VpnGateway.FinancialLocked':
      return 'The account has an overdue payment; top up the account (or renew the gateway) and retry.';
    case 'Forbidden':
    case 'Forbbiden.SubUser':
    case 'Forbidden.SubUser':
      return `The RAM identity is not allowed to call ${action}; attach a RAM policy that allows vpc:${action}.`;
    case 'InvalidVpnGatewayInstanceId.NotFound':
      return 'Check the VPN gateway ID and that regionId is the region the gateway is in.';
    case 'InvalidVpnConnectionInstanceId.NotFound':
    case 'InvalidNextHop.NotFound':
      return 'Check the IPsec connection ID (vco-…), that it belongs to this gateway, and the region.';
    case 'VpnRouteEntry.AlreadyExists':
      return 'A route with this source, destination and next hop exists; call listVpnPbrRoutes to see it.';
    case 'VpnPbrRouteEntryPriority.NotSupport':
      return 'This gateway does not support route priorities; omit priority.';
    case 'InvalidTimeStamp.Expired':
      return 'The system clock is off by more than 15 minutes; synchronise it (NTP) and retry.';
    case 'ServiceUnavailable':
    case 'InternalError':
      return 'The VPC API had a temporary problem; retry later.';
    default:
      return undefined;
  }
}

export interface ErrorContext {
  /** The API action being called, for messages and hints. */
  action: string;
  /** Secret values to scrub from any text that is passed on (secret, security token). */
  secrets?: Iterable<string>;
  timeoutMs?: number;
}

const MAX_MESSAGE_LENGTH = 500;

/** Scrubs signed URLs, signature/credential parameters and known secret values from a text. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  // Longest first so a value that contains another is removed whole.
  const values = [...new Set(expandSecrets(secrets))].sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join('[redacted]');
  out = out.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*\?[^\s"'<>]*/gi, '[redacted-url]');
  // Plain, percent-encoded (string-to-sign) and double-encoded forms of key=value.
  out = out.replace(
    /(?:Signature|AccessKeyId|AccessKeySecret|SecurityToken)(?:=|%3D|%253D)(?:(?!%26|%2526)[^&\s"'<>])*/gi,
    '[redacted]',
  );
  return out;
}

function expandSecrets(secrets: Iterable<string>): string[] {
  const out: string[] = [];
  for (const secret of secrets) {
    // Very short values would shred ordinary text; real secrets and tokens are long.
    if (typeof secret !== 'string' || secret.length < 4) continue;
    const once = percentEncode(secret);
    out.push(secret, once, percentEncode(once), encodeURIComponent(secret));
  }
  return out;
}

// pop-core's encoding (RFC 3986), which is how secrets appear inside a string-to-sign.
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function cleanMessage(text: string, secrets: Iterable<string> | undefined): string {
  const redacted = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}…` : redacted;
}

const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_SOCKET_CLOSED',
]);
const DNS_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL']);

interface PopCoreApiError {
  code: string;
  data: Record<string, unknown>;
  httpStatus?: number;
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// pop-core's API error: `code` = the body's Code, `data` = the whole body, `entry.response.statusCode`.
function asApiError(err: unknown): PopCoreApiError | undefined {
  const record = asRecord(err);
  const data = asRecord(record?.data);
  if (!record || !data) return undefined;
  const rawCode = data.Code ?? record.code;
  if (rawCode === undefined || rawCode === null || rawCode === '') return undefined;
  const status = asRecord(asRecord(record.entry)?.response)?.statusCode;
  return {
    code: String(rawCode),
    data,
    httpStatus: typeof status === 'number' ? status : undefined,
  };
}

/** Maps an API answer that carried a Code (pop-core's error object, or a body we judged ourselves). */
export function apiErrorToAppError(
  code: string,
  data: Record<string, unknown>,
  httpStatus: number | undefined,
  ctx: ErrorContext,
): AppError {
  const requestId = stringField(data, 'RequestId');
  const apiMessage = stringField(data, 'Message');
  let message: string;
  if (isCredentialCode(code)) {
    message = `The VPC API rejected the request's credentials or signature (${code}).`;
  } else if (apiMessage !== undefined) {
    message = cleanMessage(apiMessage, ctx.secrets);
  } else {
    message = `The VPC API answered ${ctx.action} with error ${code}.`;
  }
  return new AppError({
    code,
    message,
    retryable: isRetryableCode(code, httpStatus),
    source: 'cloud',
    requestId,
    httpStatus,
    hint: hintFor(code, ctx.action),
  });
}

/** A JSON answer without a Code but with an HTTP error status: pop-core would call it a success. */
export function httpStatusToAppError(
  httpStatus: number,
  data: Record<string, unknown> | undefined,
  ctx: ErrorContext,
): AppError {
  const requestId = stringField(data, 'RequestId');
  if (httpStatus >= 500) {
    return new AppError({
      code: 'ServiceUnavailable',
      message: `The VPC API answered ${ctx.action} with HTTP ${httpStatus} and no error code.`,
      retryable: true,
      source: 'cloud',
      requestId,
      httpStatus,
      hint: hintFor('ServiceUnavailable', ctx.action),
    });
  }
  if (httpStatus === 429) {
    return new AppError({
      code: 'Throttling',
      message: `The VPC API answered ${ctx.action} with HTTP 429 (too many requests).`,
      retryable: true,
      source: 'cloud',
      requestId,
      httpStatus,
      hint: hintFor('Throttling', ctx.action),
    });
  }
  return new AppError({
    code: 'InvalidResponse',
    message: `The VPC API answered ${ctx.action} with HTTP ${httpStatus} and no error code.`,
    retryable: false,
    source: 'network',
    requestId,
    httpStatus,
    hint: 'Check the endpoint: something other than the VPC API may be answering.',
  });
}

export function invalidResponse(ctx: ErrorContext, detail: string, httpStatus?: number): AppError {
  return new AppError({
    code: 'InvalidResponse',
    message: `The VPC API's answer to ${ctx.action} could not be read (${detail}).`,
    retryable: true,
    source: 'network',
    httpStatus,
    hint: 'A proxy or the endpoint may have answered instead of the VPC API; check the endpoint and retry.',
  });
}

function errorCode(err: Record<string, unknown>): string | undefined {
  const code = err.code;
  if (typeof code === 'string') return code;
  // Node wraps some socket failures; the cause carries the system code.
  const cause = asRecord(err.cause);
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Maps anything thrown while calling the API to an AppError. Never reads err.message or err.url. */
export function toAppError(err: unknown, ctx: ErrorContext): AppError {
  if (isAppError(err)) return err;

  const api = asApiError(err);
  if (api) return apiErrorToAppError(api.code, api.data, api.httpStatus, ctx);

  const record = asRecord(err);
  const name = typeof record?.name === 'string' ? record.name : undefined;
  const code = record ? errorCode(record) : undefined;

  // httpx names every connect/read timeout RequestTimeoutError.
  if (name === 'RequestTimeoutError' || (code !== undefined && TIMEOUT_CODES.has(code))) {
    const after = ctx.timeoutMs !== undefined ? ` within ${ctx.timeoutMs} ms` : '';
    return new AppError({
      code: 'Timeout',
      message: `The VPC API did not answer ${ctx.action}${after}.`,
      retryable: true,
      source: 'network',
      hint: 'Check the network path to the endpoint, or raise VPN_PBR_MCP_TIMEOUT_MS.',
    });
  }

  if (code !== undefined && CONNECTION_CODES.has(code)) {
    const dns = DNS_CODES.has(code);
    return new AppError({
      code: 'NetworkError',
      message: dns
        ? `The VPC API endpoint's host name could not be resolved while calling ${ctx.action} (${code}).`
        : `The connection to the VPC API failed while calling ${ctx.action} (${code}).`,
      retryable: true,
      source: 'network',
      hint: dns
        ? 'Check regionId, the endpoint and DNS.'
        : 'Check the network path to the endpoint (proxy, firewall) and retry.',
    });
  }

  if (code !== undefined && (code.startsWith('ERR_TLS_') || code.includes('CERT') || code === 'EPROTO')) {
    return new AppError({
      code: 'NetworkError',
      message: `The TLS connection to the VPC API failed while calling ${ctx.action} (${code}).`,
      retryable: false,
      source: 'network',
      hint: 'Check the endpoint URL and any TLS-intercepting proxy.',
    });
  }

  // json-bigint throws a plain {name:'SyntaxError', text} object; the text (the body) is never used.
  if (name === 'SyntaxError' || err instanceof SyntaxError) return invalidResponse(ctx, 'not JSON');
  if (code?.startsWith('Z_')) return invalidResponse(ctx, 'bad compression');

  return new AppError({
    code: 'InternalError',
    message: `An unexpected error occurred while calling ${ctx.action}.`,
    retryable: false,
    source: 'internal',
  });
}
