// listVpnPbrRoutes filters and cursor paging, and validateRoute reporting every problem at once, through the built bin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';

const BIG = 'vpn-e2ebig01';
// 250 routes: sources 192.168.0.0/24 … 192.168.249.0/24 (via vco-e2ebig1 for even, vco-e2ebig2 for odd), destinations 10.<i % 5>.<i>.0/24.
const BIG_ROUTES = Array.from({ length: 250 }, (_, i) => ({
  vpnGatewayId: BIG,
  routeSource: `192.168.${i}.0/24`,
  routeDest: `10.${i % 5}.${i}.0/24`,
  nextHop: i % 2 === 0 ? 'vco-e2ebig1' : 'vco-e2ebig2',
  weight: 100,
  priority: 10,
  publishVpc: true,
}));

const SEED: EmulatorSeed = {
  ...E2E_SEED,
  quota: 1000,
  gateways: [...(E2E_SEED.gateways ?? []), { id: BIG, regionId: 'cn-hangzhou', pbrPriority: true }],
  connections: [...(E2E_SEED.connections ?? []), { id: 'vco-e2ebig1', gatewayId: BIG }, { id: 'vco-e2ebig2', gatewayId: BIG }],
  routes: [...(E2E_SEED.routes ?? []), ...BIG_ROUTES],
};

const emulator = useEmulator(SEED);
let session: Session;

beforeAll(async () => {
  session = await startSession({ env: emulatorEnv(emulator.get(), SEED) });
});
afterAll(async () => session.close());

async function list(args: Record<string, unknown>) {
  const result = await session.call('listVpnPbrRoutes', { vpnGatewayId: BIG, ...args });
  expect(result.isError, JSON.stringify(result.structuredContent)).toBe(false);
  return body(result);
}

describe('listVpnPbrRoutes', () => {
  it('answers 100 routes by default and pages through the rest with nextCursor, each route once', async () => {
    const first = await list({});
    expect(first.routes).toHaveLength(100);
    expect(first).toMatchObject({ count: 100, matching: 250, total: 250 });
    expect(first.summary).toMatch(/^Routes 1-100 of 250 policy-based routes on vpn-e2ebig01 .*More follow/);
    const second = await list({ cursor: first.nextCursor });
    const third = await list({ cursor: second.nextCursor });
    expect(third.routes).toHaveLength(50);
    expect(third.nextCursor).toBeUndefined();
    const sources = [...first.routes, ...second.routes, ...third.routes].map((r: { routeSource: string }) => r.routeSource);
    expect(sources).toEqual(BIG_ROUTES.map((r) => r.routeSource));
  });

  it('filters by exact block, by containment and by next hop, and pages within the filter', async () => {
    expect((await list({ routeDest: '10.1.6.0/24' })).routes.map((r: { routeSource: string }) => r.routeSource)).toEqual(['192.168.6.0/24']);
    const within = await list({ routeDest: '10.2.0.0/16', cidrMatch: 'within', limit: 20 });
    expect(within).toMatchObject({ count: 20, matching: 50, total: 250 });
    expect(within.routes.every((r: { routeDest: string }) => r.routeDest.startsWith('10.2.'))).toBe(true);
    expect(within.summary).toContain('matching routeDest within 10.2.0.0/16');
    const next = await list({ routeDest: '10.2.0.0/16', cidrMatch: 'within', limit: 20, cursor: within.nextCursor });
    expect(next.routes[0].routeSource).toBe('192.168.102.0/24');
    const viaB = await list({ nextHop: 'vco-e2ebig2', routeSource: '192.168.0.0/20', cidrMatch: 'within' });
    expect(viaB.routes.map((r: { routeSource: string }) => r.routeSource)).toEqual(['192.168.1.0/24', '192.168.3.0/24', '192.168.5.0/24', '192.168.7.0/24', '192.168.9.0/24', '192.168.11.0/24', '192.168.13.0/24', '192.168.15.0/24']);
  });

  it('refuses a cursor from another listing and a malformed filter block', async () => {
    const first = await list({ limit: 10 });
    const foreign = await session.call('listVpnPbrRoutes', { vpnGatewayId: BIG, routeDest: '10.0.0.0/8', cidrMatch: 'within', cursor: first.nextCursor });
    expect(foreign.isError).toBe(true);
    expect(body(foreign).error).toMatchObject({ code: 'InvalidParameter.Cursor', field: 'cursor', source: 'input' });
    const malformed = await session.call('listVpnPbrRoutes', { vpnGatewayId: BIG, routeSource: '192.168.1.7/24' });
    expect(body(malformed).error.issues).toContainEqual(expect.objectContaining({ code: 'InvalidCidrBlock.Malformed', field: 'routeSource', hint: 'use 192.168.1.0/24' }));
  });

  it('shows only the fields the API returns, and its text is the same JSON, one route per line', async () => {
    const result = await session.call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2eprio01' });
    const b = body(result);
    expect(Object.keys(b.routes[0]).sort()).toEqual(['createTime', 'nextHop', 'priority', 'routeDest', 'routeSource', 'state', 'weight']);
    const text = (result.content as { text: string }[])[0]?.text ?? '';
    expect(JSON.parse(text)).toEqual(b);
    expect(text.split('\n').filter((line) => line.includes('"routeSource"'))).toHaveLength(1);
    expect(text.startsWith('{"summary":')).toBe(true);
  });
});

