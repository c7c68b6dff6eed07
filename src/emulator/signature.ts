// Signature v1 of the RPC-style OpenAPI, computed the way the service (and pop-core) does.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding: encodeURIComponent plus the five characters it leaves alone. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `METHOD&%2F&encode(sorted k=v joined by &)`, over every parameter except Signature. */
export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? '')}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function sign(stringToSignText: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSignText, 'utf8').digest('base64');
}

/** Constant-time comparison, so the emulator does not teach a timing side channel. */
export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
