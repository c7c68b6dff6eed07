// The per-process record of accepted sends that tells this process's replays: kept until the token expires, bounded.
import { describe, expect, it } from 'vitest';
import { SentChanges, sentChangeKey } from '../../src/change/sent-changes.js';

const sent = (n: number) => ({ sent: { requestId: `req-${n}` }, at: 0 });

describe('SentChanges', () => {
  it('remembers an accepted send until its token expires, then forgets it', () => {
    const record = new SentChanges();
    const key = sentChangeKey('target', 'DeleteVpnPbrRouteEntry', 'pbr-1');
    record.remember(key, sent(1), 1000);
    expect(record.get(key, 999)?.sent.requestId).toBe('req-1');
    expect(record.get(sentChangeKey('target', 'CreateVpnPbrRouteEntry', 'pbr-1'), 999)).toBeUndefined();
    expect(record.get(key, 1000)).toBeUndefined();
    expect(record.size).toBe(0);
  });

  it('holds at most its bound, dropping the oldest', () => {
    const record = new SentChanges(3);
    for (let n = 1; n <= 5; n++) record.remember(`k${n}`, sent(n), 10_000);
    expect(record.size).toBe(3);
    expect(record.get('k1', 0)).toBeUndefined();
    expect(record.get('k5', 0)?.sent.requestId).toBe('req-5');
  });
});
