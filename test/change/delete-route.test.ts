// The delete's preview rule, in process: exactly one listed route with the identity, or a refusal naming the field to fix.
import { describe, expect, it } from 'vitest';
import type { PbrRoute } from '../../src/cloud/vpc-client.js';
import { deleteRouteChange, findRouteToDelete, type RouteIdentity } from '../../src/change/kinds/delete-route.js';

const listed = (fields: Partial<PbrRoute>): PbrRoute => ({
  vpnInstanceId: 'vpn-a',
  routeSource: '192.168.1.0/24',
  routeDest: '10.0.0.0/24',
  nextHop: 'vco-a',
  weight: 100,
  priority: 10,
  ...fields,
});
const IDENTITY: RouteIdentity = { regionId: 'cn-hangzhou', vpnGatewayId: 'vpn-a', routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-a', weight: 100 };
const ROUTES = [listed({}), listed({ nextHop: 'vco-b', weight: 0 })];

function refusal(identity: Partial<RouteIdentity>, routes: PbrRoute[] = ROUTES, status = 'active') {
  try {
    findRouteToDelete({ ...IDENTITY, ...identity }, routes, status);
  } catch (error) {
    return (error as { body: Record<string, unknown> }).body;
  }
  throw new Error('expected a refusal');
}

describe('findRouteToDelete', () => {
  it('finds exactly the route with this identity, with or without its priority, also on an updating gateway', () => {
    expect(findRouteToDelete(IDENTITY, ROUTES, 'active')).toBe(ROUTES[0]);
    expect(findRouteToDelete({ ...IDENTITY, priority: 10 }, ROUTES, 'updating')).toBe(ROUTES[0]);
    expect(findRouteToDelete({ ...IDENTITY, nextHop: 'vco-b', weight: 0 }, ROUTES, 'active')).toBe(ROUTES[1]);
  });

  it.each([
    [{ weight: 0 }, 'VpnRouteEntry.InvalidWeight', 'weight', 'use weight 100'],
    [{ priority: 20 }, 'VpnPbrRouteEntry.NotFound', 'priority', 'use priority 10, or omit priority'],
    [{ routeDest: '10.0.1.0/24' }, 'VpnPbrRouteEntry.NotFound', 'routeDest', expect.stringContaining('listVpnPbrRoutes')],
  ])('refuses %j as %s on %s', (identity, code, field, hint) => {
    expect(refusal(identity)).toMatchObject({ code, field, hint, source: 'input' });
  });

  it('says a route just created may not be listed yet while the gateway is updating', () => {
    expect(refusal({ routeDest: '10.0.1.0/24' }, ROUTES, 'updating').hint).toContain('may not be listed yet');
  });

  it('refuses a gateway that cannot take a change, and an identity that names two routes', () => {
    expect(refusal({}, ROUTES, 'deleting')).toMatchObject({ code: 'IncorrectStatus.VpnGateway', field: 'vpnGatewayId' });
    expect(refusal({}, [listed({ priority: 5 }), listed({ priority: 6 })])).toMatchObject({ code: 'VpnPbrRouteEntry.Ambiguous', field: 'priority', hint: 'add priority (5 or 6)' });
  });
});

describe('the delete as the change flow sees it', () => {
  it('is applied once no listed route has the identity', () => {
    expect(deleteRouteChange.sight(IDENTITY, ROUTES).state).toBe('pending');
    expect(deleteRouteChange.sight(IDENTITY, [ROUTES[1] as PbrRoute]).state).toBe('applied');
    // Another priority is another route: ours is gone.
    expect(deleteRouteChange.sight({ ...IDENTITY, priority: 20 }, ROUTES).state).toBe('applied');
  });

  it('binds the identity and the caller\'s clientToken, no publishVpc', () => {
    expect(deleteRouteChange.bound(IDENTITY, 'mine')).toEqual({ ...IDENTITY, clientToken: 'mine' });
  });
});
