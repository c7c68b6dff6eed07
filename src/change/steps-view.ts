// Steps of a change made in several requests as results show them: planned (the preview), or what became of each.
import { stripUndefined } from '../util.js';
import type { Step, StepOutcome } from './change-kind.js';

export interface StepView {
  step: number;
  action: string;
  describe: string;
  inserted?: string;
}

export function stepsPreview(steps: readonly Step[]): StepView[] {
  return steps.map((s, i) => stripUndefined({ step: i + 1, action: s.action, describe: s.describe, inserted: s.inserted }));
}

export function stepsView(steps: readonly StepOutcome[]): Record<string, unknown>[] {
  return steps.map((s, i) =>
    stripUndefined({ step: i + 1, action: s.step.action, describe: s.step.describe, inserted: s.step.inserted, applied: s.applied, state: s.state, requestId: s.requestId, errorCode: s.error?.code }),
  );
}
