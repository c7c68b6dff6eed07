import { describe, expect, it } from 'vitest';
import { checkNextHop, checkRouteOnGateway, checkRouteValues, type GatewayFacts, hasErrors } from '../../src/domain/route-rules.js';
import type { Issue, RouteSpec } from '../../src/domain/types.js';

const good: RouteSpec = {
  regionId: 'cn-hangzhou',
  vpnGatewayId: 'vpn-bp1abc123',
  routeSource: '192.168.1.0/24',
  routeDest: '10.0.0.0/24',
  nextHop: 'vco-bp1xyz789',
  weight: 100,
  publishVpc: true,
};

function check(patch: Partial<RouteSpec>): Issue[] {
  return checkRouteValues({ ...good, ...patch });
}

function codes(issues: Issue[]): string[] {
  return issues.map((i) => i.code);
}

function expectWellFormed(issues: Issue[]): void {
  for (const i of issues) {
    expect(i.message.length).toBeGreaterThan(10);
    expect(i.field).toBeTruthy();
    expect(['error', 'warning']).toContain(i.severity);
  }
}

describe('checkRouteValues', () => {
  it('accepts a good route, with and without every optional field', () => {
    expect(checkRouteValues(good)).toEqual([]);
    expect(check({ weight: 0, priority: 1, description: 'to the branch', overlayMode: 'Ipsec' })).toEqual([]);
    expect(check({ priority: 100, description: 'x'.repeat(100), regionId: 'ap-southeast-1' })).toEqual([]);
    expect(check({ regionId: 'us-west-1' })).toEqual([]);
  });

  describe('CIDR blocks', () => {
    it('reports a malformed routeSource with the parser reason and hint', () => {
      const issues = check({ routeSource: '10.0.0.5/24' });
      expect(issues).toEqual([
        { code: 'InvalidCidrBlock.Malformed', severity: 'error', field: 'routeSource', message: '10.0.0.5/24 has host bits set', hint: 'use 10.0.0.0/24' },
      ]);
    });

    it.each(['010.0.0.0/24', '10.0.0.0/33', '256.0.0.0/24', '::/0', ' 10.0.0.0/24', '10.0.0.0', ''])('reports a malformed routeDest %j', (routeDest) => {
      const issues = check({ routeDest });
      expect(codes(issues)).toEqual(['InvalidCidrBlock.Malformed']);
      expect(issues[0]?.field).toBe('routeDest');
      expect(issues[0]?.hint).toBeTruthy();
    });
  });

  describe('IllegalParam.RouteDest', () => {
    it.each(['0.0.0.0/0', '0.0.0.0/1', '100.0.0.0/8', '100.64.0.0/10', '100.100.1.0/24', '100.127.255.255/32', '100.64.0.0/32', '64.0.0.0/2'])('rejects %s', (routeDest) => {
      const issues = check({ routeDest });
      expect(codes(issues)).toEqual(['IllegalParam.RouteDest']);
      expect(issues[0]?.field).toBe('routeDest');
      expect(issues[0]?.hint).toBeTruthy();
    });

    it.each(['100.63.255.0/24', '100.128.0.0/24', '100.63.255.255/32', '100.128.0.0/9', '0.0.0.0/2', '128.0.0.0/1'])('accepts %s', (routeDest) => {
      expect(check({ routeDest })).toEqual([]);
    });

    it('does not apply to routeSource', () => {
      expect(check({ routeSource: '100.64.0.0/10' })).toEqual([]);
    });
  });

  describe('weight', () => {
    it.each([0, 100])('accepts %s', (weight) => expect(check({ weight })).toEqual([]));
    it.each([50, 1.5, -100, 1, 99.5, 101, Number.NaN])('rejects %s', (weight) => {
      const issues = check({ weight });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'VpnRouteEntry.InvalidWeight', severity: 'error', field: 'weight', hint: 'use 100 for the active route or 0 for the standby route' });
    });
    it('rejects a string weight from untrusted JSON', () => {
      expect(codes(check({ weight: '100' as unknown as number }))).toEqual(['VpnRouteEntry.InvalidWeight']);
    });
  });

  describe('priority', () => {
    it.each([1, 10, 100])('accepts %s', (priority) => expect(check({ priority })).toEqual([]));
    it.each([0, 101, 1.5, -1, Number.NaN])('rejects %s', (priority) => {
      const issues = check({ priority });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'InvalidParameter.Priority', severity: 'error', field: 'priority' });
      expect(issues[0]?.hint).toBeTruthy();
    });
  });

  describe('description', () => {
    it('accepts 1 and 100 characters, counting an emoji as one', () => {
      expect(check({ description: 'a' })).toEqual([]);
      expect(check({ description: '😀'.repeat(100) })).toEqual([]);
    });
    it.each([
      ['empty', ''],
      ['101 characters', 'x'.repeat(101)],
      ['http://', 'http://example.com'],
      ['https://', 'https://example.com'],
      ['HTTP:// upper case', 'HTTP://example.com'],
      ['Https:// mixed case', 'Https://example.com'],
      ['a lone high surrogate', 'office \uD800 link'],
      ['a lone low surrogate at the end', 'office link \uDC00'],
    ])('rejects %s', (_label, description) => {
      const issues = check({ description });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'InvalidParameter.Description', severity: 'error', field: 'description' });
      expect(issues[0]?.hint).toBeTruthy();
    });
    it('allows a URL later in the text', () => {
      expect(check({ description: 'see http://example.com' })).toEqual([]);
    });
  });

  describe('overlayMode', () => {
    it.each(['ipsec', 'IPSEC', 'Gre', '', ' Ipsec'])('rejects %j', (overlayMode) => {
      const issues = check({ overlayMode });
      expect(issues).toEqual([expect.objectContaining({ code: 'InvalidParameter.OverlayMode', field: 'overlayMode', hint: 'use Ipsec or omit it' })]);
    });
  });

  describe('IDs', () => {
    it.each(['vpn-', 'VPN-abc', 'vpn-ABC', 'vco-abc', 'vpn_abc', 'vpn-abc ', 'abc', ''])('rejects vpnGatewayId %j', (vpnGatewayId) => {
      expect(check({ vpnGatewayId })).toEqual([expect.objectContaining({ code: 'InvalidParameter.VpnGatewayId', field: 'vpnGatewayId' })]);
    });
    it.each(['vco-', 'vpn-abc', 'vco-ABC', 'vco-a.b', ''])('rejects nextHop %j', (nextHop) => {
      expect(check({ nextHop })).toEqual([expect.objectContaining({ code: 'InvalidParameter.NextHop', field: 'nextHop' })]);
    });
    it.each(['hangzhou', 'cn-Hangzhou', 'CN-HANGZHOU', 'cn_hangzhou', 'cn-', '-cn', 'cn--hangzhou'])('rejects regionId %j', (regionId) => {
      expect(check({ regionId })).toEqual([expect.objectContaining({ code: 'InvalidParameter.RegionId', field: 'regionId' })]);
    });
    it('reports an empty regionId (none given, no default) as RegionRequired', () => {
      expect(check({ regionId: '' })).toEqual([expect.objectContaining({ code: 'RegionRequired', field: 'regionId', severity: 'error' })]);
    });
    it.each(['cn-hangzhou', 'ap-southeast-1', 'us-west-1', 'cn-hongkong', 'eu-central-1'])('accepts regionId %s', (regionId) => {
      expect(check({ regionId })).toEqual([]);
    });
  });

  it('warns when source equals destination', () => {
    const issues = check({ routeSource: '10.0.0.0/24', routeDest: '10.0.0.0/24' });
    expect(issues).toEqual([expect.objectContaining({ code: 'VpnRouteEntry.SrcDestConflict', severity: 'warning' })]);
    expect(hasErrors(issues)).toBe(false);
  });

  it('reports all problems at once', () => {
    const issues = check({ routeDest: '10.0.0.5/24', weight: 50, priority: 0, overlayMode: 'ipsec' });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['routeDest', 'InvalidCidrBlock.Malformed'],
      ['weight', 'VpnRouteEntry.InvalidWeight'],
      ['priority', 'InvalidParameter.Priority'],
      ['overlayMode', 'InvalidParameter.OverlayMode'],
    ]);
    expectWellFormed(issues);
  });

  it('reports every field of a thoroughly broken route', () => {
    const issues = checkRouteValues({
      regionId: 'Hangzhou',
      vpnGatewayId: 'gw-1',
      routeSource: '1.2.3.4/8',
      routeDest: '0.0.0.0/0',
      nextHop: 'conn-1',
      weight: 1.5,
      publishVpc: true,
      description: 'https://x',
      overlayMode: 'GRE',
      priority: 101,
    });
    expect(new Set(issues.map((i) => i.field))).toEqual(
      new Set(['regionId', 'vpnGatewayId', 'routeSource', 'routeDest', 'nextHop', 'weight', 'description', 'overlayMode', 'priority']),
    );
    expect(issues).toHaveLength(9);
    expect(issues.every((i) => i.severity === 'error' && i.hint)).toBe(true);
    expectWellFormed(issues);
  });
});

