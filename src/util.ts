// Small helpers shared across layers.

/** Drops keys whose value is undefined (an omitted optional stays omitted, on the wire and in results). */
export function stripUndefined<T extends object>(value: T): T {
  // A plain loop: this runs for every listed route, and entries/filter/fromEntries cost three arrays each.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
