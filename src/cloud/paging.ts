// Reading every page of a Describe* list: the first page says how many there are, the rest are fetched
// concurrently (bounded), in order. A list read before leaves a hint of its size, so the next read asks
// for every page it implies at once (one wave instead of two); page 1's TotalCount still decides.
import { asRecord } from '../util.js';
import { numberOf, stringOf } from './response-mapping.js';

/** The API's maximum page size for DescribeVpnPbrRouteEntries and DescribeVpnConnections. */
export const PAGE_SIZE = 50;
/** Pages are fetched in parallel (1,000 routes in one wave), but not unbounded: a huge list must not trip throttling. */
export const PAGE_CONCURRENCY = 20;
// A garbage TotalCount must not start thousands of requests (200 pages = 10,000 entries).
const MAX_PAGES = 200;
/** How long a list's size is trusted as a hint: long enough for validate → confirm → create. */
export const PAGE_HINT_TTL_MS = 5 * 60_000;
const MAX_HINTS = 1000;

export type PageFetcher = (pageNumber: number, pageSize: number) => Promise<Record<string, unknown>>;

/** The last TotalCount seen per list (region + gateway + action), in memory and short-lived. */
export interface PageHints {
  get(key: string): number | undefined;
  remember(key: string, total: number): void;
}

export function createPageHints({ ttlMs = PAGE_HINT_TTL_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {}): PageHints {
  const hints = new Map<string, { total: number; until: number }>();
  return {
    get(key) {
      const hint = hints.get(key);
      if (hint === undefined) return undefined;
      if (hint.until > now()) return hint.total;
      hints.delete(key);
      return undefined;
    },
    remember(key, total) {
      hints.delete(key);
      // Insertion order is age order: the oldest goes first when full.
      if (hints.size >= MAX_HINTS) hints.delete(hints.keys().next().value as string);
      hints.set(key, { total, until: now() + ttlMs });
    },
  };
}

function pagesFor(total: number): number {
  return Math.min(Math.max(Math.ceil(total / PAGE_SIZE), 1), MAX_PAGES);
}

/** Every item of a paged list, and the first page's RequestId. */
export async function readAllPages(
  fetchPage: PageFetcher,
  itemsOf: (data: Record<string, unknown>) => Record<string, unknown>[],
  hint?: { hints: PageHints; key: string },
): Promise<{ items: Record<string, unknown>[]; requestId: string }> {
  const limit = limiter(PAGE_CONCURRENCY);
  const started = new Map<number, Promise<Record<string, unknown>>>();
  const page = (n: number) => {
    let answer = started.get(n);
    if (answer === undefined) {
      answer = limit(() => fetchPage(n, PAGE_SIZE));
      // A page the list turns out not to need must not become an unhandled rejection.
      answer.catch(() => {});
      started.set(n, answer);
    }
    return answer;
  };

  const hinted = hint === undefined ? undefined : hint.hints.get(hint.key);
  for (let n = 1; n <= (hinted === undefined ? 1 : pagesFor(hinted)); n++) page(n);

  const first = await page(1);
  const firstItems = itemsOf(first);
  const total = numberOf(first.TotalCount) ?? firstItems.length;
  hint?.hints.remember(hint.key, total);
  // Pages the hint did not cover are asked for now; pages it covered are already on their way.
  const pageCount = pagesFor(total);
  const rest = await Promise.all(range(2, pageCount).map(async (n) => itemsOf(await page(n))));
  // A hint larger than the list fetched pages beyond its end: wait for them (nothing runs on after the call), use none.
  await Promise.allSettled([...started].filter(([n]) => n > pageCount).map(([, answer]) => answer));
  return { items: [firstItems, ...rest].flat(), requestId: stringOf(first.RequestId) ?? '' };
}

// The API gives a single-element list as an object on some paths (XML heritage): accept both.
export function listOf(value: unknown): Record<string, unknown>[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.map(asRecord).filter((item): item is Record<string, unknown> => item !== undefined);
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

/** Runs at most `max` tasks at a time, in the order they were given; a finished task hands its slot on. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async (task) => {
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