describe('checkRouteOnGateway', () => {
  const gateway: GatewayFacts = { vpnGatewayId: good.vpnGatewayId, businessStatus: 'Normal', pbrPriority: true, dualTunnel: false };

  it('accepts a normal gateway', () => {
    expect(checkRouteOnGateway({ ...good, priority: 5 }, gateway)).toEqual([]);
  });

  it('reports a financially locked gateway', () => {
    expect(checkRouteOnGateway(good, { ...gateway, businessStatus: 'FinancialLocked' })).toEqual([
      expect.objectContaining({ code: 'VpnGateway.FinancialLocked', severity: 'error', field: 'vpnGatewayId' }),
    ]);
  });

  it('rejects any priority on a gateway without priority support, and accepts an omitted one', () => {
    const noPriority = { ...gateway, pbrPriority: false };
    for (const priority of [1, 10, 100]) {
      const issues = checkRouteOnGateway({ ...good, priority }, noPriority);
      expect(issues).toEqual([expect.objectContaining({ code: 'VpnPbrRouteEntryPriority.NotSupport', severity: 'error', field: 'priority' })]);
      expect(issues[0]?.hint).toMatch(/omit priority/);
    }
    expect(checkRouteOnGateway(good, noPriority)).toEqual([]);
  });

  it('rejects source equal to destination on a dual-tunnel gateway only', () => {
    const same = { ...good, routeSource: '10.0.0.0/24', routeDest: '10.0.0.0/24' };
    expect(checkRouteOnGateway(same, { ...gateway, dualTunnel: true })).toEqual([
      expect.objectContaining({ code: 'VpnRouteEntry.SrcDestConflict', severity: 'error' }),
    ]);
    expect(checkRouteOnGateway(same, gateway)).toEqual([]);
    expect(checkRouteOnGateway(good, { ...gateway, dualTunnel: true })).toEqual([]);
  });

  it('reports all gateway problems at once', () => {
    const issues = checkRouteOnGateway(
      { ...good, priority: 5, routeSource: '10.0.0.0/24', routeDest: '10.0.0.0/24' },
      { ...gateway, businessStatus: 'FinancialLocked', pbrPriority: false, dualTunnel: true },
    );
    expect(codes(issues)).toEqual(['VpnGateway.FinancialLocked', 'VpnPbrRouteEntryPriority.NotSupport', 'VpnRouteEntry.SrcDestConflict']);
  });
});

