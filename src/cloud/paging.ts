// Reading every page of a Describe* list: the first page says how many there are, the rest are fetched
// concurrently (bounded), in order.
import { asRecord } from '../util.js';
import { numberOf, stringOf } from './response-mapping.js';

/** The API's maximum page size for DescribeVpnPbrRouteEntries and DescribeVpnConnections. */
export const PAGE_SIZE = 50;
/** Pages 2..n are fetched in parallel (1,000 routes in one wave), but not unbounded: a huge list must not trip throttling. */
export const PAGE_CONCURRENCY = 20;
// A garbage TotalCount must not start thousands of requests (200 pages = 10,000 entries).
const MAX_PAGES = 200;

export type PageFetcher = (pageNumber: number, pageSize: number) => Promise<Record<string, unknown>>;

/** Every item of a paged list, and the first page's RequestId. */
export async function readAllPages(
  fetchPage: PageFetcher,
  itemsOf: (data: Record<string, unknown>) => Record<string, unknown>[],
): Promise<{ items: Record<string, unknown>[]; requestId: string }> {
  const first = await fetchPage(1, PAGE_SIZE);
  const firstItems = itemsOf(first);
  const total = numberOf(first.TotalCount) ?? firstItems.length;
  const pageCount = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGES);
  const rest = await mapConcurrent(range(2, pageCount), PAGE_CONCURRENCY, async (n) => itemsOf(await fetchPage(n, PAGE_SIZE)));
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

/** Promise.all over `items` with at most `limit` in flight; results keep the input order. */
async function mapConcurrent<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
