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

/** A value as it may appear in a message: at most `max` characters, the rest cut (never a 200 kB echo). */
export function clip(text: string, max = 64): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Any untrusted value for a message: cut, and quoted when it is not a plain word. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  const cut = clip(text);
  // Numbers and other JSON values read as they are; only odd strings get quotes.
  if (typeof value !== 'string') return cut;
  return /^[\x21-\x7e]+$/.test(cut) ? cut : JSON.stringify(cut);
}
