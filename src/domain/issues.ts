// Issues as prose: one way to say a problem, used by summaries and error messages alike.
import type { Issue } from './types.js';

/** "field: message; hint": every issue reads the same way (a message that repeats its field loses the repeat). */
export function describeIssue(issue: Issue, withHint = true): string {
  const { field, message } = issue;
  const rest = field && message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
  const text = field ? `${field}: ${rest}` : message;
  return withHint && issue.hint ? `${text}; ${issue.hint}` : text;
}

/** The issues as one or more sentences, each ending with a full stop. */
export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${describeIssue(i).replace(/\.$/, '')}.`).join(' ');
}
