// How many tool calls may run at once: per key (a principal over HTTP, a connection over stdio) and in
// the whole process. A call over either bound is refused at once, never queued: a queue of thousands of
// calls each holding a 1,000-route listing is how one caller exhausted the heap (issue 16). Calls
// already admitted (changes in flight among them) are never cut: the bounds only turn new ones away.
import { AppError } from '../errors/app-error.js';

export interface AdmissionLimits {
  /** Calls one key may have running at once. */
  perKey: number;
  /** Calls all keys together may have running at once. */
  total: number;
}

/** The admitted calls' slots; leave() gives them back (idempotent). */
export interface Admitted {
  refused?: undefined;
  leave(): void;
}

export interface Refused {
  /** Which bound was reached: this key's or the whole process's. */
  refused: 'key' | 'total';
  /** That bound. */
  limit: number;
}

export interface Admission {
  /** Calls running now, all keys together. */
  readonly running: number;
  /** Takes `count` slots for `key` (all or none); never waits. */
  enter(key: unknown, count?: number): Admitted | Refused;
}

/**
 * An HTTP request's slots, taken before the MCP handler runs (http/call-limits.ts). The tool call's handler takes
 * them over and gives them back when its work is done: a client that goes away does not end that work on every
 * protocol revision (2025 stateless HTTP does not cancel it), so the slots must not be freed with the connection.
 * A request whose handler never ran gives them back when its answer is sent or its client goes away.
 */
export interface RequestSlots {
  /** The handler takes the slots over; false when the request already gave them back (its client is gone). */
  claim(): boolean;
  /** The handler's work is done. */
  handlerDone(): void;
  /** The HTTP exchange ended (answered, or the client went away). */
  requestClosed(): void;
}

/** Where a request's slots travel to the handler: the request's AuthInfo `extra`, which the SDK hands on as it is. */
export const REQUEST_SLOTS = 'alicloud-vpn-pbr-mcp/requestSlots';

/** The slots a request carries (HTTP), if any. */
export function requestSlotsOf(extra: Record<string, unknown> | undefined): RequestSlots | undefined {
  const slots = extra?.[REQUEST_SLOTS];
  return typeof slots === 'object' && slots !== null && 'claim' in slots ? (slots as RequestSlots) : undefined;
}

export function requestSlots(admitted: Admitted): RequestSlots {
  let holder: 'request' | 'handler' | 'none' = 'request';
  const giveBack = (from: 'request' | 'handler') => {
    if (holder !== from) return;
    holder = 'none';
    admitted.leave();
  };
  return {
    claim() {
      if (holder !== 'request') return false;
      holder = 'handler';
      return true;
    },
    handlerDone: () => giveBack('handler'),
    requestClosed: () => giveBack('request'),
  };
}

/** Seconds a refused caller is told to wait: calls usually take well under that. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

export function createAdmission(limits: AdmissionLimits): Admission {
  const byKey = new Map<unknown, number>();
  let running = 0;
  return {
    get running() {
      return running;
    },
    enter(key, count = 1) {
      const mine = byKey.get(key) ?? 0;
      if (mine + count > limits.perKey) return { refused: 'key', limit: limits.perKey };
      if (running + count > limits.total) return { refused: 'total', limit: limits.total };
      byKey.set(key, mine + count);
      running += count;
      let left = false;
      return {
        leave() {
          if (left) return;
          left = true;
          running -= count;
          const rest = (byKey.get(key) ?? count) - count;
          if (rest > 0) byKey.set(key, rest);
          else byKey.delete(key);
        },
      };
    },
  };
}

/** What a refused call is told; `per` names the key's kind ("caller", "connection"). */
export function describeRefusal(refusal: Refused, per: string): string {
  return refusal.refused === 'key'
    ? `at most ${refusal.limit} tool calls of one ${per} at once`
    : `at most ${refusal.limit} tool calls at once on this server, all callers together`;
}

/** The tool result of a refused call (stdio): retryable, and nothing was started. */
export function serverBusy(refusal: Refused, per: string): AppError {
  return new AppError({
    code: 'ServerBusy',
    message: `The server is busy (${describeRefusal(refusal, per)}), so this call was not started.`,
    retryable: true,
    source: 'internal',
    hint: `retry in a moment (about ${BUSY_RETRY_AFTER_SECONDS} s), once one of the calls already running has been answered`,
  });
}
