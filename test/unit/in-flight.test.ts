import { describe, expect, it } from 'vitest';
import { createInFlightChanges } from '../../src/lifecycle/in-flight.js';

describe('in-flight changes', () => {
  it('drain waits for a change that finishes within the grace period', async () => {
    const inFlight = createInFlightChanges();
    const abandoned: string[] = [];
    const change = inFlight.begin(async () => void abandoned.push('a'));
    setTimeout(() => change.done(), 20);
    expect(await inFlight.drain(5_000)).toEqual({ settled: 1, abandoned: 0 });
    expect(abandoned).toEqual([]);
  });

  it('has each change still running at the deadline record its outcome, and refuses new ones', async () => {
    const inFlight = createInFlightChanges();
    const abandoned: string[] = [];
    inFlight.begin(async () => void abandoned.push('a'));
    inFlight.begin(async () => {
      throw new Error('a lost line does not stop the others');
    });
    expect(inFlight.shutdownSignal.aborted).toBe(false);
    const report = await inFlight.drain(10);
    expect(report).toEqual({ settled: 0, abandoned: 2 });
    expect(abandoned).toEqual(['a']);
    expect(inFlight.shutdownSignal.aborted).toBe(true);
    expect(() => inFlight.begin(async () => {})).toThrow(expect.objectContaining({ code: 'ShuttingDown' }));
    expect(await inFlight.drain(10)).toBe(report);
  });
});
