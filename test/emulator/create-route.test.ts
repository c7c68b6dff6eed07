// CreateVpnPbrRouteEntry: every refusal the service documents, in its order, and what a success looks like.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorSeed, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type Call, clientFor, failureOf, REGION } from './helpers.js';

const SEED: EmulatorSeed = {
  applyMs: 0,
  quota: 5,
  gateways: [
    { id: 'vpn-prio', pbrPriority: true },
    { id: 'vpn-legacy' },
    { id: 'vpn-locked', businessStatus: 'FinancialLocked', pbrPriority: true },
    { id: 'vpn-dual', dualTunnel: true, pbrPriority: true },
    { id: 'vpn-busy', status: 'updating' },
    { id: 'vpn-deleting', status: 'deleting' },
    { id: 'vpn-shanghai', regionId: 'cn-shanghai' },
  ],
  connections: [
    { id: 'vco-prio1', gatewayId: 'vpn-prio' },
    { id: 'vco-prio2', gatewayId: 'vpn-prio' },
    { id: 'vco-legacy1', gatewayId: 'vpn-legacy' },
    { id: 'vco-locked1', gatewayId: 'vpn-locked' },
    { id: 'vco-dual1', gatewayId: 'vpn-dual' },
    { id: 'vco-dual2', gatewayId: 'vpn-dual' },
    { id: 'vco-busy1', gatewayId: 'vpn-busy' },
    { id: 'vco-deleting1', gatewayId: 'vpn-deleting' },
    { id: 'vco-shanghai1', gatewayId: 'vpn-shanghai' },
  ],
  routes: [{ vpnGatewayId: 'vpn-prio', routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-prio1', weight: 100, priority: 20 }],
};

const ROUTE = { RegionId: REGION, VpnGatewayId: 'vpn-prio', RouteSource: '192.168.1.0/24', RouteDest: '10.0.0.0/24', NextHop: 'vco-prio1', Weight: 100, PublishVpc: true };

let emulator: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emulator = await startEmulator({ seed: SEED });
  call = clientFor(emulator);
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const create = (overrides: Record<string, unknown> = {}, omit: string[] = []) => {
  const params: Record<string, unknown> = { ...ROUTE, ...overrides };
  for (const name of omit) delete params[name];
  return call('CreateVpnPbrRouteEntry', params);
};

async function refused(overrides: Record<string, unknown>, omit: string[] = []) {
  const before = emulator.routes(String(overrides.VpnGatewayId ?? 'vpn-prio')).length;
  const failure = await failureOf(create(overrides, omit));
  expect(emulator.routes(String(overrides.VpnGatewayId ?? 'vpn-prio'))).toHaveLength(before);
  return failure;
}

describe('CreateVpnPbrRouteEntry success', () => {
  it('creates the route and answers with it', async () => {
    const before = Date.now();
    const answer = await create({ Description: 'office to app', OverlayMode: 'Ipsec', Priority: 5 });
    expect(answer).toMatchObject({
      VpnInstanceId: 'vpn-prio',
      RouteSource: '192.168.1.0/24',
      RouteDest: '10.0.0.0/24',
      NextHop: 'vco-prio1',
      Weight: 100,
      Priority: 5,
      State: 'published',
      OverlayMode: 'Ipsec',
      Description: 'office to app',
    });
    expect(answer.CreateTime).toBeGreaterThanOrEqual(before);
    expect(answer).not.toHaveProperty('Code');
    expect(emulator.routes('vpn-prio').map((r) => r.routeSource)).toEqual(['192.168.10.0/24', '192.168.1.0/24']);
  });

  it('defaults Priority to 10, says normal when not published, and answers absent optionals as empty strings', async () => {
    const answer = await create({ PublishVpc: false });
    expect(answer).toMatchObject({ Priority: 10, State: 'normal', Description: '', OverlayMode: '' });
  });

  it('accepts a route without Priority on a gateway without priority support', async () => {
    const answer = await create({ VpnGatewayId: 'vpn-legacy', NextHop: 'vco-legacy1' });
    expect(answer.Priority).toBe(10);
  });

  it('accepts the standby half of an active/standby pair and a same-block route at another priority', async () => {
    await create({ RouteSource: '192.168.10.0/24', RouteDest: '10.10.0.0/24', NextHop: 'vco-prio2', Weight: 0, Priority: 20 });
    await create({ RouteSource: '192.168.10.0/25', RouteDest: '10.10.0.0/25', Priority: 30 });
    expect(emulator.routes('vpn-prio')).toHaveLength(3);
  });

  it('ignores the same-block warning on a single-tunnel gateway', async () => {
    await expect(create({ RouteSource: '10.0.0.0/24', RouteDest: '10.0.0.0/24' })).resolves.toMatchObject({ RouteSource: '10.0.0.0/24' });
  });
});

describe('CreateVpnPbrRouteEntry refusals', () => {
  it.each(['RegionId', 'VpnGatewayId', 'RouteSource', 'RouteDest', 'NextHop', 'Weight', 'PublishVpc'])('refuses a missing %s with Missing<Name>', async (name) => {
    const failure = await refused({}, [name]);
    expect([failure.code, failure.status]).toEqual([`Missing${name}`, 400]);
  });

  it.each([
    ['Weight', 'heavy'],
    ['Priority', 'high'],
    ['PublishVpc', 'yes'],
    ['DryRun', 'maybe'],
  ])('refuses %s=%s (not the parameter type) with InvalidParameter', async (name, value) => {
    const failure = await refused({ [name]: value });
    expect([failure.code, failure.status]).toEqual(['InvalidParameter', 400]);
    expect(failure.message).toContain(name);
  });

  it.each([
    ['a malformed source', { RouteSource: '192.168.1.300/24' }, 'InvalidCidrBlock.Malformed', 'Specified CIDR block is not valid.'],
    ['a destination with host bits', { RouteDest: '10.0.0.5/24' }, 'InvalidCidrBlock.Malformed', 'Specified CIDR block is not valid.'],
    ['the default route as destination', { RouteDest: '0.0.0.0/0' }, 'IllegalParam.RouteDest', 'The specified RouteDest is invalid'],
    ['a destination in 100.64.0.0/10', { RouteDest: '100.64.1.0/24' }, 'IllegalParam.RouteDest', 'The specified RouteDest is invalid'],
    ['weight 50', { Weight: 50 }, 'VpnRouteEntry.InvalidWeight', 'Invalid route entry weight value.'],
  ])('refuses %s with its published code and message', async (_what, overrides, code, message) => {
    const failure = await refused(overrides);
    expect([failure.code, failure.message, failure.status]).toEqual([code, message, 400]);
  });

  it.each([
    [{ Priority: 101 }, 'InvalidParameter', 'Priority'],
    [{ Description: 'https://example.com' }, 'InvalidParameter', 'Description'],
    [{ Description: 'x'.repeat(101) }, 'InvalidParameter', 'Description'],
    [{ OverlayMode: 'Gre' }, 'InvalidParameter', 'OverlayMode'],
    [{ NextHop: 'tunnel-1' }, 'InvalidNextHop.NotFound', 'NextHop'],
  ])('refuses %o with the API code %s, naming the parameter', async (overrides, code, name) => {
    const failure = await refused(overrides);
    expect(failure.code).toBe(code);
    if (code === 'InvalidParameter') expect(failure.message).toContain(name);
  });

  it('refuses an unknown gateway, or one of another region, with InvalidVpnGatewayInstanceId.NotFound (404)', async () => {
    const unknown = await failureOf(create({ VpnGatewayId: 'vpn-nothere' }));
    expect([unknown.code, unknown.status]).toEqual(['InvalidVpnGatewayInstanceId.NotFound', 404]);
    const elsewhere = await failureOf(create({ VpnGatewayId: 'vpn-shanghai', NextHop: 'vco-shanghai1' }));
    expect(elsewhere.code).toBe('InvalidVpnGatewayInstanceId.NotFound');
  });

  it('refuses a financially locked gateway', async () => {
    const failure = await refused({ VpnGatewayId: 'vpn-locked', NextHop: 'vco-locked1' });
    expect([failure.code, failure.message]).toEqual(['VpnGateway.FinancialLocked', 'The specified service is financial locked.']);
  });

  it('refuses a gateway that is updating with VpnGateway.Configuring, and one that is not active', async () => {
    expect((await refused({ VpnGatewayId: 'vpn-busy', NextHop: 'vco-busy1' })).code).toBe('VpnGateway.Configuring');
    expect((await refused({ VpnGatewayId: 'vpn-deleting', NextHop: 'vco-deleting1' })).code).toBe('IncorrectStatus.VpnGateway');
  });

  it('refuses a next hop that does not exist or belongs to another gateway', async () => {
    expect((await refused({ NextHop: 'vco-nothere' })).code).toBe('InvalidNextHop.NotFound');
    const other = await refused({ NextHop: 'vco-legacy1' });
    expect([other.code, other.message]).toEqual(['InvalidNextHop.NotFound', 'The specified NextHop does not exist.']);
  });

  it('refuses a Priority on a gateway without priority support', async () => {
    const failure = await refused({ VpnGatewayId: 'vpn-legacy', NextHop: 'vco-legacy1', Priority: 10 });
    expect(failure.code).toBe('VpnPbrRouteEntryPriority.NotSupport');
  });

  it('refuses identical source and destination on a dual-tunnel gateway', async () => {
    const failure = await refused({ VpnGatewayId: 'vpn-dual', NextHop: 'vco-dual1', RouteSource: '10.0.0.0/24', RouteDest: '10.0.0.0/24' });
    expect(failure.code).toBe('VpnRouteEntry.SrcDestConflict');
  });

  it('on a dual-tunnel gateway, takes any destination and ignores Weight conflicts, as documented', async () => {
    const dual = { VpnGatewayId: 'vpn-dual', NextHop: 'vco-dual1', RouteSource: '192.168.5.0/24' };
    await create({ ...dual, RouteDest: '0.0.0.0/0', Priority: 30 });
    await create({ ...dual, RouteDest: '100.64.1.0/24' });
    // Same blocks and weight through the other connection: a conflict on a single-tunnel gateway only.
    await create({ ...dual, NextHop: 'vco-dual2', RouteDest: '100.64.1.0/24' });
    expect((await refused({ ...dual, RouteDest: '0.0.0.0/0', Weight: 7 })).code).toBe('VpnRouteEntry.InvalidWeight');
    expect(emulator.routes('vpn-dual')).toHaveLength(3);
  });

  it('refuses conflicts with existing routes', async () => {
    const same = { RouteSource: '192.168.10.0/24', RouteDest: '10.10.0.0/24', Priority: 20 };
    expect((await refused({ ...same, NextHop: 'vco-prio1', Weight: 0 })).code).toBe('VpnRouteEntry.AlreadyExists');
    expect((await refused({ ...same, NextHop: 'vco-prio2', Weight: 100 })).code).toBe('VpnRouteEntry.SrcDestWeightConflict');
    expect((await refused({ RouteSource: '192.168.10.128/25', RouteDest: '10.10.0.0/16', Priority: 20 })).code).toBe('VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap');
  });

  it('refuses a route beyond the quota with CreatePbrRoutesQuotaFull.QuotaFull', async () => {
    for (let i = 1; i <= 4; i++) await create({ RouteSource: `172.16.${i}.0/24` });
    const failure = await refused({ RouteSource: '172.16.9.0/24' });
    expect([failure.code, failure.message]).toEqual(['CreatePbrRoutesQuotaFull.QuotaFull', 'The number of policy routes exceeds the quota limit.']);
  });

  it('checks in the service order: values, gateway, lock, status, next hop, priority, conflicts', async () => {
    expect((await failureOf(create({ RouteSource: 'bad', VpnGatewayId: 'vpn-nothere' }))).code).toBe('InvalidCidrBlock.Malformed');
    expect((await refused({ VpnGatewayId: 'vpn-locked', NextHop: 'vco-nothere' })).code).toBe('VpnGateway.FinancialLocked');
    expect((await refused({ VpnGatewayId: 'vpn-busy', NextHop: 'vco-nothere' })).code).toBe('VpnGateway.Configuring');
    expect((await refused({ VpnGatewayId: 'vpn-legacy', NextHop: 'vco-nothere', Priority: 5 })).code).toBe('InvalidNextHop.NotFound');
    const legacyDuplicate = { VpnGatewayId: 'vpn-legacy', NextHop: 'vco-legacy1' };
    await create(legacyDuplicate);
    expect((await refused({ ...legacyDuplicate, Priority: 5 })).code).toBe('VpnPbrRouteEntryPriority.NotSupport');
  });
});

describe('CreateVpnPbrRouteEntry DryRun', () => {
  it('answers a passing dry run with DryRunOperation (HTTP 400) and changes nothing', async () => {
    const failure = await refused({ DryRun: true });
    expect(failure).toMatchObject({ code: 'DryRunOperation', status: 400, message: 'Request validation has been passed with DryRun flag set.' });
    expect(emulator.gatewayStatus('vpn-prio')).toBe('active');
  });

  it('answers a failing dry run with the real error', async () => {
    expect((await refused({ DryRun: true, Weight: 7 })).code).toBe('VpnRouteEntry.InvalidWeight');
    expect((await refused({ DryRun: true, VpnGatewayId: 'vpn-legacy', NextHop: 'vco-legacy1', Priority: 5 })).code).toBe('VpnPbrRouteEntryPriority.NotSupport');
  });

  it('creates normally with DryRun=false', async () => {
    await expect(create({ DryRun: false })).resolves.toMatchObject({ RouteSource: '192.168.1.0/24' });
  });
});
