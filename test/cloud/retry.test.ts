import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { backoffDelay, type RetryPolicy, withRetry } from '../../src/cloud/retry.js';
import type { Logger } from '../../src/log.js';

function recordingLogger(lines: string[]): Logger {
  const log = (message: string, fields?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { debug: log, info: log, warn: log, error: log };
}

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return {
    maxAttempts: 5,
    baseMs: 100,
    capMs: 1000,
    random: () => 1,
    sleep: async (ms) => {
      slept.push(ms);
    },
    logger: recordingLogger([]),
    slept,
    ...overrides,
  };
}

const cloudError = (code: string, retryable: boolean, httpStatus = 400) =>
  new AppError({ code, message: `m ${code}`, retryable, source: 'cloud', httpStatus });

describe('backoffDelay', () => {
  it('doubles from base up to the cap, scaled by the random draw (full jitter)', () => {
    const p = { baseMs: 100, capMs: 1000, random: () => 1 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, { ...p, random: () => 0.5 })).toBe(200);
    expect(backoffDelay(3, { ...p, random: () => 0 })).toBe(0);
  });
});

describe('withRetry', () => {
  it('retries retryable failures with backoff until success', async () => {
    const p = policy();
    let calls = 0;
    const result = await withRetry('Act', p, async (n) => {
      calls++;
      if (n < 3) throw cloudError('VpnGateway.Configuring', true);
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(p.slept).toEqual([100, 200]);
  });

  it('stops after maxAttempts and throws the last failure', async () => {
    const p = policy({ maxAttempts: 3 });
    let calls = 0;
    const failure = withRetry('Act', p, async () => {
      calls++;
      throw cloudError('Throttling.User', true);
    });
    await expect(failure).rejects.toMatchObject({ code: 'Throttling.User' });
    expect(calls).toBe(3);
  });

  it('does not retry non-retryable failures or foreign exceptions', async () => {
    let calls = 0;
    await expect(
      withRetry('Act', policy(), async () => {
        calls++;
        throw cloudError('VpnRouteEntry.Conflict', false);
      }),
    ).rejects.toMatchObject({ code: 'VpnRouteEntry.Conflict' });
    expect(calls).toBe(1);
    await expect(withRetry('Act', policy(), async () => Promise.reject(new TypeError('x')))).rejects.toBeInstanceOf(
      TypeError,
    );
  });

  it('retries an API InternalError at most twice', async () => {
    let calls = 0;
    await expect(
      withRetry('Act', policy({ maxAttempts: 10 }), async () => {
        calls++;
        throw cloudError('InternalError', true, 500);
      }),
    ).rejects.toMatchObject({ code: 'InternalError' });
    expect(calls).toBe(3);
  });

  it('logs each retry with the code and attempt only', async () => {
    const lines: string[] = [];
    const p = policy({ maxAttempts: 2, logger: recordingLogger(lines) });
    await expect(
      withRetry('Act', p, async () => {
        throw cloudError('TaskConflict', true);
      }),
    ).rejects.toBeInstanceOf(AppError);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"code":"TaskConflict"');
    expect(lines[0]).toContain('"attempt":1');
    expect(lines[0]).not.toContain('m TaskConflict');
  });

  it('starts no attempt once the caller cancelled, and tells the observer of every failed one', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    let calls = 0;
    const err = await withRetry('Act', policy(), async () => {
      calls++;
      throw cloudError('VpnGateway.Configuring', true);
    }, { signal: controller.signal, onAttemptFailed: (_e, n) => { seen.push(n); controller.abort(); } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'Cancelled', retryable: true });
    expect(calls).toBe(1);
    expect(seen).toEqual([1]);
  });

  it('gives each attempt what is left of the deadline, and starts none (nor a backoff) past it', async () => {
    let clock = 0;
    const left: (number | undefined)[] = [];
    const p = policy({ baseMs: 400, capMs: 400, sleep: async (ms) => { clock += ms; } });
    const err = await withRetry('Act', p, async (_n, timeLeftMs) => {
      left.push(timeLeftMs);
      clock += 300;
      throw cloudError('Throttling', true);
    }, { deadline: 1000, now: () => clock }).catch((e: unknown) => e);
    expect(left).toEqual([1000, 300]);
    expect(err).toMatchObject({ code: 'CallBudgetExceeded', retryable: true });
  });
});
