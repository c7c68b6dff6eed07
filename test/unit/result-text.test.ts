import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/tools/cursor.js';
import { resultText } from '../../src/tools/result-text.js';

describe('result text', () => {
  const body = {
    routes: [
      { routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', weight: 100 },
      { routeSource: '192.168.2.0/24', routeDest: '10.0.1.0/24', weight: 0 },
    ],
    gateway: { status: 'active' },
    empty: [],
    summary: '2 routes',
  };

  it('is the same JSON as the structured content', () => {
    expect(JSON.parse(resultText(body))).toEqual(body);
  });

  it('puts the summary first and each listed item on one line, without indentation', () => {
    const lines = resultText(body).split('\n');
    expect(lines[0]).toBe('{"summary":"2 routes",');
    expect(lines.filter((l) => l.includes('"routeSource"'))).toHaveLength(2);
    const hundred = { summary: 'x', routes: Array.from({ length: 100 }, (_, i) => ({ ...body.routes[0], nextHop: `vco-${i}`, priority: 10, state: 'published', createTime: '2026-12-01T10:00:00.000Z' })) };
    expect(resultText(hundred).length).toBeLessThan(JSON.stringify(hundred, null, 2).length * 0.75);
  });
});

describe('cursors', () => {
  const listing = ['cn-hangzhou', 'vpn-a', undefined, '10.0.0.0/8', undefined, 'within'];

  it('round-trips an offset for the same listing', () => {
    expect(decodeCursor(encodeCursor(100, listing), listing)).toBe(100);
  });

  it.each([
    ['another listing', encodeCursor(100, ['cn-hangzhou', 'vpn-b']), /other arguments/],
    ['garbage', 'not-a-cursor', /not a cursor/],
    ['a negative offset', Buffer.from(JSON.stringify({ o: -1, k: 'x' })).toString('base64url'), /not a cursor/],
  ])('refuses %s with InvalidParameter.Cursor', (_name, cursor, message) => {
    expect(() => decodeCursor(cursor, listing)).toThrow(message);
    try {
      decodeCursor(cursor, listing);
    } catch (error) {
      expect((error as { body: { code: string; field: string } }).body).toMatchObject({ code: 'InvalidParameter.Cursor', field: 'cursor' });
    }
  });
});
