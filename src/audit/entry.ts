// Audit log: one JSON line per validate, listing, dry run and change attempt, on disk before the result is returned.
// The file itself is handled by file.ts, loaded only when an audit log is configured.
import type { ChangeVerb } from '../domain/change-kinds.js';
import type { RouteSpec } from '../domain/types.js';

export interface AuditEntry {
  tool: string;
  /** `dry_run`: phase 1 of a change; a change's verb (create, delete, …): its confirmation. */
  phase: 'validate' | 'dry_run' | 'list' | ChangeVerb;
  route?: Partial<RouteSpec>;
  outcome: string;
  errorCode?: string;
  requestIds?: string[];
  clientToken?: string;
  durationMs: number;
  client: { name?: string; version?: string; userAgent?: string };
  /** The request's W3C traceparent, when the client sent one. */
  traceparent?: string;
  /** The authenticated caller (HTTP); on a confirm with approvers, the approver. */
  principal?: string;
  /** On a confirm: the principal that made the dry run, when another one confirms it. */
  requestedBy?: string;
  sandbox?: boolean;
  /** A change made in several requests (a modify, a change set): which one this line is about, from 1. */
  step?: number;
  /** The step's API action. */
  action?: string;
  /** A change set's ID (the digest of its plan), on every line of its steps. */
  planId?: string;
  /** A rollback's line: the step it undoes. */
  undoes?: number;
}

export interface AuditLog {
  readonly enabled: boolean;
  /** Resolves once the line is on disk; rejects with AppError `AuditLogUnavailable` otherwise. */
  record(entry: AuditEntry): Promise<void>;
  /** Waits for the queued lines, then closes the file; later lines are refused. */
  close(): Promise<void>;
}

export const noAuditLog: AuditLog = {
  enabled: false,
  record: async () => {},
  close: async () => {},
};
