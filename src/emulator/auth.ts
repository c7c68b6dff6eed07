// The RPC gateway's checks before any action runs: which signature, key, token, signature, version, clock, nonce.
import { ApiError, missingParameter } from './api-error.js';
import { signaturesMatch, sign, stringToSign } from './signature.js';
import { canonicalRequest, checkSignedHeaders, type DistinctHeaders, parseAuthorization, sha256Hex, v3Sign, v3StringToSign } from './signature-v3.js';
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
  /** The path as sent (V3 signs it). */
  path: string;
  query: URLSearchParams;
  headers: DistinctHeaders;
  body: Buffer;
  /** Query and form parameters together. */
  params: Readonly<Record<string, string>>;
  credentials: ReadonlyMap<string, EmulatorCredential>;
  nonces: NonceStore;
  now: number;
}

/** Who called which action, and how the request was signed. */
export interface Caller {
  accessKeyId: string;
  action: string;
  signature: 'v1' | 'v3';
}

function param(params: Readonly<Record<string, string>>, name: string): string | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  return value === '' ? undefined : value;
}

function header(headers: DistinctHeaders, name: string): string | undefined {
  const value = headers[name]?.[0];
  return value === '' ? undefined : value;
}

/**
 * Returns the caller, or throws the error the real gateway would answer. A request with an Authorization
 * header or an x-acs-action header and no AccessKeyId parameter is a V3 request; anything else is V1.
 */
export function authenticate(input: AuthInput): Caller {
  const isV3 = input.headers.authorization !== undefined || (param(input.params, 'AccessKeyId') === undefined && input.headers['x-acs-action'] !== undefined);
  return isV3 ? authenticateV3(input) : authenticateV1(input);
}

function authenticateV1({ method, params, credentials, nonces, now }: AuthInput): Caller {
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

  const credential = knownKey(credentials, accessKeyId);
  const expected = stringToSign(method, params);
  if (!signaturesMatch(sign(expected, credential.accessKeySecret), signature)) {
    // The real service echoes its string-to-sign; clients must redact it, and tests check they do.
    throw new ApiError('SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${expected}`);
  }

  checkSecurityToken(credential, param(params, 'SecurityToken'));
  checkVersion(param(params, 'Version'));
  const requestTime = checkTimestamp(param(params, 'Timestamp'), now);
  const nonce = param(params, 'SignatureNonce');
  if (nonce === undefined) throw missingParameter('SignatureNonce');
  claimNonce(nonces, accessKeyId, nonce, requestTime, now);

  const action = param(params, 'Action');
  if (action === undefined) throw missingParameter('Action');
  return { accessKeyId, action, signature: 'v1' };
}

/** The headers a V3 request must carry besides Authorization. */
const V3_REQUIRED = ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'] as const;

function authenticateV3({ method, path, query, headers, body, credentials, nonces, now }: AuthInput): Caller {
  const authorization = header(headers, 'authorization');
  if (authorization === undefined) {
    throw new ApiError('IncompleteSignature', 'The request signature does not conform to Aliyun standards: the Authorization header is missing.');
  }
  const auth = parseAuthorization(authorization);
  for (const name of V3_REQUIRED) {
    if (header(headers, name) === undefined) throw new ApiError('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
  }
  checkSignedHeaders(headers, auth.signedHeaders);

  const credential = knownKey(credentials, auth.accessKeyId);
  const payloadHash = sha256Hex(body);
  if (header(headers, 'x-acs-content-sha256') !== payloadHash) {
    throw new ApiError('SignatureDoesNotMatch', 'Specified signature does not match our calculation: x-acs-content-sha256 is not the SHA-256 of the request body.');
  }
  const toSign = v3StringToSign(canonicalRequest({ method, path, query, headers, signedHeaders: auth.signedHeaders, payloadHash }));
  if (!signaturesMatch(v3Sign(toSign, credential.accessKeySecret), auth.signature)) {
    throw new ApiError('SignatureDoesNotMatch', `Specified signature does not match our calculation. server StringToSign is [${toSign.replace('\n', ' ')}]`);
  }

  checkSecurityToken(credential, header(headers, 'x-acs-security-token'));
  checkVersion(header(headers, 'x-acs-version'));
  const requestTime = checkTimestamp(header(headers, 'x-acs-date'), now);
  claimNonce(nonces, auth.accessKeyId, header(headers, 'x-acs-signature-nonce') ?? '', requestTime, now);
  return { accessKeyId: auth.accessKeyId, action: header(headers, 'x-acs-action') ?? '', signature: 'v3' };
}

function knownKey(credentials: ReadonlyMap<string, EmulatorCredential>, accessKeyId: string): EmulatorCredential {
  const credential = credentials.get(accessKeyId);
  if (credential === undefined) throw new ApiError('InvalidAccessKeyId.NotFound');
  return credential;
}

function checkSecurityToken(credential: EmulatorCredential, token: string | undefined): void {
  if (credential.securityToken !== undefined && token !== credential.securityToken) {
    throw new ApiError(
      'InvalidSecurityToken.Mismatch',
      token === undefined ? 'The AccessKey is a temporary (STS) key: a SecurityToken is required.' : 'Specified SecurityToken mismatch with the AccessKey.',
    );
  }
  if (credential.securityToken === undefined && token !== undefined) {
    throw new ApiError('InvalidSecurityToken.Mismatch', 'A SecurityToken was sent for an AccessKey that is not a temporary (STS) key.');
  }
}

function checkVersion(version: string | undefined): void {
  if (version !== API_VERSION) throw new ApiError('InvalidVersion');
}

/** The request time (Unix ms), which must be within the window of the server clock. */
function checkTimestamp(timestamp: string | undefined, now: number): number {
  const requestTime = timestamp !== undefined && TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(requestTime)) {
    throw new ApiError('InvalidTimeStamp.Expired', 'Specified time stamp or date value is not well formatted: use UTC yyyy-MM-ddTHH:mm:ssZ.');
  }
  if (Math.abs(now - requestTime) > TIMESTAMP_WINDOW_MS) {
    throw new ApiError('InvalidTimeStamp.Expired', `Specified time stamp or date value is expired: ${timestamp} is more than 15 minutes from the server time ${new Date(now).toISOString()}.`);
  }
  return requestTime;
}

function claimNonce(nonces: NonceStore, accessKeyId: string, nonce: string, requestTime: number, now: number): void {
  if (!nonces.claim(accessKeyId, nonce, requestTime, now)) throw new ApiError('SignatureNonceUsed');
}
