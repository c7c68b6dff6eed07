// A change sent in one request (create, delete), once the human has said yes: one change per gateway at a time,
// wait for an idle gateway, the listing checked against the preview once more, send once with the ClientToken
// derived from the token, then settle (settle.ts) or report (report.ts) what became of it.
import type { CallContext } from '../call-context.js';
import type { PbrRoute } from '../cloud/vpc-client.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import type { AppError } from '../errors/app-error.js';
import { asAppError, type ToolOutcome } from '../results.js';
import { auditBeforeChange } from './audited.js';
import type { ChangeTarget, Sent, SingleChange } from './change-kind.js';
import type { Confirmed } from './confirmed.js';
import { gatewayQueue } from './gateway-queue.js';
import { waitForIdleGateway } from './gateway-wait.js';
import { answerPredatesCall, reportDone, reportReplay } from './report.js';
import { sentChangeKey, sentChanges } from './sent-changes.js';
import { settleFailure } from './settle.js';
import { checkListing } from './witness.js';

export async function sendSingle<T extends ChangeTarget>(kind: SingleChange<T>, target: T, confirmed: Confirmed, ctx: CallContext): Promise<ToolOutcome> {
  const { verified, client, budget, draft } = confirmed;
  const { clientToken } = verified;
  const sentKey = sentChangeKey(confirmed.place, kind.action, clientToken);
  // This process already sent this confirmation's change and the API accepted it: a replay, nothing is sent.
  const earlier = sentChanges.get(sentKey, ctx.now());
  if (earlier) return reportReplay(kind, target, earlier.sent, 'sent by this process', clientToken, client, draft);
  await auditBeforeChange(ctx, { tool: CHANGE_KINDS[kind.name].tool, phase: CHANGE_KINDS[kind.name].verb, route: target }, clientToken, draft);

  const failed: AppError[] = [];
  let before: PbrRoute[] | undefined;
  let sentAt = 0;
  let sent: Sent;
  try {
    sent = await gatewayQueue.run(`${target.regionId}/${target.vpnGatewayId}`, async () => {
      before = await waitForIdleGateway(kind.action, target, client, ctx, budget);
      // Checked again right before sending, on the list just read: another change may have come first.
      const check = checkListing(kind, target, verified.facts, before, false);
      if ('refusal' in check) throw check.refusal;
      draft.changeSent = true;
      sentAt = ctx.now();
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
  sentChanges.remember(sentKey, { sent, at: ctx.now() }, verified.expiresAt.getTime());
  // The list already showed the change, or the API's answer is the original one: an earlier confirmation made it.
  const replayed = (before !== undefined && kind.sight(target, before).state === 'applied') || answerPredatesCall(sent, ctx.now() - sentAt);
  return replayed
    ? reportReplay(kind, target, sent, 'answered by the API', clientToken, client, draft)
    : reportDone(kind, target, sent, clientToken, client, ctx, budget, draft);
}
