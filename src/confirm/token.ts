// Confirmation tokens: proof that a dry run passed for exactly these normalised arguments, and what it saw.
// Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload)). Stateless, so any
// process that shares the secret accepts it; the ClientToken is derived from it, so replays and
// retries (even by another process) reach the API with the same idempotency key. Version 3 added the
// previewed facts (`f`: e.g. the listed route's priority, state and creation time, readable in the token)
// and the arguments of modify and of a change set (newWeight, newPriority, plan): version 2 tokens are refused.
import { createRequire } from 'node:module';
import { showValue } from '../domain/issues.js';
import { MAX_CONFIRMATION_TOKEN_LENGTH } from '../domain/limits.js';
import type { RouteSpec } from '../domain/types.js';
import { AppError } from '../errors/app-error.js';
import { isoSeconds } from '../util.js';

const VERSION = 3;

// node:crypto loads some fifteen internal modules: worth it on the first token, not at every start-up.
let cryptoModule: typeof import('node:crypto') | undefined;
export function crypto(): typeof import('node:crypto') {
  cryptoModule ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return cryptoModule;
}

let processKey: Buffer | undefined;

/** The configured signing key, or one random key for the life of this process. */
export function signingKey(configured: Buffer | undefined): Buffer {
  if (configured) return configured;
  processKey ??= crypto().randomBytes(32);
  return processKey;
}

/** What a token is bound to: the normalised route (or a modify's new values, a plan's digest) and the caller's own ClientToken, if any. */
export type BoundArguments = Partial<RouteSpec> & { newWeight?: number; newPriority?: number; plan?: string; clientToken?: string };

/**
 * What the preview saw beyond the arguments (a delete: the listed route's priority, state and creation time;
 * a change set: the table's digest). Small scalars only: the confirm compares them with a fresh listing.
 */
export type TokenFacts = Readonly<Record<string, string | number | boolean | null>>;

/** The fields a token is bound to, in a fixed order. */
export const BOUND_FIELDS = [
  'regionId',
  'vpnGatewayId',
  'routeSource',
  'routeDest',
  'nextHop',
  'weight',
  'publishVpc',
  'description',
  'overlayMode',
  'priority',
  'newWeight',
  'newPriority',
  'plan',
  'clientToken',
] as const satisfies readonly (keyof BoundArguments)[];

interface TokenPayload {
  v: number;
  /** The bound route, field by field (absent optional = null). */
  r: (string | number | boolean | null)[];
  /** The previewed facts, when the change binds any. */
  f?: TokenFacts;
  iat: number;
  exp: number;
  /** Request ID of the dry run that passed. */
  d: string;
  /** Where the dry run went: see TokenKeys.target. */
  t: string;
  n: string;
  /** The principal that made the dry run (HTTP); absent on stdio. Checked by confirm/approval.ts. */
  p?: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface VerifiedToken {
  clientToken: string;
  dryRunRequestId: string;
  /** The principal that made the dry run, if any. */
  requestedBy?: string;
  issuedAt: Date;
  expiresAt: Date;
  /** What the preview saw (TokenFacts), when the change bound any. */
  facts?: TokenFacts;
  /** The ClientToken of step `n` (1, 2, … or `undo-2`) of a change sent in several requests: one per step, the same on every replay. */
  stepClientToken(step: number | string): string;
}

export interface TokenKeys {
  secret: Buffer;
  ttlSeconds: number;
  /**
   * A digest of where the dry run was sent (endpoint, account, sandbox): a token is never accepted by a
   * server that would send the create somewhere else, even one sharing the secret.
   */
  target: string;
  now?: () => number;
  /** The tool whose phase 1 issues the token, for the hints of a refusal (default createVpnPbrRoute). */
  tool?: string;
  /** --sandbox: its key lives in the sandbox's state file, so a reset (or another file) is why a token stops verifying. */
  sandbox?: boolean;
}

function boundValues(bound: BoundArguments): TokenPayload['r'] {
  return BOUND_FIELDS.map((field) => (bound[field] === undefined ? null : (bound[field] as string | number | boolean)));
}

/** The `target` of TokenKeys: a short digest, so that no endpoint or key ID is readable in the token. */
export function targetDigest(parts: readonly string[]): string {
  return crypto().createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 16);
}

function sign(secret: Buffer, data: string): Buffer {
  return crypto().createHmac('sha256', secret).update(data).digest();
}

