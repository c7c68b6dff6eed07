// Static bearer tokens: VPN_PBR_MCP_HTTP_TOKENS_FILE holds `principal:sha256hex` lines, the hash of
// each token, never the token. A presented token is hashed and looked up; nothing compares secrets.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config.js';
import { ANONYMOUS, isPrincipal, isReservedPrincipal } from '../principal.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Hash → principal. Blank lines and `#` comments are skipped; any other bad line stops the start. */
export function parseTokensFile(text: string, origin: string): Map<string, string> {
  const byHash = new Map<string, string>();
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = `${origin} line ${index + 1}`;
    const colon = line.lastIndexOf(':');
    const principal = line.slice(0, colon);
    const hash = line.slice(colon + 1).toLowerCase();
    if (colon > 0 && isReservedPrincipal(principal)) {
      throw new ConfigError(`${at} names "${ANONYMOUS}", a reserved principal (every unauthenticated caller's name); choose another name`);
    }
    // The line's content is never echoed: it may be a token pasted by mistake.
    if (colon <= 0 || !isPrincipal(principal) || !/^[0-9a-f]{64}$/.test(hash)) {
      throw new ConfigError(`${at} is not "principal:sha256hex" (run \`alicloud-vpn-pbr-mcp new-token PRINCIPAL\` to make one)`);
    }
    if (byHash.has(hash)) throw new ConfigError(`${at} repeats a token hash of an earlier line`);
    byHash.set(hash, principal);
  }
  if (byHash.size === 0) throw new ConfigError(`${origin} lists no token`);
  return byHash;
}

export async function readTokensFile(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError(`cannot read the tokens file ${path} (VPN_PBR_MCP_HTTP_TOKENS_FILE / --http-tokens-file)`);
  }
  return parseTokensFile(text, `tokens file ${path}`);
}
