// `--sandbox`: the built-in emulator with the demo account, its state and token key kept in a state file so that
// consecutive sandbox processes share one account (a dry run made by one is confirmed by the next).
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userCacheDir } from './cache-dir.js';
import type { Config } from './config.js';
import type { EmulatorSnapshot } from './emulator/snapshot.js';
import type { Logger } from './log.js';
import { openErrorProblem, privateFileProblem, SAFE_OPEN_FLAGS } from './private-file.js';

const STATE_VERSION = 1;

/** sandbox.json in the user's cache directory (cache-dir.ts). */
export function defaultSandboxStatePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(userCacheDir(env, platform), 'sandbox.json');
}

interface StateFile {
  version: number;
  /** base64 of the key that signs the sandbox's confirmation tokens. */
  tokenKey: string;
  emulator?: unknown;
}

/**
 * The file's text, or undefined (the reason logged) when it is absent, unreadable, or could have been written by
 * someone else: its token key signs confirmations, so a key others could plant would let them forge tokens.
 */
function readTrusted(file: string, logger: Logger): string | undefined {
  const distrust = (what: string) => {
    logger.warn(`sandbox: the state file ${file} ${what}; starting over with a new token key (the file's is never used)`);
    return undefined;
  };
  let fd: number | undefined;
  try {
    // Looked at before opening (a device or FIFO is never opened), and the open file again (nothing swapped in).
    const before = privateFileProblem(lstatSync(file));
    if (before) return distrust(before.what);
    fd = openSync(file, constants.O_RDONLY | SAFE_OPEN_FLAGS);
    const after = privateFileProblem(fstatSync(fd));
    if (after) return distrust(after.what);
    return readFileSync(fd, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const problem = openErrorProblem(code);
    if (problem) return distrust(problem.what);
    logger.warn(`sandbox: cannot read the state file ${file} (${code ?? 'error'}); starting over`);
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What was in the file, or undefined (with the reason logged) when it is absent, untrusted or not ours. */
function load(file: string, logger: Logger): StateFile | undefined {
  const text = readTrusted(file, logger);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<StateFile>;
    if (parsed.version === STATE_VERSION && typeof parsed.tokenKey === 'string' && Buffer.from(parsed.tokenKey, 'base64').length >= 32) return parsed as StateFile;
  } catch {
    // fall through: not JSON
  }
  logger.warn(`sandbox: the state file ${file} is not one this version wrote; starting over`);
  return undefined;
}

/** Written beside the file and renamed over it, so a reader (or a second writer) never sees half a file. */
function save(file: string, state: StateFile): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(state)}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export interface Sandbox {
  config: Config;
  close: () => Promise<void>;
}

export async function startSandbox(config: Config, logger: Logger): Promise<Sandbox> {
  const { startEmulator, DEMO_SEED, readSnapshot, SnapshotError } = await import('./emulator/index.js');
  const file = config.sandboxState ?? defaultSandboxStatePath();
  if (config.sandboxReset) logger.info(`sandbox: reset (--sandbox-reset): the demo account as shipped and a new token key in ${file}; tokens issued before are refused`);
  const loaded = config.sandboxReset ? undefined : load(file, logger);
  const tokenKey = loaded?.tokenKey ?? randomBytes(32).toString('base64');

  let snapshot: EmulatorSnapshot | undefined;
  if (loaded?.emulator !== undefined) {
    try {
      snapshot = readSnapshot(loaded.emulator, DEMO_SEED.gateways.map((g) => g.id));
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      logger.warn(`sandbox: the demo account in ${file} is damaged (${error.message}); starting over`);
    }
  }

  let saveFailed = false;
  const persist = (emulator: EmulatorSnapshot | undefined) => {
    try {
      save(file, { version: STATE_VERSION, tokenKey, ...(emulator === undefined ? {} : { emulator }) });
    } catch (error) {
      // The sandbox keeps working in memory; the next process simply starts from what was saved last.
      if (!saveFailed) logger.warn(`sandbox: cannot write the state file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); this process's changes will not be kept`);
      saveFailed = true;
    }
  };

  const emulator = await startEmulator({ seed: DEMO_SEED, port: 0, ...(snapshot === undefined ? {} : { snapshot }), onChange: persist });
  // A fresh or reset state is written at once: the token key must outlive this process even if nothing changes.
  if (snapshot === undefined) persist(emulator.snapshot());
  const [credential] = DEMO_SEED.credentials;
  logger.info(`sandbox mode: using the built-in VPC emulator at ${emulator.url} with the demo account (state in ${file}); nothing reaches Alibaba Cloud`);
  return {
    config: {
      ...config,
      endpoint: emulator.url,
      credentials: credential,
      regionId: config.regionId ?? DEMO_SEED.gateways[0]?.regionId ?? 'cn-hangzhou',
      // The sandbox's own key, so that the next sandbox process accepts this one's tokens; an explicit secret wins.
      confirmSecret: config.confirmSecret ?? Buffer.from(tokenKey, 'base64'),
    },
    close: () => emulator.close(),
  };
}
