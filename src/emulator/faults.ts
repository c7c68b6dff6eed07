// Injected faults, consumed in order by the requests of their action ('*' = any action).
import { makeRoute } from './state.js';
import type { EmulatedRoute, EmulatorRouteSeed, Fault, FaultControl } from './types.js';

interface QueuedFault {
  action: string;
  fault: Fault;
  remaining: number;
}

export class FaultQueue implements FaultControl {
  private queue: QueuedFault[] = [];

  inject(action: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    validate(fault);
    this.queue.push({ action, fault: { ...fault }, remaining: times });
  }

  clear(): void {
    this.queue = [];
  }

  /** The fault for this request, if any, consuming one use of it. */
  take(action: string): Fault | undefined {
    const index = this.queue.findIndex((q) => q.action === action || q.action === '*');
    const entry = this.queue[index];
    if (entry === undefined) return undefined;
    if (--entry.remaining === 0) this.queue.splice(index, 1);
    return entry.fault;
  }
}

function validate(fault: Fault): void {
  switch (fault.kind) {
    case 'error':
      if (typeof fault.code !== 'string' || fault.code === '') throw new TypeError('an error fault needs a code');
      return;
    case 'non-json':
    case 'lose-answer':
      return;
    case 'lose-request':
      return;
    case 'late-commit':
    case 'hang':
      if (!Number.isFinite(fault.ms) || fault.ms < 0) throw new RangeError(`a ${fault.kind} fault needs ms >= 0`);
      return;
    default:
      throw new TypeError(`unknown fault kind ${JSON.stringify((fault as { kind?: unknown }).kind)}`);
  }
}

/** The route another actor adds during a lose-request fault. */
export function foreignRoute(seed: EmulatorRouteSeed, now: number): EmulatedRoute {
  return makeRoute({ ...seed, priority: seed.priority ?? 10, publishVpc: seed.publishVpc ?? false, createTime: now });
}
