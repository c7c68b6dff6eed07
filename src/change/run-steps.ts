// A change sent in several requests (a modify, a change set), once the human has said yes. The gateway is held in
// this server's queue for the whole run (each step waits for the gateway itself: queueing steps on the queue that
// holds the run would deadlock, it is not re-entrant). The listing says where to start: after the steps it shows
// made (a resume), so no step is sent twice. Each step: its audit lines, an idle gateway, sent once with its own
// ClientToken (derived from the token and its number), then waited for until the list shows it. A step not sent
// for want of budget ends the run as submitted (confirm again to go on); a refused one rolls the applied ones back
// in reverse when the kind says so (each inverse with its own ClientToken); an unsettled one stops everything.
import type { AuditEntry } from '../audit/entry.js';
import type { CallContext } from '../call-context.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { asAppError, type ToolOutcome } from '../results.js';
import { auditStep, type StepLabel } from './audited.js';
import type { ChangeTarget, Sent, Step, StepOutcome, SteppedChange, StepsRun } from './change-kind.js';
import type { Confirmed } from './confirmed.js';
import { gatewayQueue } from './gateway-queue.js';
import { waitForIdleGateway, waitUntilApplied } from './gateway-wait.js';
import { sentChangeKey, sentChanges } from './sent-changes.js';
import { NOT_SENT_CODES, settleSend } from './settle.js';
import { checkListing } from './witness.js';

export async function runStepped<T extends ChangeTarget>(kind: SteppedChange<T>, target: T, confirmed: Confirmed, ctx: CallContext): Promise<ToolOutcome> {
  const run = await runSteps(kind, target, confirmed, ctx);
  confirmed.draft.outcome = runOutcome(kind, run);
  return kind.report(target, run);
}

/** The call's audit outcome: the done status, submitted, rolled_back or failed/unknown. */
function runOutcome<T extends ChangeTarget>(kind: SteppedChange<T>, run: StepsRun): string {
  if (run.end === 'done') return run.steps.every((s) => s.state === 'earlier') ? `${CHANGE_KINDS[kind.name].doneStatus} (replayed)` : CHANGE_KINDS[kind.name].doneStatus;
  if (run.end === 'submitted') return 'submitted';
  if (run.steps.some((s) => s.applied === 'unknown') || run.undone?.some((s) => s.applied !== true)) return 'unknown';
  return run.undone && run.undone.length > 0 ? 'rolled_back' : 'failed';
}

export async function runSteps<T extends ChangeTarget>(kind: SteppedChange<T>, target: T, confirmed: Confirmed, ctx: CallContext): Promise<StepsRun> {
  const { verified, client, budget } = confirmed;
  const steps = kind.steps(target, verified.facts);
  const run: StepsRun = { steps: steps.map((step) => ({ step, applied: false, state: 'skipped' })), end: 'done', clientToken: verified.clientToken, ...(verified.facts ? { facts: verified.facts } : {}) };
  const words = CHANGE_KINDS[kind.name];
  const { planId } = confirmed;
  const one = (step: Step, label: StepLabel, clientToken: string, fresh: boolean) =>
    runStep(step, { tool: words.tool, phase: words.verb, label: { ...label, ...(planId ? { planId } : {}) }, clientToken, fresh }, target, confirmed, ctx);

  try {
    await gatewayQueue.run(`${target.regionId}/${target.vpnGatewayId}`, async () => {
      const routes = await waitForIdleGateway(kind.action, target, client, ctx, budget);
      // Where to start, on the list read once the gateway is idle: as previewed, or after k steps of this change.
      const check = checkListing(kind, target, verified.facts, routes, false);
      if ('refusal' in check) {
        run.end = 'failed';
        run.error = check.refusal;
        return;
      }
      for (let i = 0; i < check.made; i++) run.steps[i] = { step: steps[i] as Step, applied: true, state: 'earlier' };
      for (let i = check.made; i < steps.length; i++) {
        const n = i + 1;
        // After a step seen done (listed, gateway active) the next goes at once; else it waits for an idle gateway.
        const fresh = i > check.made && run.steps[i - 1]?.state !== 'done';
        const outcome = await one(steps[i] as Step, { step: n, action: (steps[i] as Step).action }, verified.stepClientToken(n), fresh);
        run.steps[i] = outcome;
        if (outcome.state === 'done' || outcome.state === 'earlier') continue;
        run.error = outcome.error;
        run.end = outcome.state === 'submitted' || (outcome.error && NOT_SENT_CODES.has(outcome.error.code) && outcome.error.code !== 'Cancelled') ? 'submitted' : 'failed';
        if (outcome.state === 'refused' && !NOT_SENT_CODES.has(outcome.error?.code ?? '')) run.undone = await rollBack(i);
        return;
      }
    });
  } catch (error) {
    // The wait for an idle gateway ended (cancelled, out of budget) before any step was sent.
    run.end = asAppError(error).code === 'CallBudgetExceeded' ? 'submitted' : 'failed';
    run.error = asAppError(error);
  }
  run.routes = await client.listPbrRoutes(target.regionId, target.vpnGatewayId).catch(() => undefined);
  return run;

  /** Undoes the applied steps before `failed`, last first; stops at the first inverse that is not made. */
  async function rollBack(failed: number): Promise<StepOutcome[] | undefined> {
    const inverses = kind.rollback?.(target, verified.facts);
    if (!inverses || run.steps.slice(0, failed).some((s) => s.applied !== true)) return undefined;
    const undone: StepOutcome[] = [];
    for (let i = failed - 1; i >= 0; i--) {
      const outcome = await one(inverses[i] as Step, { step: i + 1, undoes: i + 1, action: (inverses[i] as Step).action }, verified.stepClientToken(`undo-${i + 1}`), true);
      undone.push(outcome);
      if (outcome.state !== 'done' && outcome.state !== 'earlier') break;
    }
    return undone;
  }
}

