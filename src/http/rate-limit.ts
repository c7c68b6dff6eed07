// The rate limit counts tool calls, not HTTP requests (issue 16): a body's messages are counted one by one
// (an array of 100 tools/call messages is 100), per principal, in a window of one minute, in memory per replica.

/** The messages of one POST body: its tool calls, and the rest (initialize, tools/list, notifications, answers). */
export function countMessages(body: unknown): { toolCalls: number; other: number } {
  const messages = Array.isArray(body) ? body : [body];
  let toolCalls = 0;
  for (const message of messages) {
    if (typeof message === 'object' && message !== null && (message as { method?: unknown }).method === 'tools/call') toolCalls++;
  }
  return { toolCalls, other: messages.length - toolCalls };
}

const RATE_WINDOW_MS = 60_000;

export interface RateWindow {
  /** Counts `count` uses for `key`, all or none: undefined when allowed, else the seconds until its window starts over. */
  take(key: string, count: number): number | undefined;
}

/** At most `limit` uses per key in each window, which starts at the key's first use after the last one ended. */
export function createRateWindow(limit: number, now: () => number = Date.now): RateWindow {
  const windows = new Map<string, { until: number; used: number }>();
  let sweepAt = 0;
  return {
    take(key, count) {
      const t = now();
      // Ended windows are dropped once per window, so callers that went away are forgotten.
      if (t >= sweepAt) {
        for (const [k, w] of windows) if (w.until <= t) windows.delete(k);
        sweepAt = t + RATE_WINDOW_MS;
      }
      let window = windows.get(key);
      if (window === undefined || window.until <= t) {
        window = { until: t + RATE_WINDOW_MS, used: 0 };
        windows.set(key, window);
      }
      if (window.used + count > limit) return Math.max(1, Math.ceil((window.until - t) / 1000));
      window.used += count;
      return undefined;
    },
  };
}
