// ClientToken idempotency: the first successful answer for a (key, action, token) is replayed, never redone.
import { ApiError } from './api-error.js';
import type { Params } from './params.js';
import type { ClientTokenClaim } from './types.js';

/** Parameters that change on every attempt (signing) or do not change what is asked. */
const NOT_COMPARED = new Set([
  'Action',
  'Format',
  'Version',
  'Timestamp',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'AccessKeyId',
  'SecurityToken',
  'Signature',
  'ClientToken',
  'DryRun',
]);

// Typed parameters compare by value, so Python's `True` and TypeScript's `true` (or `+100` and `100`) are one request.
const BOOLEANS = new Set(['PublishVpc']);
const INTEGERS = new Set(['Weight', 'Priority', 'NewWeight', 'NewPriority', 'PageNumber', 'PageSize']);

function parsedValue(key: string, text: string): string {
  if (BOOLEANS.has(key) && /^(true|false)$/i.test(text)) return text.toLowerCase();
  if (INTEGERS.has(key) && /^[+-]?\d{1,15}$/.test(text)) return String(Number(text));
  return text;
}

export function fingerprint(params: Params): string {
  const compared = Object.keys(params)
    .filter((key) => !NOT_COMPARED.has(key))
    .sort()
    .map((key) => [key, parsedValue(key, params[key] ?? '')]);
  return JSON.stringify(compared);
}

interface Claim {
  fingerprint: string;
  result: Record<string, unknown>;
}

export class IdempotencyStore {
  private readonly claims = new Map<string, Claim>();

  /** The earlier result for this token, or undefined when it is unclaimed; refuses a token reused for other parameters. */
  replay(accessKeyId: string, action: string, token: string, params: Params): Record<string, unknown> | undefined {
    const claim = this.claims.get(key(accessKeyId, action, token));
    if (claim === undefined) return undefined;
    if (claim.fingerprint !== fingerprint(params)) {
      throw new ApiError('IdempotentParameterMismatch', 'The request uses the same ClientToken as a previous request with different parameters.');
    }
    return structuredClone(claim.result);
  }

  /** Only successes claim a token: a failed attempt may be retried with the same token. */
  remember(accessKeyId: string, action: string, token: string, params: Params, result: Record<string, unknown>): void {
    this.claims.set(key(accessKeyId, action, token), { fingerprint: fingerprint(params), result: structuredClone(result) });
  }

  clear(): void {
    this.claims.clear();
  }

  /** Every claim, for a snapshot. */
  entries(): ClientTokenClaim[] {
    return [...this.claims].map(([key, claim]) => ({ key, fingerprint: claim.fingerprint, result: structuredClone(claim.result) }));
  }

  load(claims: readonly ClientTokenClaim[]): void {
    for (const c of claims) this.claims.set(c.key, { fingerprint: c.fingerprint, result: structuredClone(c.result) });
  }
}

function key(accessKeyId: string, action: string, token: string): string {
  return `${accessKeyId}\u0000${action}\u0000${token}`;
}
