// One time budget per tool call: the idle-gateway wait, every attempt and backoff, and the apply wait
// share it, so that the honest answer reaches the client before the client gives up.
import type { VpcClient } from '../cloud/vpc-client.js';
import type { Config } from '../config.js';
import type { CallContext } from '../call-context.js';

/** Kept back from the budget to build and send the answer. */
export const ANSWER_RESERVE_MS = 300;

export interface CallBudget {
  /** Unix ms (ctx.now's clock) after which nothing new starts. */
  readonly deadline: number;
  remainingMs(): number;
  signal: AbortSignal;
}

/** When a call that starts now must stop starting work. */
export function callDeadline(config: Pick<Config, 'callBudgetSeconds'>, now: () => number): number {
  return now() + config.callBudgetSeconds * 1000 - ANSWER_RESERVE_MS;
}

export function startBudget(ctx: CallContext): CallBudget {
  const deadline = callDeadline(ctx.config, ctx.now);
  return { deadline, remainingMs: () => Math.max(0, deadline - ctx.now()), signal: ctx.signal };
}

/** The client with this budget's deadline (replacing the call's) and the call's abort signal on every request. */
export function budgeted(cloud: VpcClient, budget: CallBudget): VpcClient {
  return cloud.withOptions({ deadline: budget.deadline, signal: budget.signal });
}

/** Resolves after ms, or at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
