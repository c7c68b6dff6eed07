// The change flow, written once for every change (see change-kind.ts for what a kind supplies):
// phase 1 previews and issues a token; phase 2 verifies the token, asks the human, sends the change
// once and establishes its outcome honestly: `false` only when nothing was written by this call,
// `true` only for a change this call (or an earlier confirmation of the same token) made, `"unknown"`
// whenever no answer from the API settles it.
import type { CallContext } from '../call-context.js';
import type { VpcClient } from '../cloud/vpc-client.js';
import { checkConfirmer } from '../confirm/approval.js';
import { issueConfirmationToken, tokenExpired, verifyConfirmationToken } from '../confirm/token.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { hasErrors } from '../domain/index.js';
import type { AppError } from '../errors/app-error.js';
import { cancelled, confirmationDeclined, routeRefused } from '../errors/factories.js';
import { asAppError, success, type ToolOutcome } from '../results.js';
import { modelConfirmationRefusal } from '../ui/approval-rule.js';
import { CARD_META_KEY, routeChangeCard } from '../ui/card-data.js';
import { isoSeconds } from '../util.js';
import { changeFailure, withApproval } from './answers.js';
import type { AuditDraft } from './audited.js';
import { budgeted, startBudget } from './budget.js';
import type { ChangeKind, ChangeTarget, Preview } from './change-kind.js';
import type { Confirmed } from './confirmed.js';
import { runStepped } from './run-steps.js';
import { sendSingle } from './send-single.js';
import { sentChangeKey, sentChanges } from './sent-changes.js';
import { notSent } from './settle.js';
import { tokenKeys } from './token-keys.js';
import { checkWitness } from './witness.js';

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
  const issued = issueConfirmationToken(kind.bound(target, callerClientToken), preview.requestId, keys, ctx.principal, preview.facts);
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
  // A client known not to render MCP Apps gets no card, so none is built (its route table covers up to 1,000 routes).
  if (!preview.card || ctx.clientRendersApps === false) return outcome;
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

/** Phase 2: token, what was previewed still listed, human, send once, wait, verify, honest outcome. */
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
  const bound = kind.bound(target, callerClientToken);
  const verified = verifyConfirmationToken(token, bound, keys);
  const approval = checkConfirmer(verified.requestedBy, ctx.principal, ctx.config.approvers, words.tool);
  draft.requestedBy = approval?.requestedBy;
  const clientToken = verified.clientToken;
  draft.clientToken = clientToken;
  draft.requestIds.push(verified.dryRunRequestId);
  // Known for certain only for a single change (a stepped one records each step: run-steps.ts).
  const sentBefore = kind.steps === undefined && sentChanges.get(sentChangeKey(keys.target, kind.action, clientToken), ctx.now()) !== undefined;

  // What was previewed must still be listed (or this change's own steps made): else the human is not even asked.
  const listed = await checkWitness(kind, target, verified.facts, budgeted(cloud, startBudget(ctx)), sentBefore);
  if ('refusal' in listed) return refusedAsChanged(kind, listed.refusal, sentBefore, draft);

  // A press of Approve on the approval card is the human's answer: asking again through the client would ask twice.
  const answer = ctx.approvedOnCard ? 'accept' : await ctx.askHuman(kind.question(target, ctx, verified.facts), { expiresAt: verified.expiresAt });
  if (answer === 'asked') {
    // The question went out as a round of its own (MCP 2026 input_required): the client calls again with the answer.
    draft.outcome = 'asked';
    return success({ status: 'confirmation_asked', summary: `Asked the human to confirm: ${kind.describe(target)}. Nothing was sent yet.` });
  }
  if (answer === 'decline' || answer === 'cancel') {
    draft.outcome = 'declined';
    return changeFailure(kind, confirmationDeclined(answer, `${words.noun} ${kind.describe(target)}`), false);
  }
  // The token's lifetime may have ended while the human was reading.
  if (ctx.now() >= verified.expiresAt.getTime()) {
    draft.outcome = 'refused';
    return changeFailure(kind, tokenExpired(verified.expiresAt, words.tool), false);
  }
  // The budget starts once the human has answered: their time is not the API's.
  const budget = startBudget(ctx);
  if (budget.signal.aborted) return notSent(kind, cancelled(kind.action), draft);
  const confirmed: Confirmed = { verified, place: keys.target, client: budgeted(cloud, budget), budget, draft, ...(bound.plan ? { planId: bound.plan } : {}) };
  const outcome = kind.steps === undefined ? await sendSingle(kind, target, confirmed, ctx) : await runStepped(kind, target, confirmed, ctx);
  return withApproval(outcome, approval);
}

/** RouteChangedSincePreview (or an unreadable list): nothing sent; a known replay says so. */
function refusedAsChanged<T extends ChangeTarget>(kind: ChangeKind<T>, error: AppError, replayed: boolean, draft: AuditDraft): ToolOutcome {
  draft.outcome = 'refused';
  const outcome = changeFailure(kind, error, false);
  if (replayed) outcome.body.replayed = true;
  return outcome;
}
