// One rule for what a principal name may be: it appears in audit lines, tokens files (before a ':'),
// JWT claims and the comma-separated approvers list.
export const PRINCIPAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

/** Who an unauthenticated caller is on a loopback-only server: reserved, so no authenticated caller can be it. */
export const ANONYMOUS = 'anonymous';

/** In any letter case: `Anonymous` in an audit line would read as the unauthenticated caller. */
export function isReservedPrincipal(value: string): boolean {
  return value.toLowerCase() === ANONYMOUS;
}

/** A name an authenticated caller (or an approver) may have. */
export function isPrincipal(value: string): boolean {
  return PRINCIPAL_PATTERN.test(value) && !isReservedPrincipal(value);
}
