// What one kind of change (create a route, delete a route, …) supplies to the change flow (flow.ts); the
// kinds themselves are in kinds/, their words in domain/change-kinds.ts.
//
// The flow owns every step they share: preview → a confirmation token bound to exactly what was
// previewed (and to the kind, endpoint and account) → the human's confirmation → one change per gateway
// at a time → wait for an idle gateway → send once, every attempt with the ClientToken derived from the
// token → wait for the gateway → verify in the route list → an honest outcome, all within the call's
// budget and stopped by cancellation before anything is sent. A kind never decides an outcome: it says
// how to preview, which API call sends the change and how to recognise the change in the route list.
import type { CallOptions, PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import type { CallContext } from '../call-context.js';
import type { BoundArguments, TokenFacts } from '../confirm/token.js';
import type { ChangeKindName, Outcome } from '../domain/change-kinds.js';
import type { AppError } from '../errors/app-error.js';
import type { Issue, RouteSpec } from '../domain/types.js';
import type { ToolOutcome } from '../results.js';
import type { RouteChangeCardInput } from '../ui/card-data.js';

/** Every change targets one route on one gateway. */
export type ChangeTarget = Pick<RouteSpec, 'regionId' | 'vpnGatewayId'>;

export type { Outcome, OutcomeField } from '../domain/change-kinds.js';

export interface Preview {
  /** Request ID of the API call that proved the change can be made (a dry run), bound into the token. */
  requestId: string;
  /** Fields of the phase-1 result besides status, token and summary (the normalised route, warnings, …). */
  body: Record<string, unknown>;
  /** The first sentences of the summary; the flow adds what was not done yet and how to confirm. */
  summary: string;
  /** What the MCP Apps approval card shows (src/ui/card-data.ts): the route and the gateway's routes around it. */
  card?: Omit<RouteChangeCardInput, 'change' | 'expiresAt' | 'confirmationToken' | 'clientToken' | 'sandbox'>;
  /** What the preview saw that the token binds (the kind's witness observed it); absent for kinds without a witness. */
  facts?: TokenFacts;
}

/** The API's answer to the change that was sent. */
export interface Sent {
  requestId: string;
  /** What the answer says about the route, for the result. */
  route?: Record<string, unknown>;
  /** When the API made the change, by its own clock, if the answer says (a create's CreateTime). */
  madeAt?: number;
  /** The API's clock when it answered (its HTTP Date header, whole seconds), if known. */
  answeredAt?: number;
}

/**
 * What a change binds beyond its arguments (a delete: the listed route's priority, state and creation time; a change
 * set: the table), and how the confirm recognises it in a fresh listing: unchanged, or as the change's steps leave it.
 */
export interface Witness<Target> {
  /** The facts as a listing shows them; undefined when the target is not listed. The preview binds the same. */
  observe(target: Target, routes: readonly PbrRoute[]): TokenFacts | undefined;
  /** The facts after each step, in order (a delete: [undefined], the route gone): a listing that shows the k-th was left by k steps. */
  expected(target: Target, previewed: TokenFacts): (TokenFacts | undefined)[];
  /** What changed, in words, when the listing shows none of them; `sentBefore`: this process sent this token's change. */
  describe(previewed: TokenFacts, now: TokenFacts | undefined, sentBefore: boolean): string;
}

/** Where the change stands in the gateway's route list. */
export interface Sighting {
  /** `applied`: the list shows the change (create: an identical route; delete: no such route). `pending`: it does not yet.
   *  `foreign`: a route with the same identity but other fields: someone else's. */
  state: 'applied' | 'pending' | 'foreign';
  route?: PbrRoute;
}

/** What every kind of change supplies, whether it is sent in one request or several. */
interface ChangeBase<Target extends ChangeTarget> {
  /** Its row in domain/change-kinds.ts: the tool, outcome field, status and words it is reported in. */
  name: ChangeKindName;
  /** The API action that sends the change, for messages. */
  action: string;
  /** One line naming the target, for summaries. */
  describe(target: Target): string;
  /** What the confirmation token binds, besides the kind, endpoint and account (fields a kind lacks stay absent). */
  bound(target: Target, clientToken: string | undefined): BoundArguments;
  /** When set, the token binds what the preview saw and a confirm that finds it changed sends nothing. */
  witness?: Witness<Target>;
  /** Phase 2 re-runs the rules that need no API call (the policy may differ in this process). */
  recheck(target: Target, ctx: CallContext): Promise<Issue[]>;
  /** Phase 1: every check that can refuse, and the API's dry run. Throws AppError to refuse. */
  preview(target: Target, cloud: VpcClient, ctx: CallContext): Promise<Preview>;
  /** What the human is asked before the change is sent. */
  question(target: Target, ctx: CallContext, previewed: TokenFacts | undefined): string;
}

/** A change sent in one request (create, delete): the flow settles and reports it. */
export interface SingleChange<Target extends ChangeTarget> extends ChangeBase<Target> {
  steps?: undefined;
  /** Sends the change (the client retries with the same clientToken). Throws AppError when no attempt succeeded. */
  send(target: Target, clientToken: string, cloud: VpcClient, options: CallOptions): Promise<Sent>;
  /** Recognises the change in the gateway's route list. */
  sight(target: Target, routes: readonly PbrRoute[]): Sighting;
  /** API codes that, on a retry after a lost answer, mean "the route list decides" (create: AlreadyExists). */
  settledByListing: readonly string[];
  /** The route as the result shows it, from the target, the API's answer and the listed route. */
  view(target: Target, sent: Sent | undefined, listed: PbrRoute | undefined): Record<string, unknown>;
  /** Extra fields of a done or submitted result (e.g. create's `undo`). */
  extras?(target: Target): Record<string, unknown>;
}

/** One request of a change sent in several (a modify's weight or priority, then its publishing; each change of a set). */
export interface Step {
  /** The API action it sends. */
  action: string;
  /** One line: what it does. */
  describe: string;
  /** The route it names, for its audit lines. */
  route: Partial<RouteSpec>;
  send(clientToken: string, cloud: VpcClient, options: CallOptions): Promise<Sent>;
  /** Recognises it done in the gateway's route list. */
  sight(routes: readonly PbrRoute[]): Sighting;
  /** API codes that, on a retry after a lost answer, mean "the route list decides". */
  settledByListing: readonly string[];
  /** Set when the planner added it so that the API accepts the change: why. */
  inserted?: string;
}

/** A change sent in several requests (a modify, a change set): the flow runs its steps (run-steps.ts), the kind reports. */
export interface SteppedChange<Target extends ChangeTarget> extends ChangeBase<Target> {
  /** The requests, in order, as the preview planned them from the facts it bound. */
  steps(target: Target, previewed: TokenFacts | undefined): Step[];
  /** With `rollback`, a refused step undoes the applied ones with these (the inverse of step i at i); absent: it stops. */
  rollback?(target: Target, previewed: TokenFacts | undefined): Step[] | undefined;
  /** The answer from every step's outcome. */
  report(target: Target, run: StepsRun): ToolOutcome;
}

export type ChangeKind<Target extends ChangeTarget> = SingleChange<Target> | SteppedChange<Target>;

/** What became of one step at this confirm. */
export interface StepOutcome {
  step: Step;
  /** `true`: made (by this call or an earlier confirmation of the token); `false`: not made; `"unknown"`: not settled. */
  applied: Outcome;
  /** done: listed and the gateway active; submitted: accepted, still applying when the call stopped; earlier: made by an
   *  earlier confirmation of this token; skipped: not sent (the run stopped before it); refused/unknown: it failed. */
  state: 'done' | 'submitted' | 'earlier' | 'skipped' | 'refused' | 'unknown';
  requestId?: string;
  clientToken?: string;
  error?: AppError;
}

export interface StepsRun {
  steps: StepOutcome[];
  /** done: every step made; submitted: stopped (call budget, wait) with more to do: confirm again to go on; failed: a step
   *  was refused or unsettled (and, for a change that rolls back, the rollback below ran). */
  end: 'done' | 'submitted' | 'failed';
  /** The failure that stopped the run. */
  error?: AppError;
  /** The rollback's steps, in the order they ran (only after a refused step of a change that rolls back). */
  undone?: StepOutcome[];
  /** The base ClientToken of this confirmation (each step's is derived from it). */
  clientToken: string;
  /** What the preview saw (the token's facts): the kind plans its report from them. */
  facts?: TokenFacts;
  /** The gateway's routes as read at the end, when they could be. */
  routes?: PbrRoute[];
}
