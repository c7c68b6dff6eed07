// The one mapping from whatever pop-core/httpx throw to AppError. Messages are built from known
// fields only: pop-core's err.message and err.url carry the signed request, so they are never read.
import { AppError, isAppError } from '../errors/app-error.js';
import { internalError, invalidResponse, networkError, timeout } from '../errors/factories.js';
import { asRecord } from '../util.js';
import { hintFor, isCredentialCode, isRetryableCode } from './error-codes.js';
import { cleanMessage, type SeenCredentials } from './redact.js';

export interface ErrorContext {
  /** The API action being called, for messages and hints. */
  action: string;
  /** Credentials to scrub from any text that is passed on (secret, security token, AccessKey ID). */
  seen?: SeenCredentials;
  /** Applied to every API message passed on (runtime.ts: hides what the allowlists hide). */
  hideText?: (text: string) => string;
  timeoutMs?: number;
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
    message = cleanMessage(ctx.hideText ? ctx.hideText(apiMessage) : apiMessage, ctx.seen);
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
  const known = httpStatus >= 500 ? 'ServiceUnavailable' : httpStatus === 429 ? 'Throttling' : undefined;
  if (known === undefined) return invalidResponse(ctx.action, { httpStatus }, { requestId });
  const what = httpStatus === 429 ? 'HTTP 429 (too many requests)' : `HTTP ${httpStatus} and no error code`;
  return new AppError({
    code: known,
    message: `The VPC API answered ${ctx.action} with ${what}.`,
    retryable: true,
    source: 'cloud',
    requestId,
    httpStatus,
    hint: hintFor(known, ctx.action),
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
  if (name === 'RequestTimeoutError' || (code !== undefined && TIMEOUT_CODES.has(code))) return timeout(ctx.action, ctx.timeoutMs);
  if (code !== undefined && CONNECTION_CODES.has(code)) return networkError(ctx.action, code, DNS_CODES.has(code) ? 'dns' : 'connection');
  if (code !== undefined && (code.startsWith('ERR_TLS_') || code.includes('CERT') || code === 'EPROTO')) {
    return networkError(ctx.action, code, 'tls');
  }

  // json-bigint throws a plain {name:'SyntaxError', text} object; the text (the body) is never used.
  if (name === 'SyntaxError' || err instanceof SyntaxError) return invalidResponse(ctx.action, { unreadable: 'not JSON' });
  if (code?.startsWith('Z_')) return invalidResponse(ctx.action, { unreadable: 'bad compression' });

  return new AppError({ ...internalError().body, message: `An unexpected error occurred while calling ${ctx.action}.` });
}
