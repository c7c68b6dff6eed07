// What a tool call answers: a structured body (the contract's result or error JSON, always with a summary).
// Results and errors are built here only, so every tool answers the same way.
import { CHANGE_KINDS, CHANGE_KIND_NAMES, type Outcome, type OutcomeField } from './domain/change-kinds.js';
import { AppError, type ErrorBody } from './errors/app-error.js';
import { internalError } from './errors/factories.js';

/** A structured tool body: the contract's result or error JSON. Always has a summary. */
export type ToolBody = { summary: string } & Record<string, unknown>;

export interface ToolOutcome {
  body: ToolBody;
  isError: boolean;
  /** The result's `_meta`: data for an MCP Apps view (the approval card), not for the model. */
  meta?: Record<string, unknown>;
}

/** The outcome fields an error reports: `{ routeCreated: false }`, `{ routeDeleted: 'unknown' }`, … */
export type ChangeOutcomes = Partial<Record<OutcomeField, Outcome>>;

export function success(body: ToolBody): ToolOutcome {
  return { body, isError: false };
}

/** The contract's error body; its summary ends with "No route was created." (or deleted, …) whenever nothing was. */
export function failure(error: ErrorBody, outcomes: ChangeOutcomes = {}): ToolOutcome {
  const parts = [error.message.trim()];
  if (error.hint) parts.push(`Next: ${error.hint.replace(/\.$/, '')}.`);
  const body: Record<string, unknown> = {};
  for (const name of CHANGE_KIND_NAMES) {
    const { outcomeField, nothingChanged, mayHaveChanged } = CHANGE_KINDS[name];
    const outcome = outcomes[outcomeField];
    if (outcome === undefined) continue;
    if (outcome === false) parts.push(nothingChanged);
    if (outcome === 'unknown') parts.push(mayHaveChanged);
    body[outcomeField] = outcome;
  }
  return { body: { error, ...body, summary: parts.join(' ') }, isError: true };
}

/** Anything thrown that is not an AppError is a bug: report it without its message (it may hold secrets). */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return internalError();
}
