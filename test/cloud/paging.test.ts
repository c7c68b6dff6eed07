// Paged lists with the page-count hint: one wave for a list seen before, and never a missed item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageHints, PAGE_SIZE, readAllPages } from '../../src/cloud/paging.js';
import { createPopVpcClient, type PopVpcClient } from '../../src/cloud/pop-vpc-client.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

/** A list of `size()` items behind a fetcher that records which pages were asked for before page 1 answered. */
function fakeList(size: () => number) {
  const asked: number[] = [];
  let askedBeforePageOne: number[] = [];
  const fetchPage = async (n: number, pageSize: number) => {
    asked.push(n);
    if (n === 1) {
      // Page 1 answers a macrotask later: what was asked by then went out in the same wave.
      await new Promise<void>((resolve) =>
        setImmediate(() => {
          askedBeforePageOne = [...asked];
          resolve();
        }),
      );
    }
    const total = size();
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - (n - 1) * pageSize)) }, (_, i) => ({ Id: (n - 1) * pageSize + i }));
    return { TotalCount: total, RequestId: `req-${n}`, Items: items };
  };
  return { fetchPage, asked, firstWave: () => askedBeforePageOne };
}

const itemsOf = (data: Record<string, unknown>) => data.Items as Record<string, unknown>[];
const ids = (items: Record<string, unknown>[]) => items.map((i) => i.Id);
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('readAllPages with a page-count hint', () => {
  it('without a hint asks for page 1 alone, then for the pages its TotalCount implies', async () => {
    const list = fakeList(() => 4 * PAGE_SIZE - 10);
    const { items, requestId } = await readAllPages(list.fetchPage, itemsOf, { hints: createPageHints(), key: 'k' });
    expect(list.firstWave()).toEqual([1]);
    expect(list.asked).toEqual([1, 2, 3, 4]);
    expect(ids(items)).toEqual(upTo(4 * PAGE_SIZE - 10));
    expect(requestId).toBe('req-1');
  });

  it('for a list seen before asks for every page at once', async () => {
    const hints = createPageHints();
    const list = fakeList(() => 4 * PAGE_SIZE - 10);
    await readAllPages(list.fetchPage, itemsOf, { hints, key: 'k' });
    const again = fakeList(() => 4 * PAGE_SIZE - 10);
    const { items } = await readAllPages(again.fetchPage, itemsOf, { hints, key: 'k' });
    expect(again.firstWave()).toEqual([1, 2, 3, 4]);
    expect(again.asked).toEqual([1, 2, 3, 4]);
    expect(ids(items)).toEqual(upTo(4 * PAGE_SIZE - 10));
  });

  it('a list that grew since: the missing pages are fetched at once, every item is read', async () => {
    const hints = createPageHints();
    let size = 2 * PAGE_SIZE;
    const list = fakeList(() => size);
    await readAllPages(list.fetchPage, itemsOf, { hints, key: 'k' });
    size = 5 * PAGE_SIZE + 1;
    const grown = fakeList(() => size);
    const { items } = await readAllPages(grown.fetchPage, itemsOf, { hints, key: 'k' });
    expect(grown.firstWave()).toEqual([1, 2]);
    expect(ids(items)).toEqual(upTo(5 * PAGE_SIZE + 1));
  });

  it('a list that shrank since: pages beyond its end are not used', async () => {
    const hints = createPageHints();
    let size = 5 * PAGE_SIZE;
    await readAllPages(fakeList(() => size).fetchPage, itemsOf, { hints, key: 'k' });
    size = PAGE_SIZE + 3;
    const shrunk = fakeList(() => size);
    const { items } = await readAllPages(shrunk.fetchPage, itemsOf, { hints, key: 'k' });
    expect(shrunk.firstWave()).toEqual([1, 2, 3, 4, 5]);
    expect(ids(items)).toEqual(upTo(PAGE_SIZE + 3));
  });

  it('a hint is per list and expires', async () => {
    let now = 0;
    const hints = createPageHints({ ttlMs: 1000, now: () => now });
    await readAllPages(fakeList(() => 3 * PAGE_SIZE).fetchPage, itemsOf, { hints, key: 'a' });
    const other = fakeList(() => 3 * PAGE_SIZE);
    await readAllPages(other.fetchPage, itemsOf, { hints, key: 'b' });
    expect(other.firstWave()).toEqual([1]);
    now = 1001;
    const later = fakeList(() => 3 * PAGE_SIZE);
    await readAllPages(later.fetchPage, itemsOf, { hints, key: 'a' });
    expect(later.firstWave()).toEqual([1]);
  });
});

describe('the VPC client with routes added and removed between calls', () => {
  const KEY = { accessKeyId: 'LTAI5tPageHintKey0001', accessKeySecret: 'page-hint-secret-0123456789' };
  const GW = 'vpn-pagehint000000001';
  const VCO = 'vco-pagehint000000001';
  const route = (i: number) => ({ routeSource: `10.${i >> 8}.${i & 255}.0/24`, routeDest: '172.16.0.0/24', nextHop: VCO, weight: 100 });
  let emulator: RunningEmulator;
  let client: PopVpcClient;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: {
        credentials: [KEY],
        quota: 500,
        applyMs: 0,
        gateways: [{ id: GW, regionId: 'cn-hangzhou', pbrPriority: true }],
        connections: [{ id: VCO, gatewayId: GW }],
        routes: Array.from({ length: 120 }, (_, i) => ({ vpnGatewayId: GW, ...route(i), publishVpc: false })),
      },
      port: 0,
    });
    client = createPopVpcClient({ credentials: KEY, endpoint: emulator.url, backoff: { baseMs: 1, capMs: 5 } });
  });
  afterAll(async () => {
    client.close();
    await emulator.close();
  });

  const listed = async () => (await client.listPbrRoutes('cn-hangzhou', GW)).map((r) => r.routeSource).sort();
  const expected = () => emulator.routes(GW).map((r) => r.routeSource).sort();

  it('sees every route after routes were added, then after routes were removed', async () => {
    expect(await listed()).toEqual(expected());
    expect(expected()).toHaveLength(120);

    for (let i = 120; i < 190; i++) await client.createPbrRoute({ regionId: 'cn-hangzhou', vpnGatewayId: GW, ...route(i), publishVpc: false });
    expect(expected()).toHaveLength(190);
    expect(await listed()).toEqual(expected());

    for (let i = 0; i < 150; i++) await client.deletePbrRoute({ regionId: 'cn-hangzhou', vpnGatewayId: GW, ...route(i) });
    expect(expected()).toHaveLength(40);
    const before = emulator.requests.length;
    expect(await listed()).toEqual(expected());
    // The stale hint (190 routes) asked for 4 pages; the one that holds the 40 routes decided.
    expect(emulator.requests.slice(before).map((r) => r.params.PageNumber).sort()).toEqual(['1', '2', '3', '4']);
  });
});
