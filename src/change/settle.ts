// A change whose send did not succeed: what became of it, honestly. `false` only when no answer was lost (nothing
// was written by this call) or the list shows someone else's route; otherwise "unknown" with the way to learn it.
import type { CallContext } from '../call-context.js';
import { isAmbiguousOutcome } from '../cloud/error-codes.js';
import type { PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { AppError } from '../errors/app-error.js';
import { outcomeUnknown } from '../errors/factories.js';
import type { ToolOutcome } from '../results.js';
import { changeFailure } from './answers.js';
import type { AuditDraft } from './audited.js';
import type { ChangeKind, ChangeTarget, Outcome, SingleChange, Sighting } from './change-kind.js';
import { describeListed, listedView } from './listed-route.js';

export function notSent<T extends ChangeTarget>(kind: ChangeKind<T>, error: AppError, draft: AuditDraft): ToolOutcome {
  draft.outcome = error.code === 'Cancelled' ? 'cancelled' : 'failed';
  draft.changeSent = false;
  return changeFailure(kind, error, false);
}

/** Codes that mean this call stopped before sending (more): a confirm with the same token goes on. */
export const NOT_SENT_CODES = new Set(['Cancelled', 'CallBudgetExceeded']);

/** One request that no attempt got through: how the settling reads it. */
export interface FailedSend {
  /** The API action, and the change in words, for the messages. */
  action: string;
  describe: string;
  /** The tool to call again (with the same confirmationToken) to learn an unsettled outcome. */
  tool: string;
  sight(routes: readonly PbrRoute[]): Sighting;
  settledByListing: readonly string[];
}

export interface Settled {
  outcome: Outcome;
  error: AppError;
  /** Someone else's route with the same identity, when the list showed one. */
  existingRoute?: PbrRoute;
}

/** What became of a request whose every attempt failed: `false` or `"unknown"`, with the error to answer. */
export async function settleSend(send: FailedSend, target: ChangeTarget, error: AppError, failed: readonly AppError[], client: VpcClient, ctx: CallContext): Promise<Settled> {
  const reconfirm = `call ${send.tool} again with the same arguments and confirmationToken: it sends the same ClientToken, so it reports the outcome and never makes the change twice`;
  if (!failed.some(isAmbiguousOutcome)) {
    // Nothing was sent, or the API refused every attempt: nothing was written by this call.
    const stopped = NOT_SENT_CODES.has(error.code);
    return { outcome: false, error: stopped ? new AppError({ ...error.body, hint: `${reconfirm} (this call sent nothing more)` }) : error };
  }
  if (send.settledByListing.includes(error.code)) {
    const listed = await client.listPbrRoutes(target.regionId, target.vpnGatewayId).catch(() => undefined);
    const sighting = listed && send.sight(listed);
    if (sighting?.state === 'foreign' && sighting.route) {
      const message = `${error.body.message} The gateway lists another route with this identity, not this change: ${describeListed(sighting.route)}.`;
      return { outcome: false, error: new AppError({ ...error.body, message, hint: 'call listVpnPbrRoutes to see it; this call changed nothing' }), existingRoute: sighting.route };
    }
  }
  const codes = [...new Set(failed.map((f) => f.code))].join(', ');
  ctx.logger.warn('change sent but its outcome is not settled', { action: send.action, codes, last: error.code });
  const message = `${send.action} was sent but an answer was lost (${codes}), and no answer from the API settled what became of it: ${send.describe} may or may not be done.`;
  return { outcome: 'unknown', error: outcomeUnknown(message, reconfirm) };
}

/** No attempt of a single change succeeded: its answer, and the audit's outcome. */
export async function settleFailure<T extends ChangeTarget>(
  kind: SingleChange<T>,
  target: T,
  error: AppError,
  failed: readonly AppError[],
  client: VpcClient,
  ctx: CallContext,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const send: FailedSend = {
    action: kind.action,
    describe: kind.describe(target),
    tool: CHANGE_KINDS[kind.name].tool,
    sight: (routes) => kind.sight(target, routes),
    settledByListing: kind.settledByListing,
  };
  const settled = await settleSend(send, target, error, failed, client, ctx);
  if (settled.outcome === 'unknown') draft.outcome = 'unknown';
  else if (settled.existingRoute) draft.outcome = 'refused';
  else draft.outcome = error.code === 'Cancelled' ? 'cancelled' : 'failed';
  if (settled.outcome === false && failed.length === 0) draft.changeSent = false;
  const outcome = changeFailure(kind, settled.error, settled.outcome);
  if (settled.existingRoute) outcome.body.existingRoute = listedView(settled.existingRoute);
  return outcome;
}
