// The human's confirmation of one change, whichever way the client can give it. The change flow asks once
// (ctx.askHuman, before anything is sent); this gate answers from what the request already carries, or
// opens a round, or says the client cannot be asked:
//  - the request echoes a requestState and an answer (MCP 2026-07-28 multi round-trip, or the SDK's shim
//    that turns a round into a real elicitation/create on a 2025 stdio session): verified here, answered;
//  - the client can show a form (per-request capabilities): 'asked', and `round` holds what src/server.ts
//    returns as the `input_required` result; the client asks the human and calls again;
//  - otherwise (no form elicitation, or 2025 stateless HTTP where capabilities are unknown): 'unsupported',
//    and the confirmation token alone confirms, as before.
// No SDK object reaches this module: src/server.ts hands it plain facts.
//
// The requestState is ours, not the SDK's codec: "s1." base64url(JSON payload) "." base64url(HMAC-SHA256), the
// key derived from the confirmation secret (replicas that share VPN_PBR_MCP_CONFIRM_SECRET accept each other's
// rounds), bound to the principal, the tool, a digest of the arguments and of the confirmation token, and
// expiring with the token. It is signed, not encrypted: it holds digests and names, nothing secret. It is not
// single-use: a replayed round reaches the change flow again, whose derived ClientToken makes the API change once.
import type { HumanAnswer } from '../call-context.js';
import { AppError } from '../errors/app-error.js';
import { confirmationNotObtained } from '../errors/factories.js';
import { canonicalJson } from '../util.js';
import { CONFIRM_FORM, flatFormValidator } from './ask-human.js';
import { crypto } from './token.js';

const STATE_PREFIX = 's1.';
/** A state this server mints is far shorter; longer ones are refused before any work. */
const MAX_STATE_LENGTH = 2048;
/** The key in inputRequests / inputResponses under which the confirmation form is asked and answered. */
export const CONFIRM_INPUT_KEY = 'confirm';

/** The answer a retried request carries for the confirmation key (src/server.ts reads it from the SDK). */
export type CarriedAnswer =
  | { kind: 'missing' }
  | { kind: 'elicit'; action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }
  | { kind: 'other' };

export interface GateRequest {
  /** The tool called (approveRouteChange asks as itself). */
  tool: string;
  /** The call's arguments as received. */
  arguments: unknown;
  principal?: string;
  /** The requestState echoed by the client, as received (undefined on a first call). */
  state: unknown;
  answer: CarriedAnswer;
  /** Whether this request's client can show a confirmation form; undefined = unknown (2025 stateless HTTP). */
  canAsk: boolean | undefined;
}

/** What src/server.ts sends as the `input_required` result. */
export interface ConfirmationRound {
  message: string;
  requestedSchema: typeof CONFIRM_FORM;
  requestState: string;
}

export interface HumanGate {
  /** The change flow's one question: `expiresAt` is the confirmation token's expiry, which the round never outlives. */
  ask(question: string, facts?: { expiresAt?: Date }): Promise<HumanAnswer>;
  /** Set once ask() answered 'asked'. */
  readonly round: ConfirmationRound | undefined;
}

export interface GateKeys {
  /** signingKey(config.confirmSecret): the confirmation tokens' key. */
  secret: Buffer;
  now: () => number;
  /** Used when the token's expiry is not known. */
  ttlSeconds: number;
}

interface StatePayload {
  /** tool, argument digest, token digest, principal ('' on stdio) */
  t: string;
  a: string;
  k: string;
  p: string;
  /** Unix seconds. */
  exp: number;
}

/** Whether a client that declared these capabilities can answer a form (a bare `elicitation: {}` means form). */
export function canElicitForm(capabilities: { elicitation?: unknown } | undefined): boolean | undefined {
  if (capabilities === undefined) return undefined;
  const elicitation = capabilities.elicitation as { form?: unknown; url?: unknown } | undefined;
  if (elicitation === undefined || elicitation === null || typeof elicitation !== 'object') return false;
  return elicitation.form !== undefined || elicitation.url === undefined;
}

