// The changes that may be reaching the API right now, so that shutdown can wait for their outcome.
// A change registers just before it is sent (audit/audited.ts auditBeforeChange) and is done once its
// outcome line is written; drain() waits for them and, at its deadline, has each one still running write
// an `unknown` outcome, so the audit never ends at `sending` because the process went away.
import { AppError } from '../errors/app-error.js';

export interface InFlightChange {
  /** The change's outcome is recorded: shutdown no longer waits for it. Idempotent. */
  done(): void;
}

export interface DrainReport {
  /** Changes that finished within the grace period. */
  settled: number;
  /** Changes still running at the deadline: their `unknown` outcome was written instead. */
  abandoned: number;
}

export interface InFlightChanges {
  /** Aborted when shutdown begins: waits end early and no new change starts. */
  readonly shutdownSignal: AbortSignal;
  readonly size: number;
  /**
   * Registers a change about to be sent. `onAbandoned` records its outcome as unknown if shutdown's
   * grace period ends first. Throws AppError `ShuttingDown` once shutdown has begun (nothing is sent).
   */
  begin(onAbandoned: () => Promise<void>): InFlightChange;
  /** Refuses new changes and waits up to graceMs for the registered ones. Safe to call more than once. */
  drain(graceMs: number): Promise<DrainReport>;
}

export function shuttingDown(): AppError {
  return new AppError({
    code: 'ShuttingDown',
    message: 'The server is shutting down, so the change was not sent.',
    retryable: true,
    source: 'internal',
    hint: 'call again once the server runs again; the same confirmationToken still works until it expires',
  });
}

export function createInFlightChanges(): InFlightChanges {
  const shutdown = new AbortController();
  const running = new Map<number, { onAbandoned: () => Promise<void>; finished: Promise<void>; finish: () => void }>();
  let nextId = 0;
  let draining: Promise<DrainReport> | undefined;

  return {
    shutdownSignal: shutdown.signal,
    get size() {
      return running.size;
    },
    begin(onAbandoned) {
      if (shutdown.signal.aborted) throw shuttingDown();
      const id = nextId++;
      let finish = () => {};
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      running.set(id, { onAbandoned, finished, finish });
      return {
        done() {
          running.get(id)?.finish();
          running.delete(id);
        },
      };
    },
    drain(graceMs) {
      draining ??= (async () => {
        shutdown.abort();
        const total = running.size;
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        });
        await Promise.race([Promise.all([...running.values()].map((c) => c.finished)), deadline]);
        clearTimeout(timer);
        const left = [...running.values()];
        running.clear();
        // Each failure is already logged by the writer; one lost line must not stop the others.
        await Promise.all(left.map((c) => c.onAbandoned().catch(() => {})));
        return { settled: total - left.length, abandoned: left.length };
      })();
      return draining;
    },
  };
}
