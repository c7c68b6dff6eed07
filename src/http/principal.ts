// One rule for what a principal name may be: it appears in audit lines, tokens files (before a ':')
// and the comma-separated approvers list.
export const PRINCIPAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

export function isPrincipal(value: string): boolean {
  return PRINCIPAL_PATTERN.test(value);
}

/** Who an unauthenticated caller is on a loopback-only server. */
export const ANONYMOUS = 'anonymous';
