// A modify's answer from its steps' outcomes: modified or submitted with the route as listed afterwards and `undo`;
// a replay that says so; or the error with routeModified (true when a step was made before another failed).
import { CHANGE_KINDS } from '../../domain/change-kinds.js';
import type { ModifyTarget } from '../../domain/types.js';
import { internalError } from '../../errors/factories.js';
import { failure, success, type ToolOutcome } from '../../results.js';
import type { Outcome, StepsRun } from '../change-kind.js';
import { stepsView } from '../steps-view.js';
import { describeListed, listedView } from '../listed-route.js';
import { findListed } from '../route-facts.js';
import { identityOf } from '../find-route.js';
import type { PbrRoute } from '../../cloud/vpc-client.js';
import { describeIdentity } from './delete-route.js';
import { changesText, planFromFacts, undoModify } from './modify-plan.js';

const words = CHANGE_KINDS.modify;

export function routeView(target: ModifyTarget, listed: PbrRoute | undefined): Record<string, unknown> {
  return { regionId: target.regionId, vpnGatewayId: target.vpnGatewayId, ...(listed ? listedView(listed) : {}) };
}

export function reportModify(target: ModifyTarget, run: StepsRun): ToolOutcome {
  const plan = planFromFacts(target, run.facts);
  const changed = plan ? changesText(plan.changes) : 'the change';
  const listed = run.routes && findListed({ ...target, priority: undefined }, run.routes);
  const what = describeIdentity(identityOf(target));
  const made = run.steps.filter((s) => s.applied === true);
  const requestId = [...run.steps].reverse().find((s) => s.requestId)?.requestId;
  const common = { route: routeView(target, listed), steps: stepsView(run.steps), ...(plan ? { undo: undoModify(target, plan) } : {}) };
  if (run.end === 'done' || (run.end === 'submitted' && made.length > 0)) {
    const replayed = run.steps.every((s) => s.state === 'earlier');
    const inEffect = run.routes ? run.steps.every((s) => s.step.sight(run.routes ?? []).state === 'applied') : undefined;
    let summary: string;
    if (replayed) {
      const now = inEffect === false && listed ? ` and no longer in effect: the gateway lists ${describeListed(listed)}` : '';
      summary = `Already modified by an earlier confirmation of this token (${changed})${now}; nothing was sent now: ${what}.`;
    } else if (run.end === 'done') {
      summary = `Modified ${what}: ${changed}. The route list confirms it and the gateway is active again.`;
    } else {
      const left = run.steps.filter((s) => s.applied !== true).map((s) => s.step.describe);
      const rest = left.length > 0 ? ` Not sent yet: ${left.join('; ')}.` : '';
      summary =
        `Submitted ${what}: ${changed}. The API accepted ${made.map((s) => s.step.action).join(' and ')} but the gateway had not finished within this call.${rest} ` +
        `Call ${words.tool} again with the same arguments and confirmationToken to follow it (it sends no request twice); do not start over.`;
    }
    return success({
      status: run.end === 'done' ? words.doneStatus : 'submitted',
      ...common,
      requestId,
      clientToken: run.clientToken,
      [words.outcomeField]: true,
      ...(replayed ? { replayed: true, ...(inEffect === undefined ? {} : { stillInEffect: inEffect }) } : {}),
      summary,
    });
  }
  const outcome: Outcome = run.steps.some((s) => s.applied === 'unknown') ? 'unknown' : made.length > 0;
  const error = run.error ?? internalError();
  const result = failure(error.body, { [words.outcomeField]: outcome });
  if (outcome === true) {
    result.body.summary = `${result.body.summary} Made before it stopped: ${made.map((s) => s.step.describe).join('; ')}; the route is now as listed in route, and undo puts it back.`;
  }
  Object.assign(result.body, common);
  return result;
}
