// Test helpers: the real pop-core client against a running emulator, and an independent signer for raw requests.
import { createHmac, randomUUID } from 'node:crypto';
import RPCClient from '@alicloud/pop-core';
import { DEMO_SEED, type EmulatorCredential, type EmulatorSeed, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

export const REGION = 'cn-hangzhou';
export const PRIORITY_GW = 'vpn-sandbox0priority01';
export const LEGACY_GW = 'vpn-sandbox0legacy0001';
export const TUNNEL_A = 'vco-sandbox0tunnel0a1';
export const TUNNEL_B = 'vco-sandbox0tunnel0b2';
export const LEGACY_TUNNEL = 'vco-sandbox0legacy0a1';
export const DEMO_KEY = DEMO_SEED.credentials[0] as EmulatorCredential;

/** A valid new route on the demo priority gateway (it conflicts with none of the demo routes). */
export const NEW_ROUTE = {
  RegionId: REGION,
  VpnGatewayId: PRIORITY_GW,
  RouteSource: '192.168.1.0/24',
  RouteDest: '10.0.0.0/24',
  NextHop: TUNNEL_A,
  Weight: 100,
  PublishVpc: true,
} as const;

export interface ApiFailure {
  code: string;
  message: string;
  status: number | undefined;
  data: Record<string, unknown>;
}

export type Call = (action: string, params?: Record<string, unknown>, opts?: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** pop-core's request bound to the emulator, POST by default, as the project's adapter uses it. */
export function clientFor(emulator: RunningEmulator, credential: EmulatorCredential = DEMO_KEY, defaults: Record<string, unknown> = { method: 'POST' }): Call {
  const client = new RPCClient({
    endpoint: emulator.url,
    apiVersion: '2016-04-28',
    accessKeyId: credential.accessKeyId,
    accessKeySecret: credential.accessKeySecret,
    ...(credential.securityToken === undefined ? {} : { securityToken: credential.securityToken }),
  });
  return (action, params = {}, opts = {}) => client.request<Record<string, unknown>>(action, params, { ...defaults, ...opts });
}

/** The API error a call ends with; fails the test if the call succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; data?: Record<string, unknown>; entry?: { response?: { statusCode?: number } } };
    if (e.code === undefined || e.data === undefined) throw error;
    return { code: e.code, message: String(e.data.Message), status: e.entry?.response?.statusCode, data: e.data };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export async function withEmulator<T>(seed: EmulatorSeed | undefined, body: (emulator: RunningEmulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator(seed === undefined ? {} : { seed });
  try {
    return await body(emulator);
  } finally {
    await emulator.close();
  }
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function utcTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Signs like the published algorithm, independently of the emulator's code; `overrides` replace common params before signing. */
export function signedForm(action: string, params: Record<string, string>, options: { credential?: EmulatorCredential; method?: 'GET' | 'POST'; overrides?: Record<string, string | undefined> } = {}): string {
  const credential = options.credential ?? DEMO_KEY;
  const all: Record<string, string | undefined> = {
    Action: action,
    Format: 'JSON',
    Version: '2016-04-28',
    Timestamp: utcTimestamp(Date.now()),
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    AccessKeyId: credential.accessKeyId,
    ...(credential.securityToken === undefined ? {} : { SecurityToken: credential.securityToken }),
    ...params,
    ...options.overrides,
  };
  const pairs = Object.keys(all)
    .filter((k) => all[k] !== undefined)
    .sort()
    .map((k) => `${encode(k)}=${encode(all[k] as string)}`);
  const canonical = pairs.join('&');
  const toSign = `${options.method ?? 'POST'}&%2F&${encode(canonical)}`;
  const signature = createHmac('sha1', `${credential.accessKeySecret}&`).update(toSign).digest('base64');
  return `${canonical}&Signature=${encode(signature)}`;
}

export interface RawAnswer {
  status: number;
  contentType: string | null;
  text: string;
  json: Record<string, unknown> | undefined;
}

export async function postRaw(emulator: RunningEmulator, body: string | Buffer, contentType = 'application/x-www-form-urlencoded'): Promise<RawAnswer> {
  const response = await fetch(`${emulator.url}/`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]) });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

/** Polls until the check passes or `timeoutMs` runs out; small steps, no long fixed sleeps. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
