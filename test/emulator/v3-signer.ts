// An independent ACS3-HMAC-SHA256 signer for raw requests, written from the published algorithm (not the emulator's code).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { EmulatorCredential, RunningEmulator } from '../../src/emulator/index.js';
import { DEMO_KEY, type RawAnswer, utcTimestamp } from './helpers.js';

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

export interface V3Options {
  credential?: EmulatorCredential;
  /** Parameters sent as a form body instead of in the query. */
  form?: boolean;
  /** Header values to set (string) or drop (undefined) before signing. */
  headers?: Record<string, string | undefined>;
  /** Header names to leave out of SignedHeaders. */
  unsigned?: string[];
  /** Changes applied after signing, to model tampering. */
  after?: { headers?: Record<string, string>; query?: Record<string, string> };
  /** Sign with this secret instead of the credential's. */
  secret?: string;
}

export interface V3Request {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A signed V3 POST to the emulator: action in x-acs-action, parameters in the query (or a form body). */
export function signV3(emulator: RunningEmulator, action: string, params: Record<string, string>, options: V3Options = {}): V3Request {
  const credential = options.credential ?? DEMO_KEY;
  const pairs = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const encoded = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const query = options.form ? '' : encoded;
  const body = options.form ? encoded : '';
  const host = new URL(emulator.url).host;
  const headers: Record<string, string | undefined> = {
    host,
    'x-acs-action': action,
    'x-acs-version': '2016-04-28',
    'x-acs-date': utcTimestamp(Date.now()),
    'x-acs-signature-nonce': randomBytes(16).toString('hex'),
    'x-acs-content-sha256': sha256(body),
    ...(credential.securityToken === undefined ? {} : { 'x-acs-security-token': credential.securityToken }),
    ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...options.headers,
  };
  const present = Object.keys(headers).filter((name) => headers[name] !== undefined);
  const signed = present.filter((name) => !(options.unsigned ?? []).includes(name)).sort();
  const canonicalHeaders = signed.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
  const canonical = `POST\n/\n${query}\n${canonicalHeaders}\n${signed.join(';')}\n${headers['x-acs-content-sha256'] ?? sha256(body)}`;
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256(canonical)}`;
  const signature = createHmac('sha256', options.secret ?? credential.accessKeySecret).update(stringToSign).digest('hex');
  const sent: Record<string, string> = {};
  for (const name of present) sent[name] = headers[name] as string;
  sent.authorization = `ACS3-HMAC-SHA256 Credential=${credential.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
  Object.assign(sent, options.after?.headers);
  const finalQuery = options.after?.query === undefined ? query : [query, ...Object.entries(options.after.query).map(([k, v]) => `${encode(k)}=${encode(v)}`)].filter((q) => q !== '').join('&');
  return { url: `${emulator.url}/${finalQuery === '' ? '' : `?${finalQuery}`}`, headers: sent, body };
}

/** Sends a signed V3 request as is (fetch sets host itself, so it is dropped from the sent headers). */
export async function sendV3(request: V3Request): Promise<RawAnswer> {
  const { host: _host, ...headers } = request.headers;
  const response = await fetch(request.url, { method: 'POST', headers, body: request.body === '' ? null : request.body });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}
