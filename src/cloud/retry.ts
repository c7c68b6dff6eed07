// Retries of retryable failures: capped exponential backoff with full jitter.
import { type AppError, isAppError } from '../errors/app-error.js';
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

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 5000 } as const;

export const defaultSleep = sleep;

/** Full jitter: a uniform wait in [0, min(cap, base * 2^(retry-1))), so busy clients spread out. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs' | 'random'>): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(policy.random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable AppError, or maxAttempts is spent;
 * throws the last failure. The caller passes the same parameters on every attempt (one ClientToken).
 */
export async function withRetry<T>(
  action: string,
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  const failuresByCode = new Map<string, number>();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!isAppError(err)) throw err;
      const failures = (failuresByCode.get(err.code) ?? 0) + 1;
      failuresByCode.set(err.code, failures);
      if (!shouldRetry(err, n, failures, policy.maxAttempts)) throw err;
      const delayMs = backoffDelay(n, policy);
      // Code and attempt only: messages may come from the API.
      policy.logger.warn('retrying VPC API call', {
        action,
        code: err.code,
        attempt: n,
        maxAttempts: policy.maxAttempts,
        delayMs,
      });
      await policy.sleep(delayMs);
    }
  }
}

function shouldRetry(err: AppError, attemptNumber: number, failuresOfCode: number, maxAttempts: number): boolean {
  if (!err.retryable || attemptNumber >= maxAttempts) return false;
  const limit = err.body.source === 'cloud' ? retryLimitFor(err.code) : Number.POSITIVE_INFINITY;
  return failuresOfCode <= limit;
}
