// Signature V3 (ACS3-HMAC-SHA256), as the official SDKs sign by default: a canonical request over headers, query and body hash.
import { createHash, createHmac } from 'node:crypto';
import { ApiError } from './api-error.js';
import { percentEncode } from './signature.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Headers as Node's `headersDistinct` gives them: lower-case names, every value of a repeated header. */
export type DistinctHeaders = Readonly<Record<string, readonly string[] | undefined>>;

export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

function incomplete(why: string): ApiError {
  return new ApiError('IncompleteSignature', `The request signature does not conform to Aliyun standards: ${why}`);
}

/** `ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex`; anything else is IncompleteSignature. */
export function parseAuthorization(header: string): V3Authorization {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== V3_ALGORITHM) throw incomplete(`signature algorithm ${JSON.stringify(algorithm)} is not supported; use ${V3_ALGORITHM}.`);
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential') ?? '';
  const signedHeaders = (fields.get('SignedHeaders') ?? '').split(';').filter((h) => h !== '');
  const signature = fields.get('Signature') ?? '';
  if (accessKeyId === '') throw incomplete('the Authorization header has no Credential.');
  if (signedHeaders.length === 0) throw incomplete('the Authorization header has no SignedHeaders.');
  if (!/^[0-9a-f]{64}$/.test(signature)) throw incomplete('the Authorization header has no Signature of 64 hexadecimal digits.');
  if (signedHeaders.some((h) => h !== h.toLowerCase())) throw incomplete('SignedHeaders must be lower case.');
  return { accessKeyId, signedHeaders, signature };
}

/** Every x-acs-* header present, and host, must be signed (the published rule for V3). */
export function checkSignedHeaders(headers: DistinctHeaders, signed: readonly string[]): void {
  const mustSign = ['host', ...Object.keys(headers).filter((name) => name.startsWith('x-acs-'))];
  const unsigned = mustSign.filter((name) => headers[name] !== undefined && !signed.includes(name));
  if (unsigned.length > 0) throw incomplete(`the header(s) ${unsigned.join(', ')} must be listed in SignedHeaders.`);
  const absent = signed.filter((name) => headers[name] === undefined);
  if (absent.length > 0) throw incomplete(`SignedHeaders names ${absent.join(', ')}, which the request does not carry.`);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Sorted `key=value` pairs, each side percent-encoded (RFC 3986); a bare key is `key=`. */
export function canonicalQuery(query: URLSearchParams): string {
  const pairs = [...query];
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
}

export interface CanonicalRequestInput {
  method: string;
  /** The request path as sent, e.g. `/`. */
  path: string;
  query: URLSearchParams;
  headers: DistinctHeaders;
  signedHeaders: readonly string[];
  payloadHash: string;
}

/** METHOD \n path \n query \n name:value lines \n signed names \n body hash, as the SDK's getAuthorization builds it. */
export function canonicalRequest({ method, path, query, headers, signedHeaders, payloadHash }: CanonicalRequestInput): string {
  const names = [...signedHeaders].sort();
  const lines = names.map((name) => `${name}:${[...(headers[name] ?? [])].map((v) => v.trim()).sort().join(',')}\n`).join('');
  return `${method}\n${path}\n${canonicalQuery(query)}\n${lines}\n${names.join(';')}\n${payloadHash}`;
}

export function v3StringToSign(canonical: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

export function v3Sign(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}