export function createHumanGate(request: GateRequest, keys: GateKeys): HumanGate {
  let round: ConfirmationRound | undefined;
  // Derived only when a round is checked or minted: most calls (every read-only one) never need it.
  let derived: Buffer | undefined;
  const stateKey = () => (derived ??= crypto().createHmac('sha256', keys.secret).update('mcp-request-state').digest());
  const expected = (): Omit<StatePayload, 'exp'> => ({
    t: request.tool,
    // Sorted keys: a client that re-sends the arguments in another order still matches.
    a: digest(canonicalJson(request.arguments)),
    k: digest(String((request.arguments as { confirmationToken?: unknown } | undefined)?.confirmationToken ?? '')),
    p: request.principal ?? '',
  });

  return {
    get round() {
      return round;
    },
    async ask(question, facts = {}) {
      if (request.state !== undefined) {
        verifyState(request.state, expected(), stateKey(), keys.now, request.tool);
        const answer = request.answer;
        if (answer.kind === 'elicit') return readAnswer(answer, request.tool);
        // A valid state without an answer (or with one of another kind): ask again, as the protocol suggests.
        if (answer.kind === 'other' || request.canAsk !== true) throw confirmationNotObtained(request.tool);
      } else if (request.canAsk !== true) {
        // Clients without the capability (Claude Desktop today, 2025 stateless HTTP) keep working with the token alone.
        return 'unsupported';
      }
      const nowSeconds = Math.floor(keys.now() / 1000);
      const tokenExpiry = facts.expiresAt ? Math.floor(facts.expiresAt.getTime() / 1000) : undefined;
      const exp = Math.min(nowSeconds + keys.ttlSeconds, tokenExpiry ?? Number.POSITIVE_INFINITY);
      // The kind's question names the change; the tool that asks is named too (approveRouteChange asks as itself).
      const message = `${question}\nTool: ${request.tool}`;
      round = { message, requestedSchema: CONFIRM_FORM, requestState: mintState({ ...expected(), exp }, stateKey()) };
      return 'asked';
    },
  };
}

const validateForm = flatFormValidator.getValidator<{ confirm: boolean }>(CONFIRM_FORM);

function readAnswer(answer: Extract<CarriedAnswer, { kind: 'elicit' }>, tool: string): HumanAnswer {
  if (answer.action !== 'accept') return answer.action;
  // The SDK passes the content through unvalidated: an answer that is not the form's is no confirmation.
  const checked = validateForm(answer.content);
  if (!checked.valid) throw confirmationNotObtained(tool);
  return checked.data.confirm ? 'accept' : 'decline';
}

function digest(text: string): string {
  return crypto().createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

function mac(key: Buffer, body: string): Buffer {
  return crypto().createHmac('sha256', key).update(`${STATE_PREFIX}${body}`).digest();
}

function mintState(payload: StatePayload, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${STATE_PREFIX}${body}.${mac(key, body).toString('base64url')}`;
}

function refuse(code: 'ConfirmationInvalid' | 'ConfirmationExpired' | 'ConfirmationMismatch', message: string, tool: string): AppError {
  return new AppError({
    code,
    message,
    retryable: false,
    source: 'confirmation',
    field: 'requestState',
    hint: `call ${tool} again with the same arguments and confirmationToken: the client asks the human again`,
  });
}

function verifyState(state: unknown, expected: Omit<StatePayload, 'exp'>, key: Buffer, now: () => number, tool: string): void {
  const invalid = () => refuse('ConfirmationInvalid', 'The confirmation round\'s requestState is malformed or was altered.', tool);
  if (typeof state !== 'string' || state.length > MAX_STATE_LENGTH || !state.startsWith(STATE_PREFIX)) throw invalid();
  const [body, signature, ...rest] = state.slice(STATE_PREFIX.length).split('.');
  if (!body || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(signature)) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const wanted = mac(key, body);
  if (given.length !== wanted.length || !crypto().timingSafeEqual(given, wanted) || given.toString('base64url') !== signature) {
    throw refuse(
      'ConfirmationInvalid',
      'The confirmation round\'s requestState was altered or was issued by a server with another confirmation secret.',
      tool,
    );
  }
  let payload: StatePayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload;
  } catch {
    throw invalid();
  }
  if (typeof payload?.exp !== 'number') throw invalid();
  if (now() / 1000 >= payload.exp) throw refuse('ConfirmationExpired', 'The confirmation round expired (it never outlives its confirmation token).', tool);
  const differs = (['t', 'a', 'k', 'p'] as const).filter((field) => payload[field] !== expected[field]);
  if (differs.length > 0) {
    const what = { t: 'another tool', a: 'other arguments', k: 'another confirmation token', p: 'another caller' };
    throw refuse('ConfirmationMismatch', `The confirmation round's requestState was issued for ${differs.map((f) => what[f]).join(', ')}.`, tool);
  }
}
