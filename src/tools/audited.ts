// Wraps one tool phase so that it leaves exactly one audit line, written before the result is returned.
import type { AuditEntry } from '../audit.js';
import type { RouteSpec } from '../domain/types.js';
import type { AppError } from '../errors/app-error.js';
import { asAppError, failure, type ToolContext, type ToolOutcome } from './define.js';

export interface AuditDraft {
  outcome?: string;
  errorCode?: string;
  requestIds: string[];
  clientToken?: string;
  /** On a confirm by another principal (approvers): who made the dry run. */
  requestedBy?: string;
  /** Set once a change may have reached the API: an audit failure can then no longer refuse it. */
  changeSent?: boolean;
}

interface AuditBase {
  tool: string;
  phase: AuditEntry['phase'];
  route?: Partial<RouteSpec>;
}

export async function runAudited(
  ctx: ToolContext,
  base: AuditBase,
  work: (draft: AuditDraft) => Promise<ToolOutcome>,
): Promise<ToolOutcome> {
  const started = ctx.now();
  const draft: AuditDraft = { requestIds: [] };
  let outcome: ToolOutcome | undefined;
  let thrown: AppError | undefined;
  try {
    outcome = await work(draft);
  } catch (error) {
    thrown = asAppError(error);
  }
  const errorBody = outcome?.isError ? (outcome.body.error as { code?: string } | undefined) : thrown?.body;
  try {
    await ctx.audit.record({
      tool: base.tool,
      phase: base.phase,
      route: base.route,
      outcome: draft.outcome ?? (errorBody ? 'error' : 'ok'),
      errorCode: draft.errorCode ?? errorBody?.code,
      requestIds: draft.requestIds.length > 0 ? draft.requestIds : undefined,
      clientToken: draft.clientToken,
      durationMs: ctx.now() - started,
      client: ctx.client,
      principal: ctx.principal,
      requestedBy: draft.requestedBy,
      sandbox: ctx.config.sandbox || undefined,
    });
  } catch (error) {
    const auditError = asAppError(error);
    ctx.logger.error('audit log write failed', { code: auditError.code });
    if (!draft.changeSent) {
      return failure(auditError.body, { routeCreated: base.phase === 'validate' ? undefined : false });
    }
    // The change is already made: say so rather than hide it.
    if (outcome && !outcome.isError) {
      outcome.body.summary = `${outcome.body.summary} Warning: the audit log could not be written.`;
    }
  }
  if (thrown) throw thrown;
  return outcome as ToolOutcome;
}

/** Writes the "about to send a change" line; refuses the change when it cannot be written. */
export async function auditBeforeChange(ctx: ToolContext, base: AuditBase, clientToken: string): Promise<void> {
  if (!ctx.audit.enabled) return;
  await ctx.audit.record({
    tool: base.tool,
    phase: base.phase,
    route: base.route,
    outcome: 'sending',
    clientToken,
    durationMs: 0,
    client: ctx.client,
    principal: ctx.principal,
    sandbox: ctx.config.sandbox || undefined,
  });
}
