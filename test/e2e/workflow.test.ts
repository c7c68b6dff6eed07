// The whole agent workflow against the built server over stdio, with the emulator as the cloud.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE, SECRET, STS_TOKEN } from './fixtures.js';
import { body, emulatorEnv, nonJsonRpcStdout, type Session, startSession } from './harness.js';

let emulator: RunningEmulator;
let session: Session;
const transcripts: string[] = [];

const creates = () => emulator.requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry');
const realCreates = () => creates().filter((r) => r.params.DryRun !== 'true');

beforeAll(async () => {
  emulator = await startEmulator({ seed: E2E_SEED, port: 0 });
  // DEBUG and NODE_DEBUG switch on every library's and node's own debug output: none of it may carry a secret.
  session = await startSession({
    env: emulatorEnv(emulator, E2E_SEED, { VPN_PBR_MCP_CONFIRM_SECRET: 'shared-secret-for-e2e-tests-0001', DEBUG: '*', NODE_DEBUG: 'http,net' }),
  });
});

afterAll(async () => {
  await session.close();
  await emulator.close();
  // Every byte on stdout was JSON-RPC, and no secret ever left the process.
  expect(nonJsonRpcStdout(session.stdout())).toEqual([]);
  for (const text of [session.stdout(), session.stderr(), ...transcripts]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(STS_TOKEN);
    expect(text).not.toMatch(/Signature=/);
  }
});

beforeEach(() => emulator.reset());
afterEach(() => emulator.faults.clear());

async function call(name: string, args: unknown) {
  const result = await session.call(name, args);
  transcripts.push(JSON.stringify(result));
  // The same JSON as structured content and as text.
  const text = result.content?.[0];
  expect(text?.type).toBe('text');
  expect(JSON.parse((text as { text: string }).text)).toEqual(result.structuredContent);
  return result;
}

async function dryRun(args: Record<string, unknown> = GOOD_ROUTE) {
  const result = await call('createVpnPbrRoute', args);
  expect(result.isError, JSON.stringify(result.structuredContent)).toBe(false);
  return body(result).confirmationToken as string;
}

