import { describe, expect, it } from 'vitest';
import { type Admitted, createAdmission, REQUEST_SLOTS, requestSlots, requestSlotsOf, serverBusy } from '../../src/lifecycle/admission.js';

describe('admission of concurrent tool calls', () => {
  it('admits up to the bound of one key, refuses the next at once, and admits again once one left', () => {
    const admission = createAdmission({ perKey: 2, total: 10 });
    const first = admission.enter('alice') as Admitted;
    admission.enter('alice');
    expect(admission.enter('alice')).toEqual({ refused: 'key', limit: 2 });
    expect(admission.enter('bob').refused).toBeUndefined();
    first.leave();
    first.leave();
    expect(admission.running).toBe(2);
    expect(admission.enter('alice').refused).toBeUndefined();
    expect(admission.enter('alice')).toEqual({ refused: 'key', limit: 2 });
  });

  it('refuses past the total of all keys together, whoever asks', () => {
    const admission = createAdmission({ perKey: 2, total: 3 });
    for (const key of ['a', 'a', 'b']) expect(admission.enter(key).refused).toBeUndefined();
    expect(admission.enter('c')).toEqual({ refused: 'total', limit: 3 });
    expect(admission.running).toBe(3);
  });

  it('takes several slots all or none (a body of several tool calls)', () => {
    const admission = createAdmission({ perKey: 8, total: 32 });
    expect(admission.enter('alice', 9)).toEqual({ refused: 'key', limit: 8 });
    expect(admission.running).toBe(0);
    const five = admission.enter('alice', 5) as Admitted;
    expect(admission.enter('alice', 4)).toEqual({ refused: 'key', limit: 8 });
    expect(admission.enter('alice', 3).refused).toBeUndefined();
    five.leave();
    expect(admission.running).toBe(3);
  });

  it('keys by identity: two connections with equal contents are two keys', () => {
    const admission = createAdmission({ perKey: 1, total: 10 });
    expect(admission.enter({}).refused).toBeUndefined();
    expect(admission.enter({}).refused).toBeUndefined();
  });

  it('tells a refused call it may retry and that nothing was started', () => {
    const body = serverBusy({ refused: 'key', limit: 16 }, 'connection').body;
    expect(body).toMatchObject({ code: 'ServerBusy', retryable: true, source: 'internal' });
    expect(body.message).toMatch(/at most 16 tool calls of one connection at once/);
    expect(body.message).toMatch(/not started/);
    expect(serverBusy({ refused: 'total', limit: 32 }, 'connection').body.message).toMatch(/at most 32 tool calls at once on this server/);
  });

  it("an HTTP request's slots: the handler that claims them frees them when done, not when the client hangs up", () => {
    const admission = createAdmission({ perKey: 1, total: 10 });
    const admitted = admission.enter('alice');
    if (admitted.refused) throw new Error('refused');
    const slots = requestSlots(admitted);
    expect(slots.claim()).toBe(true);
    slots.requestClosed();
    expect(admission.running).toBe(1);
    expect(admission.enter('alice').refused).toBe('key');
    slots.handlerDone();
    slots.handlerDone();
    expect(admission.running).toBe(0);
  });

  it('a request its handler never reached frees its slots when the exchange ends, and a late handler cannot claim them', () => {
    const admission = createAdmission({ perKey: 1, total: 10 });
    const admitted = admission.enter('alice');
    if (admitted.refused) throw new Error('refused');
    const slots = requestSlots(admitted);
    slots.requestClosed();
    expect(admission.running).toBe(0);
    expect(slots.claim()).toBe(false);
    expect(requestSlotsOf({ [REQUEST_SLOTS]: slots })).toBe(slots);
    expect(requestSlotsOf({ principal: 'alice' })).toBeUndefined();
  });
});