describe('createTime', () => {
  it('has one format, to the second, in the list, the create result and the delete preview', async () => {
    const dryRun = body(await session.call('createVpnPbrRoute', GOOD_ROUTE));
    const created = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dryRun.confirmationToken }));
    expect(created.status).toBe('created');
    const listed = (await list({ vpnGatewayId: GOOD_ROUTE.vpnGatewayId, routeDest: GOOD_ROUTE.routeDest })).routes[0];
    const preview = body(await session.call('deleteVpnPbrRoute', created.undo));
    const times = [listed.createTime, created.route.createTime, preview.route.createTime];
    for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(new Set(times).size).toBe(1);
  });
});

describe('validateRoute reports every problem it can in one call', () => {
  it('runs the live checks whose fields are sound even when another field is broken', async () => {
    const b = body(await session.call('validateRoute', { ...GOOD_ROUTE, routeDest: '10.0.0.5/24', nextHop: 'vco-e2elegacy1', priority: 0 }));
    expect(b.valid).toBe(false);
    expect(b.issues.map((i: { code: string; field: string }) => `${i.field}:${i.code}`)).toEqual([
      'routeDest:InvalidCidrBlock.Malformed',
      'priority:InvalidParameter.Priority',
      'nextHop:InvalidNextHop.NotFound',
    ]);
    expect(b.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).toEqual([
      'offline:failed',
      'policy:passed',
      'gateway:passed',
      'nextHop:failed',
      'existingRoutes:skipped',
    ]);
    expect(b.checks[4].detail).toBe('routeDest must be fixed first');
    // The next hop's hint names the gateway's own connections, and only them.
    expect(b.issues[2].hint).toBe('use an IPsec-VPN connection of vpn-e2eprio01: vco-e2ea1, vco-e2eb2');
    expect(b.summary).toContain('Not checked: existingRoutes (routeDest must be fixed first)');
    const connectionsCall = emulator.get().requests.find((r) => r.action === 'DescribeVpnConnections');
    expect(connectionsCall?.params.VpnGatewayId).toBe('vpn-e2eprio01');
  });

  it('prefixes every issue in the summary with its field name the same way', async () => {
    const b = body(await session.call('validateRoute', { ...GOOD_ROUTE, routeSource: '192.168.1.0/33', routeDest: '0.0.0.0/0', weight: 50, description: 'https://x', overlayMode: 'Gre' }));
    const parts = (b.summary as string).replace(/^Not valid: \d+ problems\. /, '').split(/\. (?=[a-zA-Z]+: )/);
    const fields = b.issues.map((i: { field: string }) => i.field);
    expect(parts.map((p) => p.split(':')[0])).toEqual([...fields.slice(0, fields.length), ...(parts.length > fields.length ? ['Not checked'] : [])]);
    for (const [i, field] of fields.entries()) expect(parts[i]?.startsWith(`${field}: ${field} `), parts[i]).toBe(false);
  });

  it('declares a real error object in its output schema', async () => {
    const { tools } = await session.client.listTools();
    const validate = tools.find((t) => t.name === 'validateRoute');
    const properties = (validate?.outputSchema?.properties ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(properties.error?.properties ?? {})).toEqual(expect.arrayContaining(['code', 'message', 'retryable', 'source', 'hint']));
  });
});
