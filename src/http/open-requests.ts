// Counts the MCP requests being answered, so that shutdown can let their answers reach the clients
// before it closes the connections (the changes themselves are drained by lifecycle/in-flight.ts).
import type { RequestHandler } from 'express';

export interface OpenRequests {
  track: RequestHandler;
  readonly count: number;
  /** Resolves when no request is in flight, or after `limitMs`; true when none is left. */
  drained(limitMs: number): Promise<boolean>;
}

export function createOpenRequests(): OpenRequests {
  let count = 0;
  let waiters: (() => void)[] = [];
  const done = () => {
    count--;
    if (count === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  return {
    track: (_req, res, next) => {
      count++;
      res.once('close', done);
      next();
    },
    get count() {
      return count;
    },
    async drained(limitMs) {
      if (count === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((wake) => waiters.push(wake)),
        new Promise<void>((wake) => {
          timer = setTimeout(wake, limitMs);
        }),
      ]);
      clearTimeout(timer);
      return count === 0;
    },
  };
}
