// Audit log: one JSON line per validate, dry run and create attempt, flushed before the result is returned.
import type { FileHandle } from 'node:fs/promises';
import type { RouteSpec } from './domain/types.js';
import { AppError } from './errors/app-error.js';

export interface AuditEntry {
  tool: string;
  phase: 'validate' | 'dry_run' | 'create' | 'delete' | 'list';
  route?: Partial<RouteSpec>;
  outcome: string;
  errorCode?: string;
  requestIds?: string[];
  clientToken?: string;
  durationMs: number;
  client: { name?: string; version?: string };
  /** The authenticated caller (HTTP); on a confirm with approvers, the approver. */
  principal?: string;
  /** On a confirm: the principal that made the dry run, when another one confirms it. */
  requestedBy?: string;
  sandbox?: boolean;
}

export interface AuditLog {
  readonly enabled: boolean;
  /** Resolves once the line is on disk; rejects with AppError `AuditLogUnavailable` otherwise. */
  record(entry: AuditEntry): Promise<void>;
  close(): Promise<void>;
}

export const noAuditLog: AuditLog = {
  enabled: false,
  record: async () => {},
  close: async () => {},
};

export function createAuditLog(path: string, now: () => number = Date.now): AuditLog {
  let handle: Promise<FileHandle> | undefined;
  // Lines are written one at a time so that concurrent calls never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  // node:fs/promises is loaded with the first line, not at start-up.
  const file = () => {
    handle ??= import('node:fs/promises').then(({ open }) => open(path, 'a', 0o600));
    return handle;
  };
  return {
    enabled: true,
    record(entry) {
      const line = `${JSON.stringify({ time: new Date(now()).toISOString(), ...entry })}\n`;
      const write = queue.then(async () => {
        try {
          const fh = await file();
          await fh.appendFile(line, 'utf8');
          await fh.datasync();
        } catch {
          handle = undefined;
          throw new AppError({
            code: 'AuditLogUnavailable',
            message: `The audit log ${path} could not be written.`,
            retryable: true,
            source: 'config',
            hint: 'check that the audit log path is writable (VPN_PBR_MCP_AUDIT_LOG)',
          });
        }
      });
      queue = write.catch(() => {});
      return write;
    },
    async close() {
      await queue;
      if (handle) await (await handle.catch(() => undefined))?.close();
    },
  };
}
