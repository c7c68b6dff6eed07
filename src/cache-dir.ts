// The user's cache directory for this server (the sandbox's state file, V8's compile cache): one rule for both.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_CACHE_HOME`, `%LOCALAPPDATA%` on Windows, else `~/.cache`; then alicloud-vpn-pbr-mcp. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const cache = env.XDG_CACHE_HOME || (platform === 'win32' ? env.LOCALAPPDATA : undefined) || join(homedir(), '.cache');
  return join(cache, 'alicloud-vpn-pbr-mcp');
}
