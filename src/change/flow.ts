// The change flow, written once for every change (see change-kind.ts for what a kind supplies):
// phase 1 previews and issues a token; phase 2 verifies the token, asks the human, sends the change
// once and establishes its outcome honestly: `false` only when nothing was written by this call,
// `true` only for a change this call (or an earlier confirmation of the same token) made, `"unknown"`
// whenever no answer from the API settles it.
import { type AuditDraft, auditBeforeChange } from './audited.js';
import type { CallContext } from '../call-context.js';
import { isAmbiguousOutcome } from '../cloud/error-codes.js';
import type { PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import { type Approval, checkConfirmer } from '../confirm/approval.js';
import { issueConfirmationToken, verifyConfirmationToken } from '../confirm/token.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { hasErrors } from '../domain/index.js';
import { AppError } from '../errors/app-error.js';
import { cancelled, confirmationDeclined, outcomeUnknown, routeRefused } from '../errors/factories.js';
import { asAppError, failure, success, type ToolOutcome } from '../results.js';
import { modelConfirmationRefusal } from '../ui/approval-rule.js';
import { CARD_META_KEY, routeChangeCard } from '../ui/card-data.js';
import { isoSeconds } from '../util.js';
import { type CallBudget, budgeted, startBudget } from './budget.js';
import type { ChangeKind, ChangeTarget, Outcome, Preview, Sent } from './change-kind.js';
import { gatewayQueue } from './gateway-queue.js';
import { waitForIdleGateway, waitUntilApplied } from './gateway-wait.js';
import { describeListed, listedView } from './listed-route.js';
import { tokenKeys } from './token-keys.js';

/** A refusal or failure with the kind's outcome field set. */
export function changeFailure<T extends ChangeTarget>(kind: ChangeKind<T>, error: AppError, outcome: Outcome): ToolOutcome {
  return failure(error.body, { [CHANGE_KINDS[kind.name].outcomeField]: outcome });
}

/** Phase 1: the kind's checks and dry run, then a token bound to exactly what was previewed. */
export async function previewChange<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  callerClientToken: string | undefined,
  cloud: VpcClient,
  ctx: CallContext,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const words = CHANGE_KINDS[kind.name];
  const budget = startBudget(ctx);
  const client = budgeted(cloud, budget);
  let preview: Preview;
  try {
    preview = await kind.preview(target, client, ctx);
  } catch (error) {
    const appError = asAppError(error);
    // An API that ignored DryRun may have made the change: say so rather than "nothing was done".
    if (appError.code === 'DryRunIgnored') return changeFailure(kind, appError, 'unknown');
    if (appError.body.source === 'input' || appError.body.source === 'policy') draft.outcome = 'refused';
    return changeFailure(kind, appError, false);
  }
  draft.requestIds.push(preview.requestId);
  // A caller's own clientToken is bound too, so that every replay of this confirmation sends the same one.
  const keys = await tokenKeys(kind, client, ctx);
  const issued = issueConfirmationToken(kind.bound(target, callerClientToken), preview.requestId, keys, ctx.principal);
  draft.outcome = 'dry_run_passed';
  const expiresAt = isoSeconds(issued.expiresAt);
  const outcome = success({
    status: 'dry_run_passed',
    ...preview.body,
    confirmationToken: issued.token,
    expiresAt,
    summary:
      `${preview.summary} Show the human this change and ask before going on. ` +
      `To ${words.verb} it, call ${words.tool} again with the same arguments and this confirmationToken (valid until ${expiresAt}).`,
  });
  if (!preview.card) return outcome;
  // For hosts that render MCP Apps: the card's data goes in the result's _meta, which the model does not read.
  const card = routeChangeCard({
    ...preview.card,
    change: kind.name,
    expiresAt: expiresAt ?? issued.expiresAt.toISOString(),
    confirmationToken: issued.token,
    clientToken: callerClientToken,
    sandbox: ctx.config.sandbox,
  });
  return { ...outcome, meta: { [CARD_META_KEY]: card } };
}

