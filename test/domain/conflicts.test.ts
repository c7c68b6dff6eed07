import { describe, expect, it } from 'vitest';
import { findRouteConflicts, MAX_CONFLICT_ISSUES } from '../../src/domain/conflicts.js';
import { uint32ToIPv4 } from '../../src/domain/cidr.js';
import type { ExistingPbrRoute } from '../../src/domain/types.js';

const route = { routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-a', weight: 100 };

function codes(existing: ExistingPbrRoute[], r: Parameters<typeof findRouteConflicts>[0] = route): string[] {
  return findRouteConflicts(r, existing).map((i) => i.code);
}

describe('findRouteConflicts', () => {
  it('finds nothing on an empty gateway', () => {
    expect(findRouteConflicts(route, [])).toEqual([]);
  });

  it('reports an exact duplicate once, naming the route', () => {
    const issues = findRouteConflicts(route, [{ ...route, priority: 10 }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'VpnRouteEntry.AlreadyExists', severity: 'error', field: 'routeDest' });
    expect(issues[0]?.message).toContain('192.168.1.0/24 -> 10.0.0.0/24 via vco-a (weight 100, priority 10)');
    expect(issues[0]?.hint).toContain('listVpnPbrRoutes');
  });

  it('treats same source, dest and next hop as a duplicate whatever the weight', () => {
    expect(codes([{ ...route, weight: 0 }])).toEqual(['VpnRouteEntry.AlreadyExists']);
  });

  it('reports same source, dest and weight via another next hop', () => {
    const issues = findRouteConflicts(route, [{ ...route, nextHop: 'vco-b' }]);
    expect(issues.map((i) => i.code)).toEqual(['VpnRouteEntry.SrcDestWeightConflict']);
    expect(issues[0]?.message).toContain('via vco-b');
    expect(issues[0]?.hint).toContain('use weight 0');
  });

  it('accepts an active/standby pair (same blocks, weights 100 and 0, different next hops)', () => {
    expect(codes([{ ...route, nextHop: 'vco-b', weight: 0 }])).toEqual([]);
    expect(codes([{ ...route, nextHop: 'vco-b', weight: 100 }], { ...route, weight: 0 })).toEqual([]);
  });

  it('reports overlapping blocks with the same priority, default 10 included', () => {
    const wider = { routeSource: '192.168.0.0/16', routeDest: '10.0.0.0/8', nextHop: 'vco-b', weight: 100 };
    expect(codes([wider])).toEqual(['VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap']);
    expect(codes([{ ...wider, priority: 10 }])).toEqual(['VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap']);
    expect(codes([{ ...wider, priority: 5 }], { ...route, priority: 5 })).toEqual(['VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap']);
    const issue = findRouteConflicts(route, [wider])[0];
    expect(issue?.message).toContain('192.168.0.0/16 -> 10.0.0.0/8 via vco-b (weight 100, priority 10)');
    expect(issue?.hint).toContain('listVpnPbrRoutes');
  });

  it('reports an overlap even via the same next hop when the blocks differ', () => {
    expect(codes([{ ...route, routeDest: '10.0.0.0/23' }])).toEqual(['VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap']);
  });

  it('accepts overlapping blocks with a different priority', () => {
    const wider = { routeSource: '192.168.0.0/16', routeDest: '10.0.0.0/8', nextHop: 'vco-b', weight: 100 };
    expect(codes([{ ...wider, priority: 20 }])).toEqual([]);
    expect(codes([wider], { ...route, priority: 1 })).toEqual([]);
  });

  it('needs both source and destination to overlap', () => {
    expect(codes([{ routeSource: '192.168.0.0/16', routeDest: '10.0.1.0/24', nextHop: 'vco-b', weight: 100 }])).toEqual([]);
    expect(codes([{ routeSource: '192.168.2.0/24', routeDest: '10.0.0.0/8', nextHop: 'vco-b', weight: 100 }])).toEqual([]);
  });

  it('returns nothing when the new route has invalid CIDRs', () => {
    expect(findRouteConflicts({ ...route, routeDest: '10.0.0.5/24' }, [{ ...route }])).toEqual([]);
    expect(findRouteConflicts({ ...route, routeSource: 'nonsense' }, [{ ...route }])).toEqual([]);
  });

  it('skips existing routes whose CIDRs do not parse', () => {
    expect(codes([{ ...route, routeSource: 'garbage' }, { ...route, routeDest: '10.0.0.0/99' }])).toEqual([]);
  });

  it('reports one issue per existing route and puts duplicates first', () => {
    const existing: ExistingPbrRoute[] = [
      { routeSource: '192.168.0.0/16', routeDest: '10.0.0.0/8', nextHop: 'vco-c', weight: 0 },
      { ...route, nextHop: 'vco-b' },
      { ...route },
    ];
    expect(codes(existing)).toEqual(['VpnRouteEntry.AlreadyExists', 'VpnRouteEntry.SrcDestWeightConflict', 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap']);
  });

  it('caps the list with a final note', () => {
    const existing: ExistingPbrRoute[] = Array.from({ length: 25 }, (_, i) => ({ routeSource: '192.168.0.0/16', routeDest: '10.0.0.0/8', nextHop: `vco-x${i}`, weight: 0 }));
    existing.push({ ...route });
    const issues = findRouteConflicts(route, existing);
    expect(issues).toHaveLength(MAX_CONFLICT_ISSUES + 1);
    expect(issues[0]?.code).toBe('VpnRouteEntry.AlreadyExists');
    expect(issues.at(-1)?.message).toContain('16 more conflicting routes');
  });

  it('handles 5000 existing routes quickly', () => {
    const existing: ExistingPbrRoute[] = Array.from({ length: 5000 }, (_, i) => ({
      routeSource: `172.${16 + (i % 16)}.${i % 256}.0/24`,
      routeDest: `${uint32ToIPv4(0x0b000000 + i * 256)}/24`,
      nextHop: `vco-n${i}`,
      weight: i % 2 === 0 ? 100 : 0,
      priority: 1 + (i % 100),
    }));
    existing.push({ ...route, nextHop: 'vco-b' });
    const started = performance.now();
    const issues = findRouteConflicts(route, existing);
    const elapsed = performance.now() - started;
    expect(issues.map((i) => i.code)).toEqual(['VpnRouteEntry.SrcDestWeightConflict']);
    expect(elapsed).toBeLessThan(1000);
  });
});
