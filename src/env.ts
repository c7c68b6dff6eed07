// Reading the environment: an unset, blank or unfilled MCPB value (`${user_config.NAME}`) counts as absent.

/** What an MCPB host passes for an optional field the user left empty: `${user_config.NAME}`. */
export function isUnfilledPlaceholder(value: string): boolean {
  return /^\$\{user_config\.[^}]*\}$/.test(value.trim());
}

/** Absent, blank, or an unfilled MCPB placeholder. */
export function isUnset(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === '' || isUnfilledPlaceholder(value);
}

export function readEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return isUnset(value) ? undefined : value.trim();
}
