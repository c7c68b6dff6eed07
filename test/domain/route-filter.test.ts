import { describe, expect, it } from 'vitest';
import { compileRouteFilter, describeRouteFilter, routeMatches, type RouteFilter } from '../../src/domain/index.js';

const route = (routeSource: string, routeDest: string, nextHop = 'vco-a') => ({ routeSource, routeDest, nextHop, weight: 100 });
const ROUTES = [
  route('192.168.1.0/24', '10.0.0.0/24'),
  route('192.168.1.0/24', '10.0.1.0/24', 'vco-b'),
  route('192.168.0.0/16', '10.0.0.0/8'),
  route('172.16.0.0/12', '10.0.0.0/25'),
];

function select(filter: RouteFilter): number[] {
  const { filter: compiled, issues } = compileRouteFilter(filter);
  expect(issues).toEqual([]);
  return ROUTES.flatMap((r, i) => (compiled && routeMatches(r, compiled) ? [i] : []));
}

describe('route filters', () => {
  it.each<[RouteFilter, number[]]>([
    [{}, [0, 1, 2, 3]],
    [{ routeDest: '10.0.0.0/24' }, [0]],
    [{ routeDest: '10.0.0.0/24', cidrMatch: 'within' }, [0, 3]],
    [{ routeDest: '10.0.0.0/24', cidrMatch: 'overlap' }, [0, 2, 3]],
    [{ routeSource: '192.168.0.0/16', cidrMatch: 'within' }, [0, 1, 2]],
    [{ routeSource: '192.168.1.0/24', nextHop: 'vco-b' }, [1]],
    [{ nextHop: 'vco-none' }, []],
  ])('%j selects routes %j', (filter, expected) => {
    expect(select(filter)).toEqual(expected);
  });

  it('reports a malformed block as an issue with its field and a hint', () => {
    const { filter, issues } = compileRouteFilter({ routeDest: '10.0.0.5/24' });
    expect(filter).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: 'InvalidCidrBlock.Malformed', field: 'routeDest', hint: 'use 10.0.0.0/24' })]);
  });

  it('describes itself for summaries', () => {
    expect(describeRouteFilter({})).toBe('');
    expect(describeRouteFilter({ routeDest: '10.0.0.0/8', cidrMatch: 'within', nextHop: 'vco-a' })).toBe('routeDest within 10.0.0.0/8, nextHop vco-a');
  });
});