describe('validateRoute', () => {
  it('reports every broken value at once, with codes and fields, as a normal result', async () => {
    const result = await call('validateRoute', { ...GOOD_ROUTE, routeDest: '10.0.0.5/24', weight: 50, priority: 0 });
    expect(result.isError).toBe(false);
    const b = body(result);
    expect(b.valid).toBe(false);
    expect(b.issues.map((i: { code: string; field: string }) => [i.code, i.field])).toEqual([
      ['InvalidCidrBlock.Malformed', 'routeDest'],
      ['VpnRouteEntry.InvalidWeight', 'weight'],
      ['InvalidParameter.Priority', 'priority'],
    ]);
    expect(b.issues[0].hint).toBe('use 10.0.0.0/24');
    // The gateway and next hop are still checked live; the route list needs a sound routeDest.
    expect(b.checks).toContainEqual(expect.objectContaining({ name: 'gateway', status: 'passed' }));
    expect(b.checks).toContainEqual(expect.objectContaining({ name: 'existingRoutes', status: 'skipped' }));
    expect(b.summary).toMatch(/^Not valid: 3 problems\. routeDest: 10\.0\.0\.5\/24 has host bits set; use 10\.0\.0\.0\/24/);
    expect(emulator.requests.map((r) => r.action).sort()).toEqual(['DescribeVpnConnection', 'DescribeVpnGateway']);
  });

  it('checks the live gateway, next hop and existing routes, read-only', async () => {
    const result = await call('validateRoute', GOOD_ROUTE);
    const b = body(result);
    expect(b.valid).toBe(true);
    expect(b.route).toEqual({ regionId: 'cn-hangzhou', ...GOOD_ROUTE });
    expect(b.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).toEqual([
      'offline:passed',
      'policy:passed',
      'gateway:passed',
      'nextHop:passed',
      'existingRoutes:passed',
    ]);
    expect(b.summary).toMatch(/^Valid: .*checked offline and against the live gateway and its 1 existing routes/);
    expect(creates()).toHaveLength(0);
  });

  it.each([
    [{ vpnGatewayId: 'vpn-nosuchgw1' }, 'InvalidVpnGatewayInstanceId.NotFound', 'vpnGatewayId'],
    [{ nextHop: 'vco-e2elegacy1' }, 'InvalidNextHop.NotFound', 'nextHop'],
    [{ nextHop: 'vco-nosuch1' }, 'InvalidNextHop.NotFound', 'nextHop'],
    [{ vpnGatewayId: 'vpn-e2elegacy01', nextHop: 'vco-e2elegacy1', priority: 5 }, 'VpnPbrRouteEntryPriority.NotSupport', 'priority'],
    [{ vpnGatewayId: 'vpn-e2elocked01', nextHop: 'vco-e2elocked1' }, 'VpnGateway.FinancialLocked', 'vpnGatewayId'],
    [{ routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24' }, 'VpnRouteEntry.AlreadyExists', 'routeDest'],
    [{ routeSource: '192.168.50.0/25', routeDest: '10.50.0.0/25', priority: 20 }, 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap', 'routeDest'],
  ])('finds live problem %j → %s', async (change, code, field) => {
    const b = body(await call('validateRoute', { ...GOOD_ROUTE, ...change }));
    expect(b.valid).toBe(false);
    expect(b.issues).toContainEqual(expect.objectContaining({ code, field, severity: 'error' }));
  });

  it('rejects unknown, mistyped and missing arguments with a structured error, never drops them', async () => {
    const { nextHop: _omitted, ...withoutNextHop } = GOOD_ROUTE;
    const result = await call('validateRoute', { ...withoutNextHop, RouteDest: '10.0.0.0/24', weight: '100', priority: null });
    expect(result.isError).toBe(true);
    const b = body(result);
    expect(b.error.code).toBe('ValidationFailed');
    expect(b.error.source).toBe('input');
    const byField = Object.fromEntries(b.error.issues.map((i: { field: string; code: string }) => [i.field, i.code]));
    expect(byField).toEqual({
      RouteDest: 'InvalidParameter.Unknown',
      weight: 'InvalidParameter.Weight',
      priority: 'InvalidParameter.Priority',
      nextHop: 'MissingParameter',
    });
  });
});

describe('createVpnPbrRoute', () => {
  it('dry-runs, then creates with the token, and the route is listed', async () => {
    const first = await call('createVpnPbrRoute', GOOD_ROUTE);
    const dry = body(first);
    expect(dry.status).toBe('dry_run_passed');
    expect(dry.route).toEqual({ regionId: 'cn-hangzhou', ...GOOD_ROUTE });
    expect(dry.summary).toContain('No route was created yet');
    expect(new Date(dry.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(creates().map((r) => r.params.DryRun)).toEqual(['true']);
    expect(emulator.routes('vpn-e2eprio01')).toHaveLength(1);

    const second = await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dry.confirmationToken });
    const created = body(second);
    expect(second.isError).toBe(false);
    expect(created.status).toBe('created');
    expect(created.routeCreated).toBe(true);
    expect(created.route).toMatchObject({ routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-e2ea1', weight: 100, priority: 10, state: 'published' });
    expect(emulator.routes('vpn-e2eprio01')).toHaveLength(2);
    expect(emulator.gatewayStatus('vpn-e2eprio01')).toBe('active');
    // An omitted optional stays omitted on the wire.
    expect(realCreates()[0]?.params).not.toHaveProperty('Priority');
    expect(realCreates()[0]?.params).not.toHaveProperty('Description');

    const listed = body(await call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2eprio01' }));
    expect(listed.routes).toHaveLength(2);
    expect(listed.gateway.status).toBe('active');
  });

  it('never creates a second route when the same token is used again', async () => {
    const token = await dryRun();
    const a = body(await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
    const b = body(await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
    expect(a.status).toBe('created');
    expect(b.status).toBe('created');
    expect(a.replayed).toBeUndefined();
    expect(b.replayed).toBe(true);
    expect(b.summary).toContain('earlier confirmation of this token; no second route');
    expect(emulator.routes('vpn-e2eprio01')).toHaveLength(2);
    const tokens = realCreates().map((r) => r.params.ClientToken);
    expect(new Set(tokens).size).toBe(1);
  });

  it('refuses to dry-run an invalid route and sends nothing', async () => {
    const result = await call('createVpnPbrRoute', { ...GOOD_ROUTE, routeDest: '100.64.1.0/24' });
    expect(result.isError).toBe(true);
    const b = body(result);
    expect(b.error.code).toBe('ValidationFailed');
    expect(b.error.issues[0].code).toBe('IllegalParam.RouteDest');
    expect(b.routeCreated).toBe(false);
    expect(b.summary).toMatch(/No route was created\.$/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('discards a passed dry run when a live check finds a problem, and issues no token', async () => {
    emulator.faults.inject('DescribeVpnConnection', { kind: 'error', code: 'InvalidVpnConnectionInstanceId.NotFound', httpStatus: 404 });
    const result = await call('createVpnPbrRoute', GOOD_ROUTE);
    const b = body(result);
    expect(result.isError).toBe(true);
    expect(b.error.code).toBe('ValidationFailed');
    expect(b.error.issues.map((i: { code: string }) => i.code)).toEqual(['InvalidNextHop.NotFound']);
    expect(b.confirmationToken).toBeUndefined();
    expect(b.routeCreated).toBe(false);
    // The dry run went out with the look-ups (once the offline rules passed) and passed; its answer was not used.
    expect(creates().map((r) => r.params.DryRun)).toEqual(['true']);
    expect(emulator.routes('vpn-e2eprio01')).toHaveLength(1);
  });

  it('refuses a token for other arguments, naming the fields, and sends nothing', async () => {
    const token = await dryRun();
    const before = creates().length;
    const result = await call('createVpnPbrRoute', { ...GOOD_ROUTE, routeDest: '10.0.1.0/24', confirmationToken: token });
    const b = body(result);
    expect(result.isError).toBe(true);
    expect(b.error.code).toBe('ConfirmationMismatch');
    expect(b.error.issues.map((i: { field: string }) => i.field)).toEqual(['routeDest']);
    expect(b.routeCreated).toBe(false);
    expect(b.summary).toMatch(/No route was created\.$/);
    expect(creates()).toHaveLength(before);
  });

  it('refuses an altered token', async () => {
    const token = await dryRun();
    const [payload, mac] = token.split('.') as [string, string];
    const altered = `${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    const b = body(await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: altered }));
    expect(b.error.code).toBe('ConfirmationInvalid');
    expect(realCreates()).toHaveLength(0);
  });

  it('refuses a create without a prior dry run (made-up token)', async () => {
    const b = body(await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: 'made.up' }));
    expect(b.error.code).toBe('ConfirmationInvalid');
    expect(b.routeCreated).toBe(false);
    expect(emulator.requests).toHaveLength(0);
  });

  it('returns the API error when the dry run fails, and issues no token', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'Forbidden', httpStatus: 403, message: 'User not authorized to operate on the specified resource.' });
    const result = await call('createVpnPbrRoute', GOOD_ROUTE);
    const b = body(result);
    expect(result.isError).toBe(true);
    expect(b.error).toMatchObject({ code: 'Forbidden', source: 'cloud', httpStatus: 403, retryable: false });
    expect(b.error.requestId).toEqual(expect.any(String));
    expect(b.confirmationToken).toBeUndefined();
    expect(b.routeCreated).toBe(false);
  });

  it('retries a busy gateway with the same ClientToken and creates once', async () => {
    const token = await dryRun();
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'VpnGateway.Configuring', httpStatus: 400 }, 2);
    const b = body(await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
    expect(b.status).toBe('created');
    expect(realCreates()).toHaveLength(3);
    expect(new Set(realCreates().map((r) => r.params.ClientToken)).size).toBe(1);
    expect(emulator.routes('vpn-e2eprio01')).toHaveLength(2);
  });

  it.each([
    ['non-json', { kind: 'non-json' as const }],
    ['hang', { kind: 'hang' as const, ms: 4000 }],
    ['lose-answer (hang)', { kind: 'lose-answer' as const }],
    ['lose-answer (502 page)', { kind: 'lose-answer' as const, after: 'non-json' as const }],
    ['lose-answer (socket destroyed)', { kind: 'lose-answer' as const, after: 'destroy' as const }],
  ])('ends as exactly one created route after a %s fault', async (_name, fault) => {
    const token = await dryRun();
    emulator.faults.inject('CreateVpnPbrRouteEntry', fault);
    const result = await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    const b = body(result);
    expect(result.isError, JSON.stringify(b)).toBe(false);
    expect(b.routeCreated).toBe(true);
    expect(emulator.routes('vpn-e2eprio01').filter((r) => r.routeDest === '10.0.0.0/24')).toHaveLength(1);
  });

  it('says "unknown" only when the outcome cannot be established even from the route list', async () => {
    const token = await dryRun();
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-answer', after: 'non-json' }, 10);
    emulator.faults.inject('DescribeVpnPbrRouteEntries', { kind: 'non-json' }, 100);
    const result = await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    const b = body(result);
    expect(result.isError).toBe(true);
    expect(b.routeCreated).toBe('unknown');
    expect(b.summary).toContain('listVpnPbrRoutes');
    expect(b.summary).not.toContain('No route was created.');
  });

  it('reports a cloud refusal of the create with routeCreated false', async () => {
    const token = await dryRun();
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'CreatePbrRoutesQuotaFull.QuotaFull', httpStatus: 400 });
    const b = body(await call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
    expect(b.error.code).toBe('CreatePbrRoutesQuotaFull.QuotaFull');
    expect(b.routeCreated).toBe(false);
    expect(b.summary).toMatch(/No route was created\.$/);
    expect(emulator.routes('vpn-e2eprio01')).toHaveLength(1);
  });
});

describe('listVpnPbrRoutes', () => {
  it('returns every route of a gateway across pages, with the gateway status', async () => {
    const b = body(await call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2eprio01' }));
    expect(b.routes).toEqual([expect.objectContaining({ routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', priority: 20 })]);
    expect(b.gateway).toMatchObject({ vpnGatewayId: 'vpn-e2eprio01', status: 'active', pbrPriority: true });
  });

  it('passes a not-found gateway through as a cloud error', async () => {
    const result = await call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-nosuch9' });
    expect(result.isError).toBe(true);
    expect(body(result).error).toMatchObject({ code: 'InvalidVpnGatewayInstanceId.NotFound', source: 'cloud', httpStatus: 404 });
  });
});
