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

/**
 * JSON with object keys sorted and undefined members left out, so that one value has one text whatever order its keys
 * came in (a plan's ID, a confirmation round's digest of the arguments). An undefined element or value is `null`.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The one format of times in results: ISO 8601 in UTC, to the second (2026-11-25T12:10:00Z). */
export function isoSeconds(time: Date | number | undefined): string | undefined {
  const date = time === undefined ? undefined : new Date(time);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

/** How a JSON-RPC batch is refused (batches left MCP in 2025-06-18); each transport ends it with its unit: ` line`, ` POST`. */
export const BATCH_REFUSAL_PREFIX = 'JSON-RPC batches are not accepted (MCP has no batches since 2025-06-18): send one message per';

/** A host as it stands in a URL: an IPv6 address in brackets. */
export function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
