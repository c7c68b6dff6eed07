// The RPC gateway's checks before any action runs: key, token, signature, version, clock, nonce.
import { ApiError, missingParameter } from './api-error.js';
import { signaturesMatch, sign, stringToSign } from './signature.js';
import type { EmulatorCredential } from './types.js';

export const API_VERSION = '2016-04-28';
/** Allowed clock difference between client and server, and so how long a nonce must be remembered. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Nonces seen per access key, each kept until its request's timestamp falls out of the window. */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private insertsSinceSweep = 0;

  /** False when the nonce was already used with this key. */
  claim(accessKeyId: string, nonce: string, requestTime: number, now: number): boolean {
    const key = `${accessKeyId}\u0000${nonce}`;
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    this.seen.set(key, requestTime + TIMESTAMP_WINDOW_MS);
    if (++this.insertsSinceSweep >= 1024) this.sweep(now);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }

  private sweep(now: number): void {
    this.insertsSinceSweep = 0;
    for (const [key, expires] of this.seen) if (expires <= now) this.seen.delete(key);
  }
}

export interface AuthInput {
  method: 'GET' | 'POST';
  params: Readonly<Record<string, string>>;
  credentials: ReadonlyMap<string, EmulatorCredential>;
  nonces: NonceStore;
  now: number;
}

function param(params: Readonly<Record<string, string>>, name: string): string | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  return value === '' ? undefined : value;
}

/** Returns the caller's AccessKeyId, or throws the error the real gateway would answer. */
export function authenticate({ method, params, credentials, nonces, now }: AuthInput): string {
  const accessKeyId = param(params, 'AccessKeyId');
  if (accessKeyId === undefined) throw missingParameter('AccessKeyId');
  const signature = param(params, 'Signature');
  if (signature === undefined) throw new ApiError('IncompleteSignature', 'The request signature does not conform to Aliyun standards: Signature is missing.');
  if (param(params, 'SignatureMethod') !== 'HMAC-SHA1') {
    throw new ApiError('IncompleteSignature', 'The request signature does not conform to Aliyun standards: SignatureMethod must be HMAC-SHA1.');
  }
  if (param(params, 'SignatureVersion') !== '1.0') {
    throw new ApiError('IncompleteSignature', 'The request signature does not conform to Aliyun standards: SignatureVersion must be 1.0.');
  }

  const credential = credentials.get(accessKeyId);
  if (credential === undefined) throw new ApiError('InvalidAccessKeyId.NotFound');

  const expected = stringToSign(method, params);
  if (!signaturesMatch(sign(expected, credential.accessKeySecret), signature)) {
    // The real service echoes its string-to-sign; clients must redact it, and tests check they do.
    throw new ApiError('SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${expected}`);
  }

  const token = param(params, 'SecurityToken');
  if (credential.securityToken !== undefined && token !== credential.securityToken) {
    throw new ApiError(
      'InvalidSecurityToken.Mismatch',
      token === undefined ? 'The AccessKey is a temporary (STS) key: a SecurityToken is required.' : 'Specified SecurityToken mismatch with the AccessKey.',
    );
  }
  if (credential.securityToken === undefined && token !== undefined) {
    throw new ApiError('InvalidSecurityToken.Mismatch', 'A SecurityToken was sent for an AccessKey that is not a temporary (STS) key.');
  }

  if (param(params, 'Version') !== API_VERSION) throw new ApiError('InvalidVersion');

  const timestamp = param(params, 'Timestamp');
  const requestTime = timestamp !== undefined && TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(requestTime)) {
    throw new ApiError('InvalidTimeStamp.Expired', 'Specified time stamp or date value is not well formatted: use UTC yyyy-MM-ddTHH:mm:ssZ.');
  }
  if (Math.abs(now - requestTime) > TIMESTAMP_WINDOW_MS) {
    throw new ApiError('InvalidTimeStamp.Expired', `Specified time stamp or date value is expired: ${timestamp} is more than 15 minutes from the server time ${new Date(now).toISOString()}.`);
  }

  const nonce = param(params, 'SignatureNonce');
  if (nonce === undefined) throw missingParameter('SignatureNonce');
  if (!nonces.claim(accessKeyId, nonce, requestTime, now)) throw new ApiError('SignatureNonceUsed');

  return accessKeyId;
}
