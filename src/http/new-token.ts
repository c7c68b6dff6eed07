// `alicloud-vpn-pbr-mcp new-token PRINCIPAL`: a fresh random bearer token (stdout, line 1) and its
// tokens-file line (stdout, line 2); the explanation goes to stderr so that scripts can read stdout.
import { randomBytes } from 'node:crypto';
import { hashToken } from './auth-static.js';
import { isPrincipal } from '../principal.js';

export function newToken(principal: string): { token: string; line: string } {
  const token = `vpnpbr_${randomBytes(32).toString('base64url')}`;
  return { token, line: `${principal}:${hashToken(token)}` };
}

export function runNewToken(args: readonly string[]): number {
  const [principal, ...extra] = args;
  if (principal === undefined || extra.length > 0 || !isPrincipal(principal)) {
    process.stderr.write(
      'Usage: alicloud-vpn-pbr-mcp new-token PRINCIPAL   (PRINCIPAL: letters, digits and . _ @ + -, e.g. alice@example.com)\n',
    );
    return 2;
  }
  const { token, line } = newToken(principal);
  process.stderr.write(`Bearer token for ${principal} (give it to them; it is not stored anywhere), then its tokens-file line:\n`);
  process.stdout.write(`${token}\n${line}\n`);
  return 0;
}
