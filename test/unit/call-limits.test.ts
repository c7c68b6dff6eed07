// The HTTP limits per principal, in-process: messages counted one by one, the rate window, and the middleware's answers.
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { limitCalls } from '../../src/http/call-limits.js';
import { countMessages, createRateWindow } from '../../src/http/rate-limit.js';
import { createAdmission } from '../../src/lifecycle/admission.js';

const call = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'listVpnGateways', arguments: {} } });
const list = { jsonrpc: '2.0', id: 9, method: 'tools/list' };

describe('countMessages', () => {
  it.each([
    ['one tool call', call(1), { toolCalls: 1, other: 0 }],
    ['tools/list', list, { toolCalls: 0, other: 1 }],
    ['a notification', { jsonrpc: '2.0', method: 'notifications/initialized' }, { toolCalls: 0, other: 1 }],
    ['an array of 100 tool calls', Array.from({ length: 100 }, (_, i) => call(i)), { toolCalls: 100, other: 0 }],
    ['a mixed array', [call(1), list, call(2), 'junk'], { toolCalls: 2, other: 2 }],
    ['a body that is not an object', 'text', { toolCalls: 0, other: 1 }],
  ])('%s', (_name, body, expected) => {
    expect(countMessages(body)).toEqual(expected);
  });
});

describe('createRateWindow', () => {
  it('allows the limit per key and minute, all or none, then says when the window starts over', () => {
    let now = 1_000_000;
    const window = createRateWindow(3, () => now);
    expect(window.take('alice', 2)).toBeUndefined();
    expect(window.take('alice', 2)).toBe(60);
    expect(window.take('alice', 1)).toBeUndefined();
    expect(window.take('bob', 3)).toBeUndefined();
    now += 45_500;
    expect(window.take('alice', 1)).toBe(15);
    now += 14_500;
    expect(window.take('alice', 3)).toBeUndefined();
  });
});

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
  passed: boolean;
  close(): void;
}

function send(handler: ReturnType<typeof limitCalls>, principal: string, body: unknown): Answer {
  const closers: (() => void)[] = [];
  const answer: Answer = { headers: {}, passed: false, close: () => {
      for (const c of closers) c();
    } };
  const res = {
    set(name: string, value: string) {
      answer.headers[name] = value;
      return res;
    },
    status(code: number) {
      answer.status = code;
      return res;
    },
    json(value: unknown) {
      answer.body = value;
      return res;
    },
    once(event: string, listener: () => void) {
      if (event === 'close') closers.push(listener);
      return res;
    },
  };
  const req = { body, auth: { extra: { principal } } };
  handler(req as unknown as Request, res as unknown as Response, () => {
    answer.passed = true;
  });
  return answer;
}

describe('limitCalls', () => {
  it('refuses a caller over its running calls with 429 and Retry-After, without using up its rate, and frees slots on close', () => {
    const refused: string[] = [];
    const handler = limitCalls({ ratePerMinute: 4, admission: createAdmission({ perKey: 2, total: 10 }), onRefused: (c) => refused.push(c), now: () => 0 });
    const running = [send(handler, 'alice', call(1)), send(handler, 'alice', call(2))];
    expect(running.every((a) => a.passed)).toBe(true);
    const busy = send(handler, 'alice', call(3));
    expect(busy).toMatchObject({ passed: false, status: 429, headers: { 'Retry-After': '1' } });
    expect(busy.body).toMatchObject({ error: { code: -32000, message: expect.stringMatching(/at most 2 tool calls of one caller at once/) } });
    expect(send(handler, 'bob', call(4)).passed).toBe(true);
    for (const answer of running) answer.close();
    for (const id of [5, 6]) {
      const answer = send(handler, 'alice', call(id));
      expect(answer.passed).toBe(true);
      answer.close();
    }
    // Four tool calls admitted: the busy refusal did not count.
    const limited = send(handler, 'alice', call(7));
    expect(limited).toMatchObject({ passed: false, status: 429, headers: { 'Retry-After': '60' } });
    expect(refused).toEqual(['ServerBusy', 'RateLimited']);
  });

  it('counts a body\'s tool calls one by one, and other messages apart', () => {
    const handler = limitCalls({ ratePerMinute: 3, admission: createAdmission({ perKey: 100, total: 100 }), now: () => 0 });
    expect(send(handler, 'alice', [call(1), call(2), call(3), call(4)]).status).toBe(429);
    for (let i = 0; i < 15; i++) expect(send(handler, 'alice', list).passed).toBe(true);
    expect(send(handler, 'alice', list).status).toBe(429);
    expect(send(handler, 'alice', [call(1), call(2), call(3)]).passed).toBe(true);
    expect(send(handler, 'alice', call(4)).status).toBe(429);
  });
});
