// One shutdown path for every way the server stops (signal, stdin end, transport close; stdio or HTTP):
// refuse new changes, wait for the ones in flight (writing their outcomes), then close everything in order.
import type { Logger } from '../log.js';
import type { InFlightChanges } from './in-flight.js';

/**
 * How long shutdown waits for changes in flight. The MCP SDK's stdio client ends stdin, sends SIGTERM
 * 2 s later and SIGKILL 2 s after that; 3 s fits in those 4 s with time left to write the outcomes,
 * and is far inside systemd's (90 s), Docker's (10 s) and Kubernetes' (30 s) stop timeouts.
 */
export const SHUTDOWN_GRACE_MS = 3000;

export interface ShutdownDeps {
  inFlight: InFlightChanges;
  logger: Logger;
  /**
   * Run in order after the drain: the MCP server or HTTP listener first, then what they use (runtime.ts's
   * closers: the sandbox emulator, then the audit log, which must stay open until every outcome is written).
   */
  closers: (() => Promise<void>)[];
  graceMs?: number;
}

/** Returns the idempotent shutdown function: every trigger after the first awaits the same run. */
export function createShutdown(deps: ShutdownDeps): (reason: string) => Promise<void> {
  let running: Promise<void> | undefined;
  return (reason) => {
    running ??= (async () => {
      const graceMs = deps.graceMs ?? SHUTDOWN_GRACE_MS;
      const pending = deps.inFlight.size;
      if (pending > 0) {
        deps.logger.info(`shutting down (${reason}): waiting up to ${graceMs / 1000} s for ${pending} change${pending === 1 ? '' : 's'} in flight`);
      }
      const { abandoned } = await deps.inFlight.drain(graceMs);
      if (abandoned > 0) {
        deps.logger.warn(
          `${abandoned} change${abandoned === 1 ? ' was' : 's were'} still running at the deadline: recorded as outcome unknown in the audit log; ` +
            'list the routes to see what was created',
        );
      }
      for (const close of deps.closers) await close().catch(() => {});
    })();
    return running;
  };
}
