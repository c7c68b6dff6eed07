// V8's compile cache (node >= 22.1, module.enableCompileCache): the bundle's compiled code kept between starts,
// so a start deserialises it instead of parsing and compiling the bundle again. Node writes it when the process
// exits and keeps one copy per node version, V8 flags and file. Off, silently, where node lacks it, the directory
// cannot be made, someone else could write to it (compiled code runs as ours), or NODE_DISABLE_COMPILE_CACHE is set.
import { lstatSync, mkdirSync, type Stats } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { userCacheDir } from './cache-dir.js';
import { ownershipProblem } from './private-file.js';

type EnableCompileCache = (directory: string) => { status: number; directory?: string };

/** compile-cache in the user's cache directory. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(userCacheDir(env, platform), 'compile-cache');
}

/** A directory only this user can write to: not a symlink, and private-file.ts's rule (ours, not group/world-writable). */
function isPrivateDirectory(stats: Stats): boolean {
  return stats.isDirectory() && !stats.isSymbolicLink() && ownershipProblem(stats) === undefined;
}

/** Turns the cache on for every module loaded after this call; returns its directory, or undefined when it is off. */
export function enableCompileCache(
  env: NodeJS.ProcessEnv = process.env,
  enable: EnableCompileCache | undefined = (module as { enableCompileCache?: EnableCompileCache }).enableCompileCache,
): string | undefined {
  if (typeof enable !== 'function') return undefined;
  try {
    const directory = compileCacheDir(env);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    if (!isPrivateDirectory(lstatSync(directory))) return undefined;
    return enable(directory).directory;
  } catch {
    return undefined;
  }
}
