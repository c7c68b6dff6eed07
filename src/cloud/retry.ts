// Retries of retryable failures: capped exponential backoff with full jitter, never past the caller's
// deadline and never after the caller cancelled (an attempt already sent is left to finish).
import { type AppError, isAppError } from '../errors/app-error.js';
import { callBudgetExceeded, cancelled } from '../errors/factories.js';
import type { Logger } from '../log.js';
import { sleep } from '../util.js';
import { retryLimitFor } from './error-codes.js';

export interface RetryPolicy {
  /** Total attempts, the first included; 1 = no retry. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger: Logger;
}

/** What the caller allows this logical call: checked before every attempt and every backoff. */
export interface RetryLimits {
  signal?: AbortSignal;
  /** Unix ms after which no attempt starts and no backoff ends. */
  deadline?: number;
  now?: () => number;
  /** Told of every failed attempt (e.g. to know whether any answer was lost). */
  onAttemptFailed?: (error: AppError, attemptNumber: number) => void;
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 5000 } as const;

export const defaultSleep = sleep;

/** Less than this left of the budget is not worth an attempt: its answer could not arrive in time. */
export const MIN_ATTEMPT_MS = 200;

/** Full jitter: a uniform wait in [0, min(cap, base * 2^(retry-1))), so busy clients spread out. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs' | 'random'>): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(policy.random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable AppError, or maxAttempts is spent;
 * throws the last failure. The caller passes the same parameters on every attempt (one ClientToken).
 * `attempt` gets the time left for its request (undefined = no deadline). Throws Cancelled or
 * CallBudgetExceeded instead of starting an attempt the caller no longer wants or can wait for.
 */
export async function withRetry<T>(
  action: string,
  policy: RetryPolicy,
  attempt: (attemptNumber: number, timeLeftMs: number | undefined) => Promise<T>,
  limits: RetryLimits = {},
): Promise<T> {
  const now = limits.now ?? Date.now;
  const timeLeft = () => (limits.deadline === undefined ? undefined : limits.deadline - now());
  const failuresByCode = new Map<string, number>();
  let last: AppError | undefined;
  for (let n = 1; ; n++) {
    if (limits.signal?.aborted) throw cancelled(action, last?.code);
    const left = timeLeft();
    if (left !== undefined && left < MIN_ATTEMPT_MS) throw callBudgetExceeded(action, last?.code);
    try {
      return await attempt(n, left);
    } catch (err) {
      if (!isAppError(err)) throw err;
      last = err;
      limits.onAttemptFailed?.(err, n);
      const failures = (failuresByCode.get(err.code) ?? 0) + 1;
      failuresByCode.set(err.code, failures);
      if (!shouldRetry(err, n, failures, policy.maxAttempts)) throw err;
      const delayMs = backoffDelay(n, policy);
      const leftAfter = timeLeft();
      if (leftAfter !== undefined && leftAfter - delayMs < MIN_ATTEMPT_MS) throw callBudgetExceeded(action, err.code);
      // Code and attempt only: messages may come from the API.
      policy.logger.warn('retrying VPC API call', {
        action,
        code: err.code,
        attempt: n,
        maxAttempts: policy.maxAttempts,
        delayMs,
      });
      await sleepUnlessAborted(policy.sleep, delayMs, limits.signal);
    }
  }
}

async function sleepUnlessAborted(sleepFor: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleepFor(ms);
  if (signal.aborted) return;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleepFor(ms), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function shouldRetry(err: AppError, attemptNumber: number, failuresOfCode: number, maxAttempts: number): boolean {
  if (!err.retryable || attemptNumber >= maxAttempts) return false;
  const limit = err.body.source === 'cloud' ? retryLimitFor(err.code) : Number.POSITIVE_INFINITY;
  return failuresOfCode <= limit;
}