export function issueConfirmationToken(
  bound: BoundArguments,
  dryRunRequestId: string,
  keys: TokenKeys,
  principal?: string,
  facts?: TokenFacts,
): IssuedToken {
  const nowMs = (keys.now ?? Date.now)();
  const iat = Math.floor(nowMs / 1000);
  const payload: TokenPayload = {
    v: VERSION,
    r: boundValues(bound),
    iat,
    exp: iat + keys.ttlSeconds,
    d: dryRunRequestId,
    t: keys.target,
    n: crypto().randomBytes(9).toString('base64url'),
    ...(principal === undefined ? {} : { p: principal }),
    ...(facts === undefined ? {} : { f: facts }),
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const mac = sign(keys.secret, body).toString('base64url');
  return { token: `${body}.${mac}`, expiresAt: new Date(payload.exp * 1000) };
}

/** One bound argument whose value differs from the dry run's; null = omitted. */
interface Difference {
  field: string;
  dryRun: unknown;
  now: unknown;
}

// Both values of each difference, cut: the agent sees what to change back without a second call.
const showBound = (value: unknown) => (value === null || value === undefined ? 'omitted' : showValue(value));
const describeDifference = (d: Difference) => `${d.field} (dry run: ${showBound(d.dryRun)}; now: ${showBound(d.now)})`;

function refuse(code: string, message: string, hint: string, extra: { field?: string; differences?: Difference[] } = {}): AppError {
  const differences = extra.differences;
  return new AppError({
    code,
    message: differences ? `${message} Differing arguments: ${differences.map(describeDifference).join(', ')}.` : message,
    retryable: false,
    source: 'confirmation',
    field: extra.field ?? 'confirmationToken',
    hint,
    issues: differences?.map((d) => ({
      code,
      severity: 'error' as const,
      field: d.field,
      message: `${d.field} differs from the dry run this token was issued for: it was ${showBound(d.dryRun)}, now it is ${showBound(d.now)}`,
    })),
  });
}

/** The token's lifetime is over (checked again once the human has answered: it may end while they read). */
export function tokenExpired(expiresAt: Date, tool: string): AppError {
  return refuse('ConfirmationExpired', `The confirmation token expired at ${isoSeconds(expiresAt)}.`, `call ${tool} without confirmationToken to run phase 1 again and get a new token`);
}

/** Verifies signature, expiry and binding; throws AppError (source `confirmation`) on any failure. */
export function verifyConfirmationToken(token: string, bound: BoundArguments, keys: TokenKeys): VerifiedToken {
  const tool = keys.tool ?? 'createVpnPbrRoute';
  const restart = `call ${tool} without confirmationToken to run phase 1 again and get a new token`;
  // A token this server issued is never this long: refused before any work on it.
  if (token.length > MAX_CONFIRMATION_TOKEN_LENGTH) {
    throw refuse('ConfirmationInvalid', `The confirmation token is ${token.length} characters long; a valid one is far shorter.`, restart);
  }
  const parts = token.split('.');
  const [body, mac] = parts;
  if (parts.length !== 2 || !body || !mac || !isCanonicalBase64url(body) || !isCanonicalBase64url(mac)) {
    throw refuse('ConfirmationInvalid', 'The confirmation token is malformed or was altered.', restart);
  }
  const expected = sign(keys.secret, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !crypto().timingSafeEqual(given, expected)) {
    throw refuse(
      'ConfirmationInvalid',
      'The confirmation token was altered or was issued by a server with another signing key.',
      keys.sandbox
        ? `the sandbox was reset (--sandbox-reset) or uses another state file since this token was issued, so its token key changed: ${restart}`
        : `${restart}; servers that must accept each other's tokens need the same VPN_PBR_MCP_CONFIRM_SECRET`,
    );
  }
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    throw refuse('ConfirmationInvalid', 'The confirmation token is malformed.', restart);
  }
  if (payload.v !== VERSION || !Array.isArray(payload.r) || payload.r.length !== BOUND_FIELDS.length || !isFacts(payload.f)) {
    throw refuse('ConfirmationInvalid', 'The confirmation token has an unknown format.', restart);
  }
  const nowSeconds = (keys.now ?? Date.now)() / 1000;
  if (nowSeconds >= payload.exp) throw tokenExpired(new Date(payload.exp * 1000), tool);
  if (payload.t !== keys.target) {
    throw refuse(
      'ConfirmationMismatch',
      'The confirmation token was issued by a server connected to another endpoint or account, so its dry run did not go where this create would.',
      `call ${tool} without confirmationToken on this server to run phase 1 here`,
    );
  }
  const current = boundValues(bound);
  const differences = BOUND_FIELDS.flatMap((field, i) =>
    current[i] === payload.r[i] ? [] : [{ field, dryRun: payload.r[i], now: current[i] }],
  );
  if (differences.length > 0) {
    throw refuse(
      'ConfirmationMismatch',
      'The confirmation token was issued for other route arguments.',
      `call ${tool} again with exactly the arguments of phase 1, or run phase 1 again for the new arguments`,
      { field: differences[0]?.field, differences },
    );
  }
  // The caller's own ClientToken, given at the dry run too, or one derived from this confirmation.
  const clientToken = bound.clientToken ?? deriveClientToken(keys.secret, expected);
  return {
    clientToken,
    dryRunRequestId: payload.d,
    ...(typeof payload.p === 'string' ? { requestedBy: payload.p } : {}),
    issuedAt: new Date(payload.iat * 1000),
    expiresAt: new Date(payload.exp * 1000),
    ...(payload.f === undefined ? {} : { facts: payload.f }),
    stepClientToken: (step) => stepToken(clientToken, step),
  };
}

function isFacts(value: unknown): value is TokenFacts | undefined {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
}

/** Step n's ClientToken: a digest of the confirmation's own ClientToken and n (ASCII, 44 characters). */
function stepToken(clientToken: string, step: number | string): string {
  return `pbr-${crypto().createHash('sha256').update(`step:${step}:${clientToken}`).digest('hex').slice(0, 40)}`;
}

/**
 * ASCII, at most 64 characters: the same for every attempt and every replay of one confirmation. Made
 * from the verified signature bytes, never the token's text (their canonical spelling keeps the values
 * of earlier versions).
 */
function deriveClientToken(secret: Buffer, signature: Buffer): string {
  const canonical = signature.toString('base64url');
  return `pbr-${crypto().createHmac('sha256', secret).update(`client-token:${canonical}`).digest('hex').slice(0, 40)}`;
}

/**
 * Only the one spelling Node writes: unpadded base64url whose unused trailing bits are zero. Otherwise a
 * last character with other spare bits, or padding, would decode to the same bytes: several texts, one token.
 */
function isCanonicalBase64url(text: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;
}
