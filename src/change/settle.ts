// A change whose send did not succeed: what became of it, honestly. `false` only when no answer was lost (nothing
// was written by this call) or the list shows someone else's route; otherwise "unknown" with the way to learn it.
import type { CallContext } from '../call-context.js';
import { isAmbiguousOutcome } from '../cloud/error-codes.js';
import type { VpcClient } from '../cloud/vpc-client.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { AppError } from '../errors/app-error.js';
import { outcomeUnknown } from '../errors/factories.js';
import type { ToolOutcome } from '../results.js';
import { changeFailure } from './answers.js';
import type { AuditDraft } from './audited.js';
import type { ChangeKind, ChangeTarget } from './change-kind.js';
import { describeListed, listedView } from './listed-route.js';

export function notSent<T extends ChangeTarget>(kind: ChangeKind<T>, error: AppError, draft: AuditDraft): ToolOutcome {
  draft.outcome = error.code === 'Cancelled' ? 'cancelled' : 'failed';
  draft.changeSent = false;
  return changeFailure(kind, error, false);
}

const NOT_SENT_CODES = new Set(['Cancelled', 'CallBudgetExceeded']);

/** No attempt succeeded: false only when no answer was lost, or the list shows someone else's route. */
export async function settleFailure<T extends ChangeTarget>(
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
