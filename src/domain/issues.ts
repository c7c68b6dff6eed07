// Issues as prose: one way to say a problem, used by summaries and error messages alike.
import type { Issue } from './types.js';

/** "field: message; hint", without repeating a field name the message already starts with. */
export function describeIssue(issue: Issue, withHint = true): string {
  const text = issue.field && !issue.message.startsWith(issue.field) ? `${issue.field}: ${issue.message}` : issue.message;
  return withHint && issue.hint ? `${text}; ${issue.hint}` : text;
}

/** The issues as one or more sentences, each ending with a full stop. */
export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${describeIssue(i).replace(/\.$/, '')}.`).join(' ');
}