/** Phase 2: token, human, send once, wait, verify, honest outcome. */
export async function confirmChange<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  token: string,
  callerClientToken: string | undefined,
  cloud: VpcClient,
  ctx: CallContext,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const words = CHANGE_KINDS[kind.name];
  const refusal = modelConfirmationRefusal(ctx.config, ctx);
  if (refusal) {
    draft.outcome = 'refused';
    return changeFailure(kind, refusal, false);
  }
  const issues = await kind.recheck(target, ctx);
  if (hasErrors(issues)) {
    draft.outcome = 'refused';
    return changeFailure(kind, routeRefused(issues), false);
  }
  const keys = await tokenKeys(kind, cloud, ctx);
  const verified = verifyConfirmationToken(token, kind.bound(target, callerClientToken), keys);
  const approval = checkConfirmer(verified.requestedBy, ctx.principal, ctx.config.approvers, words.tool);
  draft.requestedBy = approval?.requestedBy;
  const clientToken = verified.clientToken;
  draft.clientToken = clientToken;
  draft.requestIds.push(verified.dryRunRequestId);

  // A press of Approve on the approval card is the human's answer: asking again through the client would ask twice.
  const answer = ctx.approvedOnCard ? 'accept' : await ctx.askHuman(kind.question(target, ctx), { expiresAt: verified.expiresAt });
  if (answer === 'asked') {
    // The question went out as a round of its own (MCP 2026 input_required): the client calls again with the answer.
    draft.outcome = 'asked';
    return success({ status: 'confirmation_asked', summary: `Asked the human to confirm: ${kind.describe(target)}. Nothing was sent yet.` });
  }
  if (answer === 'decline' || answer === 'cancel') {
    draft.outcome = 'declined';
    return changeFailure(kind, confirmationDeclined(answer, `${words.noun} ${kind.describe(target)}`), false);
  }
  // The budget starts once the human has answered: their time is not the API's.
  const budget = startBudget(ctx);
  if (budget.signal.aborted) return notSent(kind, cancelled(kind.action), draft);
  await auditBeforeChange(ctx, { tool: words.tool, phase: words.verb, route: target }, clientToken, draft);

  const client = budgeted(cloud, budget);
  const failed: AppError[] = [];
  let before: PbrRoute[] | undefined;
  let sent: Sent;
  try {
    sent = await gatewayQueue.run(`${target.regionId}/${target.vpnGatewayId}`, async () => {
      before = await waitForIdleGateway(kind, target, client, ctx, budget);
      draft.changeSent = true;
      return kind.send(target, clientToken, client, {
        onAttemptFailed: (error, n) => {
          failed.push(error);
          void ctx.progress(`${kind.action} attempt ${n} failed (${error.code}).`);
        },
      });
    });
  } catch (error) {
    return settleFailure(kind, target, asAppError(error), failed, client, ctx, draft);
  }
  draft.requestIds.push(sent.requestId);
  // Our ClientToken answered with a success while the change was already listed: an earlier confirmation made it.
  const replayed = before !== undefined && kind.sight(target, before).state === 'applied';
  return withApproval(await reportDone(kind, target, sent, replayed, clientToken, client, ctx, budget, draft), approval);
}

function notSent<T extends ChangeTarget>(kind: ChangeKind<T>, error: AppError, draft: AuditDraft): ToolOutcome {
  draft.outcome = error.code === 'Cancelled' ? 'cancelled' : 'failed';
  draft.changeSent = false;
  return changeFailure(kind, error, false);
}

const NOT_SENT_CODES = new Set(['Cancelled', 'CallBudgetExceeded']);

