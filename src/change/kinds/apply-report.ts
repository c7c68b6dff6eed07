// A change set's answer from its steps' outcomes: applied, submitted (confirm again to go on) or rolled back, every
// step's `applied`, the table as it is, and the overall changesApplied (true | false | "unknown").
import { CHANGE_KINDS } from '../../domain/change-kinds.js';
import type { PlanTarget, TableRow } from '../../domain/index.js';
import { internalError } from '../../errors/factories.js';
import { failure, success, type ToolOutcome } from '../../results.js';
import type { Outcome, StepOutcome, StepsRun } from '../change-kind.js';
import { stepsView } from '../steps-view.js';
import { describePlan, planId, replan, toRows, touchedText } from './apply-plan.js';

const words = CHANGE_KINDS.apply;

export function rowsView(rows: readonly TableRow[]): Record<string, unknown>[] {
  return rows.map((r) => ({ routeSource: r.routeSource, routeDest: r.routeDest, nextHop: r.nextHop, weight: r.weight, priority: r.priority, state: r.state }));
}

const made = (s: StepOutcome) => s.state === 'done' || s.state === 'earlier' || s.state === 'submitted';

/** "step 1 (delete …) made; step 2 (…) refused (Forbidden); step 3 not sent". */
function stepsText(steps: readonly StepOutcome[]): string {
  return steps
    .map((s, i) => {
      const what = `step ${i + 1} (${s.step.describe})`;
      if (s.state === 'skipped') return `${what} not sent`;
      if (s.applied === 'unknown') return `${what} unknown: sent, its answer lost`;
      if (s.applied === false) return `${what} refused (${s.error?.code ?? 'error'})`;
      return `${what} ${s.state === 'earlier' ? 'made earlier' : s.state === 'submitted' ? 'accepted, still applying' : 'made'}`;
    })
    .join('; ');
}

export function reportPlan(target: PlanTarget, run: StepsRun): ToolOutcome {
  const common = { planId: planId(target), steps: stepsView(run.steps), ...(run.routes ? { table: rowsView(toRows(run.routes)) } : {}) };
  const what = describePlan(target);
  const anyMade = run.steps.some(made);
  if (run.end === 'done' || (run.end === 'submitted' && anyMade)) {
    const replayed = run.steps.every((s) => s.state === 'earlier');
    // In effect: the rows the plan touches are as its last step leaves them.
    const last = replan(target, run.facts)?.tables.at(-1);
    const inEffect = run.routes && last ? touchedText(target, toRows(run.routes)) === touchedText(target, last) : undefined;
    let summary: string;
    if (replayed) summary = `Already applied by an earlier confirmation of this token; nothing was sent now: ${what}.${inEffect === false ? ' Some of it is no longer in effect: see table.' : ''}`;
    else if (run.end === 'done') summary = `Applied ${what}: ${stepsText(run.steps)}. The route list confirms each step and the gateway is active again.`;
    else summary = `Submitted ${what}, not finished within this call: ${stepsText(run.steps)}. Call ${words.tool} again with the same arguments and confirmationToken to go on: it resumes after the last step made and sends no request twice.`;
    return success({
      status: run.end === 'done' ? words.doneStatus : 'submitted',
      ...common,
      clientToken: run.clientToken,
      [words.outcomeField]: true,
      ...(replayed ? { replayed: true, ...(inEffect === undefined ? {} : { stillInEffect: inEffect }) } : {}),
      summary,
    });
  }
  const undone = run.undone ?? [];
  const rolledBack = undone.length > 0 && undone.every(made);
  const outcome: Outcome =
    run.steps.some((s) => s.applied === 'unknown') || undone.some((s) => s.applied === 'unknown') ? 'unknown' : rolledBack ? false : run.steps.some((s) => s.applied === true);
  const result = failure((run.error ?? internalError()).body, { [words.outcomeField]: outcome });
  const unknownStep = run.steps.findIndex((s) => s.applied === 'unknown');
  let story = `Steps: ${stepsText(run.steps)}.`;
  if (rolledBack) story += ` Rolled back, last first: ${undone.map((s) => s.step.describe).join('; ')}; the table is as it began (see table).`;
  else if (undone.length > 0) story += ` The rollback stopped: ${stepsText(undone)}; see table for the routes as they are.`;
  else if (unknownStep >= 0) story += ` Stopped after step ${unknownStep + 1}, whose outcome is unknown: nothing was rolled back blindly. Confirm again with the same token to learn it.`;
  else if (run.steps.some((s) => s.applied === true)) story += ` onFailure is ${target.onFailure}: the steps made stay; see table.`;
  result.body.summary = `${story} ${result.body.summary}`;
  Object.assign(result.body, common, rolledBack ? { status: 'rolled_back' } : {}, undone.length > 0 ? { rolledBack: stepsView(undone) } : {});
  return result;
}
