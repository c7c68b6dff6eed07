// The audit log file: opened without following symlinks, created 0600, refused when others may write it,
// and reopened when it was rotated or deleted (the path's inode differs from the open handle's).
import { constants, type FileHandle, lstat, open } from 'node:fs/promises';
import { AppError } from '../errors/app-error.js';
import type { AuditLog } from './entry.js';

/** Why the audit file cannot be used, in words fit for one stderr line (never an exception's text). */
export class AuditFileRefused extends Error {
  override readonly name = 'AuditFileRefused';
}

const OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

function refusal(path: string, code: string | undefined): AuditFileRefused {
  if (code === 'ELOOP' || code === 'EMLINK') {
    return new AuditFileRefused(`the audit log ${path} is a symbolic link; give the path of a regular file`);
  }
  return new AuditFileRefused(`cannot open the audit log ${path} for appending${code ? ` (${code})` : ''}`);
}

/** Opens (creating 0600) without following a symlink; the handle is closed again on every refusal. */
async function openAuditFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS, 0o600);
  } catch (error) {
    throw refusal(path, (error as NodeJS.ErrnoException).code);
  }
  try {
    const { mode } = await handle.stat();
    if ((mode & 0o022) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(4, '0');
      throw new AuditFileRefused(
        `the audit log ${path} is writable by group or others (mode ${octal}); run chmod 600 on it or choose another file`,
      );
    }
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error instanceof AuditFileRefused ? error : refusal(path, (error as NodeJS.ErrnoException).code);
  }
}

/** True when the path still names the file the handle has open (not rotated, deleted or replaced). */
async function stillThere(path: string, handle: FileHandle): Promise<boolean> {
  const [onDisk, open] = await Promise.all([lstat(path).catch(() => undefined), handle.stat()]);
  return onDisk !== undefined && onDisk.dev === open.dev && onDisk.ino === open.ino;
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
    if (handle && !(await stillThere(path, handle))) await drop();
    handle ??= await openAuditFile(path);
    try {
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
            hint: 'check that the audit log path is writable by this server only (VPN_PBR_MCP_AUDIT_LOG)',
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
