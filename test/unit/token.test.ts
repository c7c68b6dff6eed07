import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueConfirmationToken, verifyConfirmationToken } from '../../src/confirm/token.js';
import type { RouteSpec } from '../../src/domain/types.js';
import { AppError } from '../../src/errors/app-error.js';

const route: RouteSpec = {
  regionId: 'cn-hangzhou',
  vpnGatewayId: 'vpn-abc',
  routeSource: '192.168.1.0/24',
  routeDest: '10.0.0.0/24',
  nextHop: 'vco-abc',
  weight: 100,
  publishVpc: true,
};
const secret = Buffer.from('0123456789abcdef0123456789abcdef');
const keys = { secret, ttlSeconds: 600, target: 'server-a', now: () => 1_700_000_000_000 };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('confirmation tokens', () => {
  it('verifies for exactly the same route and derives a stable client token', () => {
    const { token, expiresAt } = issueConfirmationToken(route, 'REQ-1', keys);
    expect(expiresAt.toISOString()).toBe(new Date(1_700_000_600_000).toISOString());
    const a = verifyConfirmationToken(token, { ...route }, keys);
    const b = verifyConfirmationToken(token, { ...route }, keys);
    expect(a.clientToken).toBe(b.clientToken);
    expect(a.clientToken).toMatch(/^[\x21-\x7e]{1,64}$/);
    expect(a.dryRunRequestId).toBe('REQ-1');
  });

  it('gives two dry runs of the same route different client tokens', () => {
    const first = issueConfirmationToken(route, 'REQ-1', keys).token;
    const second = issueConfirmationToken(route, 'REQ-2', keys).token;
    expect(verifyConfirmationToken(first, route, keys).clientToken).not.toBe(verifyConfirmationToken(second, route, keys).clientToken);
  });

  it('is accepted by another process that shares the secret', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const other = { secret: Buffer.from(secret), ttlSeconds: 60, target: 'server-a', now: keys.now };
    expect(verifyConfirmationToken(token, route, other).clientToken).toBe(verifyConfirmationToken(token, route, keys).clientToken);
  });

  it('refuses other arguments and names every differing field', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const error = refusal(() => verifyConfirmationToken(token, { ...route, routeDest: '10.0.1.0/24', priority: 5 }, keys));
    expect(error.code).toBe('ConfirmationMismatch');
    expect(error.body.source).toBe('confirmation');
    expect(error.body.issues?.map((i) => i.field)).toEqual(['routeDest', 'priority']);
  });

  it('refuses an optional field added or removed', () => {
    const { token } = issueConfirmationToken({ ...route, description: 'x' }, 'REQ-1', keys);
    expect(refusal(() => verifyConfirmationToken(token, route, keys)).body.issues?.map((i) => i.field)).toEqual(['description']);
  });

  it('refuses an expired token', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const later = { ...keys, now: () => 1_700_000_600_000 };
    expect(refusal(() => verifyConfirmationToken(token, route, later)).code).toBe('ConfirmationExpired');
  });

  it('refuses an altered token, a token from another key and garbage', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const [body, mac] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    payload.exp += 3600;
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    expect(refusal(() => verifyConfirmationToken(forged, route, keys)).code).toBe('ConfirmationInvalid');
    const flipped = `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(refusal(() => verifyConfirmationToken(flipped, route, keys)).code).toBe('ConfirmationInvalid');
    const otherKey = { ...keys, secret: Buffer.from('another-secret-another-secret-12') };
    expect(refusal(() => verifyConfirmationToken(token, route, otherKey)).code).toBe('ConfirmationInvalid');
    for (const junk of ['', 'abc', 'a.b.c', '!!.??', `${body}.`]) {
      expect(refusal(() => verifyConfirmationToken(junk, route, keys)).code).toBe('ConfirmationInvalid');
    }
  });

  it('accepts only the canonical spelling: no other last character with the same bits, no padding', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const [body, mac] = token.split('.') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(mac.slice(-1));
    // 32 bytes in 43 characters: the last character's two low bits are unused.
    const respelled = [1, 2, 3].map((spare) => `${body}.${mac.slice(0, -1)}${alphabet[last ^ spare]}`);
    for (const other of [...respelled, `${token}=`, `${body}=.${mac}`]) {
      expect(refusal(() => verifyConfirmationToken(other, route, keys)).code).toBe('ConfirmationInvalid');
    }
    expect(verifyConfirmationToken(token, route, keys).clientToken).toMatch(/^pbr-[0-9a-f]{40}$/);
  });

  it('is refused by a server whose creates go to another endpoint or account, even with the same secret', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const error = refusal(() => verifyConfirmationToken(token, route, { ...keys, target: 'server-b' }));
    expect(error.code).toBe('ConfirmationMismatch');
    expect(error.body.message).toContain('another endpoint or account');
  });

  it('binds a caller-supplied clientToken: the same one on every replay, and no other', () => {
    const { token } = issueConfirmationToken({ ...route, clientToken: 'my-token-1' }, 'REQ-1', keys);
    expect(verifyConfirmationToken(token, { ...route, clientToken: 'my-token-1' }, keys).clientToken).toBe('my-token-1');
    const other = refusal(() => verifyConfirmationToken(token, { ...route, clientToken: 'my-token-2' }, keys));
    expect(other.body.issues?.map((i) => i.field)).toEqual(['clientToken']);
    expect(refusal(() => verifyConfirmationToken(token, route, keys)).code).toBe('ConfirmationMismatch');
  });

  it('carries the previewed facts, readable and signed: altering them breaks the signature', () => {
    const facts = { priority: 20, state: 'published', createTime: 1_700_000_000_000 };
    const { token } = issueConfirmationToken(route, 'REQ-1', keys, undefined, facts);
    expect(verifyConfirmationToken(token, route, keys).facts).toEqual(facts);
    const [body, mac] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    expect(payload.f).toEqual(facts);
    payload.f.priority = 30;
    expect(refusal(() => verifyConfirmationToken(`${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`, route, keys)).code).toBe('ConfirmationInvalid');
    expect(verifyConfirmationToken(issueConfirmationToken(route, 'REQ-1', keys).token, route, keys).facts).toBeUndefined();
  });

  it('derives one ClientToken per step, the same on every replay, from the caller\'s own token too', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const a = verifyConfirmationToken(token, route, keys);
    const b = verifyConfirmationToken(token, route, keys);
    expect([a.stepClientToken(1), a.stepClientToken(2)]).toEqual([b.stepClientToken(1), b.stepClientToken(2)]);
    expect(new Set([a.clientToken, a.stepClientToken(1), a.stepClientToken(2)]).size).toBe(3);
    expect(a.stepClientToken(3)).toMatch(/^pbr-[0-9a-f]{40}$/);
    const own = issueConfirmationToken({ ...route, clientToken: 'mine' }, 'REQ-1', keys).token;
    expect(verifyConfirmationToken(own, { ...route, clientToken: 'mine' }, keys).stepClientToken(1)).toMatch(/^pbr-[0-9a-f]{40}$/);
  });

  it('refuses a token of the previous format (version 2)', () => {
    const { token } = issueConfirmationToken(route, 'REQ-1', keys);
    const payload = JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString());
    payload.v = 2;
    payload.r = payload.r.slice(0, 11);
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const mac = createHmac('sha256', secret).update(body).digest('base64url');
    expect(refusal(() => verifyConfirmationToken(`${body}.${mac}`, route, keys)).body.message).toContain('unknown format');
  });
});