describe('checkNextHop', () => {
  it('accepts a connection of the same gateway', () => {
    expect(checkNextHop(good, { vpnConnectionId: good.nextHop, vpnGatewayId: good.vpnGatewayId })).toEqual([]);
  });

  it('reports a missing connection', () => {
    expect(checkNextHop(good, undefined)).toEqual([expect.objectContaining({ code: 'InvalidNextHop.NotFound', severity: 'error', field: 'nextHop' })]);
  });

  it('names the other gateway a connection belongs to', () => {
    const issues = checkNextHop(good, { vpnConnectionId: good.nextHop, vpnGatewayId: 'vpn-other' });
    expect(issues).toEqual([expect.objectContaining({ code: 'InvalidNextHop.NotFound', field: 'nextHop' })]);
    expect(issues[0]?.message).toContain('vpn-other');
    expect(issues[0]?.hint).toContain(good.vpnGatewayId);
  });

  it('names no gateway it may not name (one the allowlists hide)', () => {
    const issues = checkNextHop(good, { vpnConnectionId: good.nextHop, vpnGatewayId: 'vpn-hidden' }, (id) => id !== 'vpn-hidden');
    expect(issues[0]?.message).toBe(`VPN connection ${good.nextHop} belongs to another gateway, not to ${good.vpnGatewayId}`);
  });
});

describe('hasErrors', () => {
  it('is true only with an error', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([{ code: 'x', severity: 'warning', message: 'm' }])).toBe(false);
    expect(hasErrors([{ code: 'x', severity: 'warning', message: 'm' }, { code: 'y', severity: 'error', message: 'm' }])).toBe(true);
  });
});
