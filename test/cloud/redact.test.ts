import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchersBuilt, redact, SECRET_RUN } from '../../src/cloud/redact.js';
import { signingCredentials } from '../../src/cloud/signing-credentials.js';

const seen = { secrets: ['s3cr3t/Secret+Value', 'STS.token-value!'] };
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe('redact', () => {
  it('removes signed URLs, credential parameters and secrets in plain and encoded forms', () => {
    const secret = 's3cr3t/Secret+Value';
    const text = [
      'https://vpc.example.com/?Action=X&Signature=abc',
      'Signature=abc%3D',
      'AccessKeyId%3DLTAI%26SecurityToken%3Dtok%26Version',
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(encodeURIComponent(secret)),
      'STS.token-value%21',
    ].join(' ');
    const out = redact(text, seen);
    for (const banned of ['Signature=', 'Signature%3D', 'AccessKeyId%3D', 'SecurityToken%3D', 's3cr3t', 'token-value', '?Action']) {
      expect(out).not.toContain(banned);
    }
    expect(redact('plain words stay', { secrets: [] })).toBe('plain words stay');
  });

  it('removes bare AccessKey IDs in the shapes Alibaba Cloud issues, and the configured one whatever its shape and case', () => {
    const out = redact('key LTAI5tQwErTy12345678 and STS.NUrzAbCdEf0123456789 and MY-OWN-key-id-77 are not echoed', { secrets: [], keyIds: ['my-own-key-id-77'] });
    expect(out).not.toMatch(/LTAI5t|STS\.NUrz|my-own-key-id/i);
    expect(out).toContain('are not echoed');
  });

  it('leaves a fragment of a key ID alone (an identifier, not a secret), but no fragment of a secret', () => {
    expect(redact('the AccessKeyStore said no', { secrets: [], keyIds: ['STS.AccessKeyStore01'] })).toBe('the AccessKeyStore said no');
    expect(redact('the AccessKeyStore said no', { secrets: ['STS.AccessKeyStore01'] })).toBe('the [redacted] said no');
  });

  it('turns one echo into one [redacted], and keeps what is around it', () => {
    expect(redact('before s3cr3t/Secret+Value after', seen)).toBe('before [redacted] after');
    expect(redact('x: ecret+Valu!', seen)).toBe('x: [redacted]!');
  });

  it('builds no matcher again while STS credentials rotate, up to the most values a process remembers', async () => {
    let n = 0;
    const { provider, seen: remembered } = signingCredentials({
      getCredentials: async () => {
        n++;
        return { accessKeyId: `STS.key-${n}`, accessKeySecret: `secret-${n}-${'s'.repeat(20)}`, securityToken: `token-${n}-${'t'.repeat(40)}` };
      },
    });
    let most = 0;
    for (let i = 0; i < 120; i++) {
      await provider.getCredentials();
      most = Math.max(most, [...remembered.secrets].length + [...(remembered.keyIds ?? [])].length);
      redact('some text', remembered);
      const built = matchersBuilt();
      expect(redact('some text', remembered)).toBe('some text');
      expect(matchersBuilt()).toBe(built);
    }
    // The sets filled up (48 + 2 secrets, 24 + 1 key IDs) and were cleared along the way.
    expect(most).toBe(75);
  });
});

// Secrets as Alibaba issues them: an AccessKey secret of 30 characters, STS tokens of up to ~2 kB of base64.
const secretArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{30}$/),
  fc.integer({ min: 200, max: 1500 }).map((n) => randomBytes(n).toString('base64')),
);

/** The ways an API message (or a proxy's) might echo a secret. */
const echoArb = (secret: string) =>
  fc.oneof(
    fc.constant(secret),
    fc.constant(secret.toLowerCase()),
    fc.constant(secret.toUpperCase()),
    fc.constant(encodeURIComponent(secret)),
    fc.constant(rfc3986(rfc3986(secret))),
    fc.constant(Buffer.from(secret).toString('base64')),
    fc.constant(Buffer.from(secret).toString('base64url')),
    // Inside a larger encoded blob: any alignment.
    fc.string({ maxLength: 5 }).map((pad) => Buffer.from(`${pad}${secret}"}`).toString('base64')),
    fc
      .integer({ min: 0, max: secret.length - SECRET_RUN })
      .chain((start) => fc.integer({ min: SECRET_RUN, max: secret.length - start }).map((length) => secret.slice(start, start + length))),
  );

const lowerRuns = (form: string) => Array.from({ length: form.length - SECRET_RUN + 1 }, (_, i) => form.slice(i, i + SECRET_RUN).toLowerCase());

describe('redact, for any secret and any way it is echoed', () => {
  it('leaves no run of 8 characters of the echo, and keeps the text around it', () => {
    fc.assert(
      fc.property(
        secretArb.chain((secret) => fc.tuple(fc.constant(secret), echoArb(secret))),
        fc.stringMatching(/^[ a-z.,:]{0,40}$/),
        fc.stringMatching(/^[ a-z.,:]{0,40}$/),
        ([secret, echo], before, after) => {
          const out = redact(`${before} ${echo} ${after}`, { secrets: [secret] }).toLowerCase();
          // The echo (which may carry a few characters of its own at either end, as base64 does) is gone...
          const whole = echo.toLowerCase();
          const inner = whole.length > 8 ? whole.slice(4, -4) : whole;
          if (inner.length >= SECRET_RUN && lowerRuns(inner).some((run) => out.includes(run))) return false;
          // ...and the words around it are not.
          return out.startsWith(`${before} `.toLowerCase()) && out.endsWith(` ${after}`.toLowerCase());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes no text that holds no run of a secret', () => {
    fc.assert(
      fc.property(secretArb, fc.stringMatching(/^[ -~]{0,200}$/), (secret, text) => {
        fc.pre(!lowerRuns(text).some((run) => secret.toLowerCase().includes(run)));
        fc.pre(!/[a-z]+:\/\/|Signature|AccessKey|SecurityToken|LTAI|STS\./i.test(text));
        return redact(text, { secrets: [secret] }) === text;
      }),
      { numRuns: 300 },
    );
  });

  it('scans a long message against a 2 kB token quickly (precomputed runs, one pass)', () => {
    const token = randomBytes(1500).toString('base64');
    const message = `${'x'.repeat(19_000)} ${token.slice(100, 140)} end`;
    redact('warm-up', { secrets: [token] });
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(redact(message, { secrets: [token] }).slice(-15)).toBe(' [redacted] end');
    const perCall = (performance.now() - started) / 20;
    expect(perCall).toBeLessThan(50);
  });
});
