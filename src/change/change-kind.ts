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
import type { ChangeKindName } from '../domain/change-kinds.js';
import type { Issue, RouteSpec } from '../domain/types.js';
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
 * What a change binds beyond its arguments (a delete: the listed route's priority, state and creation time), and
 * how the confirm recognises it in a fresh listing: unchanged, or as this very change leaves it (a replay).
 */
export interface Witness<Target> {
  /** The facts as a listing shows them; undefined when the target is not listed. The preview binds the same. */
  observe(target: Target, routes: readonly PbrRoute[]): TokenFacts | undefined;
  /** The facts once this change is made (a delete: undefined, the route gone). */
  after(target: Target, previewed: TokenFacts): TokenFacts | undefined;
  /** What changed, in words, when the listing shows neither; `sentBefore`: this process sent this token's change. */
  describe(previewed: TokenFacts, now: TokenFacts | undefined, sentBefore: boolean): string;
}

/** Where the change stands in the gateway's route list. */
export interface Sighting {
  /** `applied`: the list shows the change (create: an identical route; delete: no such route). `pending`: it does not yet.
   *  `foreign`: a route with the same identity but other fields: someone else's. */
  state: 'applied' | 'pending' | 'foreign';
  route?: PbrRoute;
}

export interface ChangeKind<Target extends ChangeTarget> {
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
  question(target: Target, ctx: CallContext): string;
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
