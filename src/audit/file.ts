// The audit log file: a regular file of this user's, opened without following symlinks and without blocking,
// created 0600, refused when others may write it (checked again before every line), never reached through a
// symlinked directory, and reopened when it was rotated or deleted (the path's inode differs from the handle's).
import type { Stats } from 'node:fs';
import { constants, type FileHandle, lstat, open, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../errors/app-error.js';
import { type FileProblem, openErrorProblem, privateFileProblem, SAFE_OPEN_FLAGS } from '../private-file.js';
import type { AuditLog } from './entry.js';

/** Why the audit file cannot be used, in words fit for one stderr line (never an exception's text). */
export class AuditFileRefused extends Error {
  override readonly name = 'AuditFileRefused';
}

const OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | SAFE_OPEN_FLAGS;

function refused(path: string, problem: FileProblem): AuditFileRefused {
  return new AuditFileRefused(`the audit log ${path} ${problem.what}; ${problem.fix}`);
}

function refusal(path: string, code: string | undefined): AuditFileRefused {
  const problem = openErrorProblem(code);
  if (problem) return refused(path, problem);
  return new AuditFileRefused(`cannot open the audit log ${path} for appending${code ? ` (${code})` : ''}`);
}

/** Why a file (lstat of the path, or fstat of the handle) may not take audit lines; undefined when it may. */
function unusable(path: string, stats: Stats): AuditFileRefused | undefined {
  const problem = privateFileProblem(stats);
  return problem && refused(path, problem);
}

/**
 * The rule for the directory: its real path must be the path as given (made absolute), so no symbolic link on
 * the way can point the log elsewhere. Where the system's own temporary directory is a link (macOS: /tmp is
 * /private/tmp), the message names the real path to use.
 */
async function checkDirectory(path: string): Promise<void> {
  const directory = dirname(resolve(path));
  let real: string;
  try {
    real = await realpath(directory);
  } catch (error) {
    throw refusal(path, (error as NodeJS.ErrnoException).code);
  }
  if (real !== directory) {
    throw new AuditFileRefused(
      `the directory ${directory} of the audit log is reached through a symbolic link (it is ${real}); give the path without links: ${join(real, basename(path))}`,
    );
  }
}

/** Opens (creating 0600) a regular file of ours, never blocking; the handle is closed again on every refusal. */
async function openAuditFile(path: string): Promise<FileHandle> {
  await checkDirectory(path);
  // Looked at before opening: a device or FIFO is refused without being opened at all.
  const existing = await lstat(path).catch(() => undefined);
  const before = existing && unusable(path, existing);
  if (before) throw before;
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS, 0o600);
  } catch (error) {
    throw refusal(path, (error as NodeJS.ErrnoException).code);
  }
  try {
    const reason = unusable(path, await handle.stat());
    if (reason) throw reason;
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error instanceof AuditFileRefused ? error : refusal(path, (error as NodeJS.ErrnoException).code);
  }
}

/**
 * Before each line: true when the path still names the open file (not rotated, deleted or replaced); throws
 * when that file may no longer be used (its mode was widened, its owner changed).
 */
async function stillThere(path: string, handle: FileHandle): Promise<boolean> {
  const [onDisk, open] = await Promise.all([lstat(path).catch(() => undefined), handle.stat()]);
  if (onDisk === undefined || onDisk.dev !== open.dev || onDisk.ino !== open.ino) return false;
  const reason = unusable(path, open);
  if (reason) throw reason;
  return true;
}

/** Opens the audit log at start: throws AuditFileRefused (one line for stderr) when it cannot be used safely. */
export async function openAuditLog(path: string, now: () => number = Date.now): Promise<AuditLog> {
  let handle: FileHandle | undefined = await openAuditFile(path);
  let closed = false;
  // Lines are written one at a time so that concurrent calls never interleave.
  let queue: Promise<unknown> = Promise.resolve();

  const drop = async () => {
    const old = handle;
    handle = undefined;
    await old?.close().catch(() => {});
  };

  const writeLine = async (line: string) => {
    if (closed) throw new AuditFileRefused(`the audit log ${path} is already closed`);
    try {
      if (handle && !(await stillThere(path, handle))) await drop();
      handle ??= await openAuditFile(path);
      await handle.appendFile(line, 'utf8');
      await handle.datasync();
    } catch (error) {
      // A handle that failed once is not trusted again: the next line reopens the path.
      await drop();
      throw error;
    }
  };

  return {
    enabled: true,
    record(entry) {
      const line = `${JSON.stringify({ time: new Date(now()).toISOString(), ...entry })}\n`;
      const write = queue.then(async () => {
        try {
          await writeLine(line);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const reason = error instanceof AuditFileRefused ? `: ${error.message}` : ` ${path}${code ? ` (${code})` : ''}`;
          throw new AppError({
            code: 'AuditLogUnavailable',
            message: `The audit log could not be written${reason}.`,
            retryable: true,
            source: 'config',
            hint: 'check that the audit log path is a regular file writable by this server only (VPN_PBR_MCP_AUDIT_LOG)',
          });
        }
      });
      queue = write.catch(() => {});
      return write;
    },
    async close() {
      await queue;
      closed = true;
      await drop();
    },
  };
}
