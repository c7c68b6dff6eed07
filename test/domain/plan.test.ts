// The change-set planner, pure: what it sends in which order, what it inserts and why, the windows, the refusals.
import { describe, expect, it } from 'vitest';
import { planChanges } from '../../src/domain/plan.js';
import type { PlanTarget, RequestedChange, TableRow } from '../../src/domain/plan-types.js';

const ACTIVE: TableRow = { routeSource: '192.168.70.0/24', routeDest: '10.70.0.0/24', nextHop: 'vco-a', weight: 100, priority: 20, state: 'published' };
const STANDBY: TableRow = { ...ACTIVE, nextHop: 'vco-b', weight: 0, priority: 30, state: 'normal' };
const LONE: TableRow = { routeSource: '192.168.80.0/24', routeDest: '10.80.0.0/24', nextHop: 'vco-a', weight: 100, priority: 10, state: 'published' };
const TABLE = [ACTIVE, STANDBY, LONE];
const GATEWAY = { vpnGatewayId: 'vpn-p', businessStatus: 'Normal', pbrPriority: true, dualTunnel: false };
const name = (r: TableRow) => ({ routeSource: r.routeSource, routeDest: r.routeDest, nextHop: r.nextHop, weight: r.weight });
const target = (changes: RequestedChange[], onFailure: PlanTarget['onFailure'] = 'rollback'): PlanTarget => ({ regionId: 'cn-hangzhou', vpnGatewayId: 'vpn-p', changes, onFailure });
const summary = (plan: ReturnType<typeof planChanges>) => plan.ops.map((op) => `${op.op}${op.inserted ? '*' : ''}:${'row' in op ? op.row.nextHop : op.route.nextHop}`);

describe('planChanges', () => {
  it('a swap of a pair: delete the standby, set the active to 0, recreate the old standby at 100 with its own priority and state', () => {
    const plan = planChanges(target([{ op: 'modify', ...name(ACTIVE), newWeight: 0 }, { op: 'modify', ...name(STANDBY), newWeight: 100 }]), TABLE, GATEWAY);
    expect(plan.issues).toEqual([]);
    expect(summary(plan)).toEqual(['delete*:vco-b', 'weightPriority:vco-a', 'create*:vco-b']);
    expect(plan.ops[2]).toMatchObject({ op: 'create', route: { weight: 100, priority: 30, publishVpc: false } });
    expect(plan.ops[2]?.inserted).toContain('recreates the route deleted in step 1');
    expect(plan.tables.at(-1)).toEqual(expect.arrayContaining([{ ...ACTIVE, weight: 0 }, { ...STANDBY, weight: 100 }, LONE]));
    expect(plan.windows).toEqual([
      'between steps 1 and 2 192.168.70.0/24 -> 10.70.0.0/24 has no standby route (weight 0)',
      'between steps 2 and 3 192.168.70.0/24 -> 10.70.0.0/24 has no active route (weight 100)',
    ]);
    expect(plan.warnings.map((w) => w.code)).toContain('DescriptionNotKept');
  });

  it('the same swap listed the other way round is the same plan', () => {
    const a = planChanges(target([{ op: 'modify', ...name(STANDBY), newWeight: 100 }, { op: 'modify', ...name(ACTIVE), newWeight: 0 }]), TABLE, GATEWAY);
    expect(summary(a)).toEqual(['delete*:vco-b', 'weightPriority:vco-a', 'create*:vco-b']);
  });

  it('a weight change whose partner is deleted later: the delete is moved first', () => {
    const plan = planChanges(target([{ op: 'modify', ...name(STANDBY), newWeight: 100 }, { op: 'delete', ...name(ACTIVE) }]), TABLE, GATEWAY);
    expect(summary(plan)).toEqual(['delete*:vco-a', 'weightPriority:vco-b']);
    expect(plan.ops[0]?.inserted).toMatch(/^moved before change 1/);
  });

  it('a move to another tunnel without a gap: a standby first, then the old route deleted, then the new one made active', () => {
    const changes: RequestedChange[] = [
      { op: 'create', routeSource: LONE.routeSource, routeDest: LONE.routeDest, nextHop: 'vco-b', weight: 0, priority: 10, publishVpc: true },
      { op: 'delete', ...name(LONE) },
      { op: 'modify', routeSource: LONE.routeSource, routeDest: LONE.routeDest, nextHop: 'vco-b', weight: 0, newWeight: 100 },
    ];
    const plan = planChanges(target(changes), TABLE, GATEWAY, new Set(['vco-a', 'vco-b']));
    expect(plan.issues).toEqual([]);
    expect(summary(plan)).toEqual(['create:vco-b', 'delete:vco-a', 'weightPriority:vco-b']);
    expect(plan.windows).toEqual(['between steps 2 and 3 192.168.80.0/24 -> 10.80.0.0/24 has no active route (weight 100)']);
    expect(plan.warnings.map((w) => w.code)).toContain('RollbackWithoutDescription');
  });

  it('checks each request against the table as it will be then, naming the change', () => {
    const plan = planChanges(target([{ op: 'delete', ...name(LONE) }, { op: 'modify', ...name(LONE), newPriority: 5 }, { op: 'modify', ...name(ACTIVE), newWeight: 0 }]), TABLE, GATEWAY);
    expect(plan.issues.map((i) => [i.code, i.field])).toEqual([
      ['VpnPbrRouteEntry.NotFound', 'changes[1].routeDest'],
      ['PartnerRouteListed', 'changes[2].newWeight'],
    ]);
    expect(plan.issues[0]?.message).toMatch(/^change 2 \(modify\): no route .* is listed when step 2 runs/);
  });

  it.each([
    ['a create that duplicates a route', { op: 'create', ...name(LONE), publishVpc: true } as RequestedChange, 'VpnRouteEntry.AlreadyExists'],
    ['a create with a next hop of another gateway', { op: 'create', ...name(LONE), routeDest: '10.81.0.0/24', nextHop: 'vco-zz', publishVpc: true } as RequestedChange, 'InvalidNextHop.NotFound'],
    ['a modify that changes nothing', { op: 'modify', ...name(LONE), newPriority: 10 } as RequestedChange, 'NothingToModify'],
    ['a weight of 50', { op: 'modify', ...name(LONE), newWeight: 50 } as RequestedChange, 'VpnRouteEntry.InvalidWeight'],
  ])('refuses %s', (_name, change, code) => {
    expect(planChanges(target([change]), TABLE, GATEWAY, new Set(['vco-a', 'vco-b'])).issues.map((i) => i.code)).toContain(code);
  });
});
