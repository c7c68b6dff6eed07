import { describe, expect, it } from 'vitest';
import { redact } from '../../src/cloud/redact.js';

const ctx = { secrets: ['s3cr3t/Secret+Value', 'STS.token-value!'] };

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
      "STS.token-value%21",
    ].join(' ');
    const out = redact(text, ctx.secrets);
    for (const banned of ['Signature=', 'Signature%3D', 'AccessKeyId%3D', 'SecurityToken%3D', 's3cr3t', 'token-value', '?Action']) {
      expect(out).not.toContain(banned);
    }
    expect(redact('plain words stay', [])).toBe('plain words stay');
  });

  it('removes bare AccessKey IDs in the shapes Alibaba Cloud issues, and the configured one whatever its shape', () => {
    const out = redact('key LTAI5tQwErTy12345678 and STS.NUrzAbCdEf0123456789 and my-own-key-id-77 are not echoed', ['my-own-key-id-77']);
    expect(out).not.toMatch(/LTAI5t|STS\.NUrz|my-own-key-id/);
    expect(out).toContain('are not echoed');
  });
});
