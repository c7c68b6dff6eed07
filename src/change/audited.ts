// Wraps one tool phase so that it leaves exactly one audit line, written before the result is returned.
// A change also registers as in flight (lifecycle/in-flight.ts) from its `sending` line to its outcome line.
import type { CallContext } from '../call-context.js';
import type { OutcomeField } from '../domain/change-kinds.js';
import { clipRoute } from '../domain/limits.js';
import type { RouteSpec } from '../domain/types.js';
import { AppError } from '../errors/app-error.js';
import type { InFlightChange } from '../lifecycle/in-flight.js';
import { asAppError, failure, type ToolOutcome } from '../results.js';
import type { AuditEntry } from '../audit/entry.js';

export interface AuditDraft {
  outcome?: string;
  errorCode?: string;
  requestIds: string[];
  clientToken?: string;
  /** On a confirm by another principal (approvers): who made the dry run. */
  requestedBy?: string;
  /** Set once a change may have reached the API: an audit failure can then no longer refuse it. */
  changeSent?: boolean;
  /** Set by auditBeforeChange; released once the outcome line is written. */
  inFlight?: InFlightChange;
}

interface AuditBase {
  tool: string;
  phase: AuditEntry['phase'];
  route?: Partial<RouteSpec>;
  /** A change tool's outcome field: a refusal for want of an audit line says in it that nothing was changed. */
  outcomeField?: OutcomeField;
}

const ROUTE_FIELDS = ['regionId', 'vpnGatewayId', 'routeSource', 'routeDest', 'nextHop', 'weight', 'priority', 'publishVpc', 'description', 'overlayMode'] as const;

/** The route fields of a change's target, for its audit line (a change set's lines name its gateway; its steps, their routes). */
export function routeFields(target: object): Partial<RouteSpec> {
  const source = target as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const field of ROUTE_FIELDS) if (source[field] !== undefined) picked[field] = source[field];
  return picked as Partial<RouteSpec>;
}

export async function runAudited(
  ctx: CallContext,
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
  try {
    const refusal = await recordOutcome(ctx, base, draft, started, outcome, thrown);
    if (refusal) return refusal;
  } finally {
    // Only now is the outcome on disk: shutdown may close the audit log.
    draft.inFlight?.done();
  }
  if (thrown) throw thrown;
  return outcome as ToolOutcome;
}

/** Writes the phase's line; returns a refusal when it failed before any change was sent. */
async function recordOutcome(
  ctx: CallContext,
  base: AuditBase,
  draft: AuditDraft,
  started: number,
  outcome: ToolOutcome | undefined,
  thrown: AppError | undefined,
): Promise<ToolOutcome | undefined> {
  const errorBody = outcome?.isError ? (outcome.body.error as { code?: string } | undefined) : thrown?.body;
  try {
    await ctx.audit.record({
      tool: base.tool,
      phase: base.phase,
      route: base.route && clipRoute(base.route),
      outcome: draft.outcome ?? (errorBody ? 'error' : 'ok'),
      errorCode: draft.errorCode ?? errorBody?.code,
      requestIds: draft.requestIds.length > 0 ? draft.requestIds : undefined,
      clientToken: draft.clientToken,
      durationMs: ctx.now() - started,
      client: ctx.client,
      traceparent: ctx.traceparent,
      principal: ctx.principal,
      requestedBy: draft.requestedBy,
      sandbox: ctx.config.sandbox || undefined,
    });
  } catch (error) {
    const auditError = asAppError(error);
    ctx.logger.error('audit log write failed', { code: auditError.code });
    // Nothing was sent: an answer that was a success becomes the refusal; an error stays as it was.
    if (!draft.changeSent && outcome && !outcome.isError) {
      return failure(auditError.body, base.outcomeField ? { [base.outcomeField]: false } : {});
    }
    // The change is already made: say so rather than hide it.
    if (outcome && !outcome.isError) {
      outcome.body.summary = `${outcome.body.summary} Warning: the audit log could not be written.`;
    }
  }
  return undefined;
}

/**
 * Writes the "about to send a change" line and registers the change as in flight; throws (nothing sent)
 * when the line cannot be written or the server is shutting down. Call it right before the change is sent.
 */
export async function auditBeforeChange(ctx: CallContext, base: AuditBase, clientToken: string, draft: AuditDraft): Promise<void> {
  // Its outcome line is the call's own (runAudited), written before it is released.
  const change = await auditStep(ctx, base, {}, clientToken);
  draft.inFlight = { done: () => change.release() };
}

/** Which request of a change made in several a line is about (AuditEntry's step, action, planId, undoes). */
export type StepLabel = Pick<AuditEntry, 'step' | 'action' | 'planId' | 'undoes'>;

export interface StepAudit {
  /** Writes the step's outcome line and releases it from in flight; a failed write is logged, never thrown. */
  end(outcome: string, fields?: { errorCode?: string; requestIds?: string[] }): Promise<void>;
  /** Releases it from in flight without a line (its outcome is written elsewhere). */
  release(): void;
}

/**
 * One step of a change made in several requests: its `sending` line before it is sent (throws, nothing sent, when
 * that line cannot be written) and its outcome line after; in flight in between, like a single change.
 */
export async function auditStep(ctx: CallContext, base: AuditBase, label: StepLabel, clientToken: string): Promise<StepAudit> {
  const started = ctx.now();
  const entry = (outcome: string, fields: { errorCode?: string; requestIds?: string[] } = {}): AuditEntry => ({
    tool: base.tool,
    phase: base.phase,
    route: base.route && clipRoute(base.route),
    ...label,
    outcome,
    ...fields,
    clientToken,
    durationMs: outcome === 'sending' ? 0 : ctx.now() - started,
    client: ctx.client,
    traceparent: ctx.traceparent,
    principal: ctx.principal,
    sandbox: ctx.config.sandbox || undefined,
  });
  const write = async (line: AuditEntry) => {
    try {
      await ctx.audit.record(line);
    } catch (error) {
      ctx.logger.error('audit log write failed', { code: asAppError(error).code });
    }
  };
  const change = ctx.inFlight.begin(() => write(entry('unknown', { errorCode: 'ShutdownBeforeOutcome' })));
  try {
    await ctx.audit.record(entry('sending'));
  } catch (error) {
    change.done();
    // Fail closed: a change that cannot be audited is not sent.
    const { body } = asAppError(error);
    throw new AppError({ ...body, message: `${body.message} The change was not sent, so that nothing happens unrecorded.` });
  }
  return {
    async end(outcome, fields) {
      await write(entry(outcome, fields));
      change.done();
    },
    release: () => change.done(),
  };
}
