// The static tokens file: `principal:sha256hex` lines; a bad line stops the start without echoing it.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { hashToken, parseTokensFile } from '../../src/http/auth-static.js';
import { newToken } from '../../src/http/new-token.js';

const HASH = 'a'.repeat(64);

describe('parseTokensFile', () => {
  it('maps each hash to its principal, skipping blank lines and comments', () => {
    const alice = newToken('alice@example.com');
    const map = parseTokensFile(`# ops team\n\n${alice.line}\r\nbob:${HASH.toUpperCase()}\n`, 'tokens');
    expect(map.get(hashToken(alice.token))).toBe('alice@example.com');
    expect(map.get(HASH)).toBe('bob');
    expect(map.size).toBe(2);
  });

  it.each([
    ['vpnpbr_a-token-pasted-by-mistake', /tokens line 1 is not "principal:sha256hex"/],
    [`alice:${HASH.slice(1)}`, /line 1 is not/],
    [`al ice:${HASH}`, /line 1 is not/],
    [`:${HASH}`, /line 1 is not/],
    [`anonymous:${HASH}`, /line 1 names "anonymous", a reserved principal/],
    [`alice:${'b'.repeat(64)}\nAnonymous:${HASH}`, /line 2 names "anonymous", a reserved principal/],
    [`alice:${HASH}\nbob:${HASH}`, /line 2 repeats a token hash/],
    ['# nothing here\n', /lists no token/],
  ])('refuses %j', (text, message) => {
    expect(() => parseTokensFile(text, 'tokens')).toThrow(ConfigError);
    expect(() => parseTokensFile(text, 'tokens')).toThrow(message);
    try {
      parseTokensFile(text, 'tokens');
    } catch (error) {
      expect((error as Error).message).not.toContain('pasted-by-mistake');
    }
  });
});
