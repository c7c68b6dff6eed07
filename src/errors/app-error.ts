import type { Issue } from '../domain/types.js';
import { stripUndefined } from '../util.js';

export type ErrorSource = 'input' | 'confirmation' | 'policy' | 'config' | 'cloud' | 'network' | 'internal';

/** The structured error body of the contract. Built from known fields only: never from an exception's message. */
export interface ErrorBody {
  code: string;
  message: string;
  retryable: boolean;
  source: ErrorSource;
  requestId?: string;
  httpStatus?: number;
  field?: string;
  issues?: Issue[];
  hint?: string;
}

/** The one error type of the project. Every failure a user can meet is one of these. */
export class AppError extends Error {
  readonly body: ErrorBody;
  /** Fields of the result besides `error` that help act on it (e.g. the applyRouteChanges call that does what was refused). */
  resultFields?: Record<string, unknown>;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'AppError';
    this.body = stripUndefined(body);
  }

  get code(): string {
    return this.body.code;
  }

  get retryable(): boolean {
    return this.body.retryable;
  }

  toJSON(): ErrorBody {
    return this.body;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
