// What every change answers besides its own fields: a failure with the kind's outcome field, and the approval
// of a two-person confirmation.
import type { Approval } from '../confirm/approval.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import type { AppError } from '../errors/app-error.js';
import { failure, type ToolOutcome } from '../results.js';
import type { ChangeKind, ChangeTarget, Outcome } from './change-kind.js';

/** A refusal or failure with the kind's outcome field set. */
export function changeFailure<T extends ChangeTarget>(kind: ChangeKind<T>, error: AppError, outcome: Outcome): ToolOutcome {
  const result = failure(error.body, { [CHANGE_KINDS[kind.name].outcomeField]: outcome });
  if (error.resultFields) Object.assign(result.body, error.resultFields);
  return result;
}

/** A successful confirmation by another principal names both, in the body and in the summary. */
export function withApproval(outcome: ToolOutcome, approval: Approval | undefined): ToolOutcome {
  if (!approval || outcome.isError) return outcome;
  outcome.body.approval = approval;
  outcome.body.summary = `${outcome.body.summary} Requested by ${approval.requestedBy}, approved by ${approval.approvedBy}.`;
  return outcome;
}

export function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
