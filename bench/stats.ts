// Small statistics and formatting helpers for the benchmark report.

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p from 0 to 100) of a non-empty sample. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  const s = sorted(values);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1] as number;
}

/** The median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty sample');
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface Summary {
  n: number;
  min: number;
  median: number;
  p90: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  const s = sorted(values);
  return { n: s.length, min: s[0] as number, median: median(s), p90: percentile(s, 90), max: s[s.length - 1] as number };
}

export const ms = (value: number): string => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
export const mb = (kb: number): string => `${(kb / 1024).toFixed(1)} MB`;
export const ratio = (value: number): string => `${value.toFixed(2)}×`;

export function describeSummary(s: Summary, format: (v: number) => string = ms): string {
  return `median ${format(s.median)}, p90 ${format(s.p90)} (min ${format(s.min)}, max ${format(s.max)}, n=${s.n})`;
}