/** No attempt succeeded: false only when no answer was lost, or the list shows someone else's route. */
async function settleFailure<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  error: AppError,
  failed: readonly AppError[],
  client: VpcClient,
  ctx: CallContext,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const reconfirm = `call ${CHANGE_KINDS[kind.name].tool} again with the same arguments and confirmationToken: it sends the same ClientToken, so it reports the outcome and never makes the change twice`;
  const lost = failed.filter(isAmbiguousOutcome);
  if (lost.length === 0) {
    // Nothing was sent, or the API refused every attempt: nothing was written by this call.
    if (failed.length === 0) draft.changeSent = false;
    draft.outcome = error.code === 'Cancelled' ? 'cancelled' : 'failed';
    const stopped = NOT_SENT_CODES.has(error.code);
    return changeFailure(kind, stopped ? new AppError({ ...error.body, hint: `${reconfirm} (this call sent nothing more)` }) : error, false);
  }
  if (kind.settledByListing.includes(error.code)) {
    const listed = await client.listPbrRoutes(target.regionId, target.vpnGatewayId).catch(() => undefined);
    const sighting = listed && kind.sight(target, listed);
    if (sighting?.state === 'foreign' && sighting.route) {
      draft.outcome = 'refused';
      const outcome = changeFailure(
        kind,
        new AppError({
          ...error.body,
          message: `${error.body.message} The gateway lists another route with this identity, not this change: ${describeListed(sighting.route)}.`,
          hint: 'call listVpnPbrRoutes to see it; this call changed nothing',
        }),
        false,
      );
      outcome.body.existingRoute = listedView(sighting.route);
      return outcome;
    }
  }
  draft.outcome = 'unknown';
  const codes = [...new Set(failed.map((f) => f.code))].join(', ');
  ctx.logger.warn('change sent but its outcome is not settled', { action: kind.action, codes, last: error.code });
  return changeFailure(
    kind,
    outcomeUnknown(
      `${kind.action} was sent but an answer was lost (${codes}), and no answer from the API settled what became of it: ${kind.describe(target)} may or may not be done.`,
      reconfirm,
    ),
    'unknown',
  );
}

async function reportDone<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  sent: Sent,
  replayed: boolean,
  clientToken: string,
  client: VpcClient,
  ctx: CallContext,
  budget: CallBudget,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const words = CHANGE_KINDS[kind.name];
  const applied = await waitUntilApplied(kind, target, client, ctx, budget).catch(() => ({ done: false, sighting: undefined }));
  const status = applied.done ? words.doneStatus : 'submitted';
  draft.outcome = replayed ? `${status} (replayed)` : status;
  const listed = applied.sighting?.state === 'applied' ? applied.sighting.route : undefined;
  const view = kind.view(target, sent, listed);
  const what = kind.describe(target);
  let summary: string;
  if (replayed) {
    summary = `Already ${words.doneStatus} by an earlier confirmation of this token; no second route was ${words.doneStatus}: ${what}.`;
  } else if (applied.done) {
    summary = `${capitalise(words.doneStatus)} ${what}: the route list confirms it and the gateway is active again.`;
  } else {
    summary =
      `Submitted ${what}: the API accepted it (request ${sent.requestId}) but the gateway had not finished applying it ` +
      `within the wait. Call listVpnPbrRoutes to see when it is in place, or ${words.tool} again with the same confirmationToken; do not start over.`;
  }
  return success({
    status,
    route: view,
    requestId: sent.requestId,
    clientToken,
    [words.outcomeField]: true,
    ...(replayed ? { replayed: true } : {}),
    ...(kind.extras?.(target) ?? {}),
    summary,
  });
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** A successful confirmation by another principal names both, in the body and in the summary. */
function withApproval(outcome: ToolOutcome, approval: Approval | undefined): ToolOutcome {
  if (!approval || outcome.isError) return outcome;
  outcome.body.approval = approval;
  outcome.body.summary = `${outcome.body.summary} Requested by ${approval.requestedBy}, approved by ${approval.approvedBy}.`;
  return outcome;
}