interface StepCall {
  tool: string;
  phase: AuditEntry['phase'];
  label: StepLabel;
  clientToken: string;
  /** Wait for an idle gateway first (the first step of a run already did). */
  fresh: boolean;
}

/** One step: audited, sent once (or known sent by this process), then followed until the list shows it. */
async function runStep<T extends ChangeTarget>(step: Step, call: StepCall, target: T, confirmed: Confirmed, ctx: CallContext): Promise<StepOutcome> {
  const { client, budget, draft, verified } = confirmed;
  const { clientToken } = call;
  const key = sentChangeKey(confirmed.place, step.action, clientToken);
  const earlier = sentChanges.get(key, ctx.now());
  if (earlier) return { step, applied: true, state: 'earlier', requestId: earlier.sent.requestId, clientToken };
  let audit: Awaited<ReturnType<typeof auditStep>>;
  try {
    if (call.fresh) await waitForIdleGateway(step.action, target, client, ctx, budget);
    audit = await auditStep(ctx, { tool: call.tool, phase: call.phase, route: step.route }, call.label, clientToken);
  } catch (error) {
    return { step, applied: false, state: 'refused', error: asAppError(error), clientToken };
  }
  draft.changeSent = true;
  const failed: ReturnType<typeof asAppError>[] = [];
  let sent: Sent;
  try {
    sent = await step.send(clientToken, client, {
      onAttemptFailed: (error, n) => {
        failed.push(error);
        void ctx.progress(`${step.action} attempt ${n} failed (${error.code}).`);
      },
    });
  } catch (error) {
    const settled = await settleSend({ ...step, tool: call.tool }, target, asAppError(error), failed, client, ctx);
    await audit.end(settled.outcome === 'unknown' ? 'unknown' : 'failed', { errorCode: settled.error.code });
    return { step, applied: settled.outcome, state: settled.outcome === 'unknown' ? 'unknown' : 'refused', error: settled.error, clientToken };
  }
  draft.requestIds.push(sent.requestId);
  sentChanges.remember(key, { sent, at: ctx.now() }, verified.expiresAt.getTime());
  await ctx.progress(`Step ${call.label.step}: ${step.describe} sent; waiting for the gateway.`);
  const applied = await waitUntilApplied(step.sight, target, client, ctx, budget).catch(() => ({ done: false }));
  const state = applied.done ? 'done' : 'submitted';
  await audit.end(applied.done ? 'applied' : 'submitted', { requestIds: [sent.requestId] });
  return { step, applied: true, state, requestId: sent.requestId, clientToken };
}
