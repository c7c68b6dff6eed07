// How a change the API accepted is reported: done (listed, gateway active), submitted (still applying), or a
// replay of an earlier confirmation of the same token: always said to be one, and described as things are now.
//
// How a replay is known. The server keeps no state across replicas (tokens are HMAC'd, replicas share the
// secret) and the API answers a repeated ClientToken with the original answer, changing nothing. So:
// 1. this process already sent this ClientToken and the API accepted it (sent-changes.ts): certain, and nothing
//    is sent again;
// 2. the route list read right before sending already showed the change (create: an identical route; delete:
//    the route gone): our ClientToken's answer is then the earlier confirmation's;
// 3. the answer is the original one: the change's time in it (a create's CreateTime) is before this call's first
//    request could have reached the API, on the API's own clock (its Date header, less the time this call took,
//    less 2 s for the header's whole seconds), so no clock skew between us and the API makes a new change look old.
// A change the API accepted that the wait neither saw applied nor saw the gateway applying is reported as exactly
// that (submitted, with both readings), never called a replay: a genuine slow change must not be called one.
import type { CallContext } from '../call-context.js';
import type { PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { success, type ToolOutcome } from '../results.js';
import { isoSeconds } from '../util.js';
import { capitalise } from './answers.js';
import type { AuditDraft } from './audited.js';
import type { CallBudget } from './budget.js';
import type { ChangeTarget, Sent, Sighting, SingleChange } from './change-kind.js';
import { waitUntilApplied } from './gateway-wait.js';
import { describeListed } from './listed-route.js';

/** The Date header counts whole seconds; one more second of margin. */
const DATE_HEADER_SLACK_MS = 2000;

/** Rule 3 above: the answer names a change made before this call's first request (sent `elapsedMs` ago) reached the API. */
export function answerPredatesCall(sent: Sent, elapsedMs: number): boolean {
  if (sent.madeAt === undefined || sent.answeredAt === undefined) return false;
  return sent.madeAt < sent.answeredAt - elapsedMs - DATE_HEADER_SLACK_MS;
}

/** How the replay was known: this process sent it (nothing sent now), or the API's answer and list say so. */
export type ReplayEvidence = 'sent by this process' | 'answered by the API';

export async function reportReplay<T extends ChangeTarget>(
  kind: SingleChange<T>,
  target: T,
  sent: Sent,
  evidence: ReplayEvidence,
  clientToken: string,
  client: VpcClient,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const words = CHANGE_KINDS[kind.name];
  const read = await Promise.all([
    client.describeGateway(target.regionId, target.vpnGatewayId),
    client.listPbrRoutes(target.regionId, target.vpnGatewayId),
  ]).catch(() => undefined);
  const sighting = read && kind.sight(target, read[1]);
  const inEffect = sighting?.state === 'applied';
  draft.outcome = `${words.doneStatus} (replayed)`;
  const what = kind.describe(target);
  const nothingNew =
    evidence === 'sent by this process'
      ? 'this confirmation sent nothing'
      : `the API answered this confirmation (request ${sent.requestId}) with the original answer and changed nothing`;
  let summary: string;
  if (sighting === undefined) {
    summary = `Already ${words.doneStatus} by an earlier confirmation of this token; ${nothingNew}: ${what}. The route list could not be read to tell whether it is still in effect: call listVpnPbrRoutes.`;
  } else if (inEffect) {
    const applying = read?.[0].status === 'updating' ? ' The gateway is still applying a change.' : '';
    summary = `Already ${words.doneStatus} by an earlier confirmation of this token; no second route was ${words.doneStatus}: ${what}.${applying}`;
  } else {
    summary =
      `${capitalise(words.doneStatus)} earlier by this token${madeAtText(sent)}, and no longer in effect: ${present(sighting)}. Nothing was done now (${nothingNew}): ${what}. ` +
      `To make the change again, call ${words.tool} without confirmationToken for a new preview.`;
  }
  const listed = inEffect ? sighting.route : undefined;
  return success({
    status: words.doneStatus,
    route: kind.view(target, sent, listed),
    requestId: sent.requestId,
    clientToken,
    [words.outcomeField]: true,
    replayed: true,
    ...(sighting === undefined ? {} : { stillInEffect: inEffect }),
    ...(kind.extras?.(target) ?? {}),
    summary,
  });
}

/** What the list shows instead of the change. */
function present(sighting: Sighting): string {
  const route: PbrRoute | undefined = sighting.route;
  if (route === undefined) return 'the route is no longer listed';
  if (sighting.state === 'foreign') return `a route with this identity that this token did not create is listed: ${describeListed(route)}`;
  return `the gateway lists ${describeListed(route)}`;
}

export async function reportDone<T extends ChangeTarget>(
  kind: SingleChange<T>,
  target: T,
  sent: Sent,
  clientToken: string,
  client: VpcClient,
  ctx: CallContext,
  budget: CallBudget,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const words = CHANGE_KINDS[kind.name];
  const applied = await waitUntilApplied((routes) => kind.sight(target, routes), target, client, ctx, budget).catch(() => ({ done: false, sighting: undefined, polls: 0, sawUpdating: false }));
  const status = applied.done ? words.doneStatus : 'submitted';
  draft.outcome = status;
  const listed = applied.sighting?.state === 'applied' ? applied.sighting.route : undefined;
  const what = kind.describe(target);
  let summary: string;
  if (applied.done) {
    summary = `${capitalise(words.doneStatus)} ${what}: the route list confirms it and the gateway is active again.`;
  } else if (applied.polls > 0 && !applied.sawUpdating && applied.sighting?.state !== 'applied') {
    // Neither applied nor applying: what a replay of a change since undone looks like, and also a gateway that has not started.
    summary =
      `The API accepted ${kind.action} (request ${sent.requestId}) for ${what}, but during the wait the gateway never showed it applying a change and the route list does not show this one. ` +
      `If this token was confirmed before (by this or another server process), the API answered with that confirmation's answer and changed nothing, and the change has since been undone; ` +
      `otherwise the gateway has not started on it yet. Call listVpnPbrRoutes to see the routes before doing anything else.`;
  } else {
    summary =
      `Submitted ${what}: the API accepted it (request ${sent.requestId}) but the gateway had not finished applying it ` +
      `within the wait. Call listVpnPbrRoutes to see when it is in place, or ${words.tool} again with the same confirmationToken; do not start over.`;
  }
  return success({
    status,
    route: kind.view(target, sent, listed),
    requestId: sent.requestId,
    clientToken,
    [words.outcomeField]: true,
    ...(kind.extras?.(target) ?? {}),
    summary,
  });
}

/** When a replay's original change was made, for summaries (`at 2026-…Z`), if the answer says. */
function madeAtText(sent: Sent): string {
  const at = isoSeconds(sent.madeAt);
  return at ? ` at ${at}` : '';
}
