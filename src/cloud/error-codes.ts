// The VPC API's error codes as this server treats them: which to retry, how often, and what to tell the user.
import type { AppError } from '../errors/app-error.js';

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
