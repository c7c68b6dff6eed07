// applyRouteChanges' change in process with the fake cloud: the outcome table of a plan's steps (every fault and
// outcome), the rollback, resuming after the call budget, the bound table, replays.
import { describe, expect, it } from 'vitest';
import type { PbrRoute } from '../../src/cloud/vpc-client.js';
import { confirmChange, previewChange } from '../../src/change/flow.js';
import { applyChangesKind } from '../../src/change/kinds/apply-changes.js';
import type { PlanTarget } from '../../src/domain/index.js';
import type { ToolOutcome } from '../../src/results.js';
import { context } from './context.js';
import { type Attempt, type FakeCloud, fakeCloud } from './fake-cloud.js';

const at = 1_700_000_000_000;
const ACTIVE: PbrRoute = { vpnInstanceId: 'vpn-flow1', routeSource: '192.168.70.0/24', routeDest: '10.70.0.0/24', nextHop: 'vco-flow1', weight: 100, priority: 20, state: 'published', createTime: at };
const STANDBY: PbrRoute = { ...ACTIVE, nextHop: 'vco-flow2', weight: 0, priority: 30, state: 'normal', createTime: at + 1000 };
const OTHER: PbrRoute = { ...ACTIVE, routeSource: '192.168.90.0/24', routeDest: '10.90.0.0/24', createTime: at + 2000 };
const name = (r: PbrRoute) => ({ routeSource: r.routeSource, routeDest: r.routeDest, nextHop: r.nextHop, weight: r.weight });
const SWAP: PlanTarget = {
  regionId: 'cn-hangzhou',
  vpnGatewayId: 'vpn-flow1',
  changes: [{ op: 'modify', ...name(ACTIVE), newWeight: 0 }, { op: 'modify', ...name(STANDBY), newWeight: 100 }],
  onFailure: 'rollback',
};
const SWAPPED = ['DeleteVpnPbrRouteEntry', 'ModifyVpnPbrRouteEntryWeight', 'CreateVpnPbrRouteEntry'];
const table = (cloud: FakeCloud) => cloud.routes.map((r) => `${r.nextHop}:${r.weight}:${r.priority}:${r.state}`).sort();
const START = ['vco-flow1:100:20:published', 'vco-flow2:0:30:normal'];
const loose = ({ body, isError }: ToolOutcome) => ({ body: body as Record<string, any>, isError });

async function plan(cloud: FakeCloud, target = SWAP) {
  return loose(await previewChange(applyChangesKind, target, undefined, cloud, context(cloud), { requestIds: [] }));
}
async function confirm(cloud: FakeCloud, token: string, target = SWAP, overrides = {}, env: Record<string, string> = {}) {
  return loose(await confirmChange(applyChangesKind, target, token, undefined, cloud, context(cloud, overrides, env), { requestIds: [] }));
}

describe('applyRouteChanges: the plan', () => {
  it('a swap: three requests, two inserted and saying why, the table before and after, the windows', async () => {
    const cloud = fakeCloud({ routes: [{ ...ACTIVE }, { ...STANDBY }] });
    const { body } = await plan(cloud);
    expect(body.status).toBe('dry_run_passed');
    expect(body.steps.map((s: { action: string }) => s.action)).toEqual(SWAPPED);
    expect(body.steps.map((s: { inserted?: string }) => s.inserted !== undefined)).toEqual([true, false, true]);
    expect(body.tableAfter).toEqual(expect.arrayContaining([expect.objectContaining({ nextHop: 'vco-flow1', weight: 0, priority: 20 }), expect.objectContaining({ nextHop: 'vco-flow2', weight: 100, priority: 30, state: 'normal' })]));
    expect(body.windows).toHaveLength(2);
    expect(body.summary).toMatch(/^Planned 2 changes on vpn-flow1 \(cn-hangzhou\) as 3 requests \(2 inserted so that the API accepts them\)/);
    expect(cloud.sent).toBe(0);
  });

  it('a plan the API would refuse is refused before any token: every problem named by its change', async () => {
    const cloud = fakeCloud({ routes: [{ ...ACTIVE }, { ...STANDBY }] });
    const { body } = await plan(cloud, { ...SWAP, changes: [{ op: 'modify', ...name(ACTIVE), newWeight: 0 }, { op: 'delete', ...name(OTHER) }] });
    expect(body.error.code).toBe('ValidationFailed');
    expect(body.error.issues.map((i: { code: string; field: string }) => `${i.code}@${i.field}`)).toEqual(['PartnerRouteListed@changes[0].newWeight', 'VpnPbrRouteEntry.NotFound@changes[1].routeDest']);
    expect(body.changesApplied).toBe(false);
    expect(body.summary).toMatch(/No route was changed\.$/);
  });
});

describe('applyRouteChanges: what becomes of its steps', () => {
  const cases: {
    name: string;
    attempts: Attempt[];
    onFailure?: 'rollback' | 'stop';
    status?: string;
    code?: string;
    changesApplied: boolean | 'unknown';
    applied: (boolean | 'unknown')[];
    actions: string[];
    table: string[];
  }[] = [
    { name: 'every step accepted: applied', attempts: [], status: 'applied', changesApplied: true, applied: [true, true, true], actions: SWAPPED, table: ['vco-flow1:0:20:published', 'vco-flow2:100:30:normal'] },
    {
      name: 'the third refused: the two made are rolled back, last first, to the table it began with',
      attempts: [{ kind: 'ok' }, { kind: 'ok' }, { kind: 'refuse', code: 'VpnRouteEntry.SrcDestWeightConflict' }],
      status: 'rolled_back',
      code: 'VpnRouteEntry.SrcDestWeightConflict',
      changesApplied: false,
      applied: [true, true, false],
      actions: [...SWAPPED, 'ModifyVpnPbrRouteEntryWeight', 'CreateVpnPbrRouteEntry'],
      table: START,
    },
    {
      name: 'the third refused with onFailure stop: the two made stay',
      attempts: [{ kind: 'ok' }, { kind: 'ok' }, { kind: 'refuse', code: 'Forbidden' }],
      onFailure: 'stop',
      code: 'Forbidden',
      changesApplied: true,
      applied: [true, true, false],
      actions: SWAPPED,
      table: ['vco-flow1:0:20:published'],
    },
    {
      name: "the second's answer lost for good: it stops and says so, rolling nothing back blindly",
      attempts: [{ kind: 'ok' }, ...Array(5).fill({ kind: 'lost', commits: false })],
      code: 'OutcomeUnknown',
      changesApplied: 'unknown',
      applied: [true, 'unknown', false],
      actions: ['DeleteVpnPbrRouteEntry', ...Array(5).fill('ModifyVpnPbrRouteEntryWeight')],
      table: ['vco-flow1:100:20:published'],
    },
    {
      name: 'the first refused: nothing to roll back, nothing changed',
      attempts: [{ kind: 'refuse', code: 'Forbidden' }],
      code: 'Forbidden',
      changesApplied: false,
      applied: [false, false, false],
      actions: ['DeleteVpnPbrRouteEntry'],
      table: START,
    },
    {
      name: 'the third refused and the rollback refused too: it stops there and says what is made',
      attempts: [{ kind: 'ok' }, { kind: 'ok' }, { kind: 'refuse', code: 'Forbidden' }, { kind: 'refuse', code: 'Forbidden' }],
      code: 'Forbidden',
      changesApplied: true,
      applied: [true, true, false],
      actions: [...SWAPPED, 'ModifyVpnPbrRouteEntryWeight'],
      table: ['vco-flow1:0:20:published'],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cloud = fakeCloud({ routes: [{ ...ACTIVE }, { ...STANDBY }], attempts: [...c.attempts] });
      const target = { ...SWAP, onFailure: c.onFailure ?? 'rollback' };
      const token = (await plan(cloud, target)).body.confirmationToken as string;
      const { body, isError } = await confirm(cloud, token, target);
      expect(body.changesApplied, JSON.stringify(body)).toBe(c.changesApplied);
      expect(isError).toBe(c.code !== undefined);
      if (c.status) expect(body.status).toBe(c.status);
      if (c.code) expect(body.error.code).toBe(c.code);
      expect(body.steps.map((s: { applied: unknown }) => s.applied)).toEqual(c.applied);
      expect(cloud.actions).toEqual(c.actions);
      expect(table(cloud)).toEqual(c.table);
      expect(body.table.map((r: PbrRoute & { state: string }) => `${r.nextHop}:${r.weight}:${r.priority}:${r.state}`).sort()).toEqual(c.table);
      if (c.changesApplied === false) expect(body.summary).toMatch(/No route was changed\.$/);
    });
  }

  it('a plan longer than the call budget: submitted with how far it got; confirming again finishes it, no step sent twice', async () => {
    let clock = Date.now();
    const cloud = fakeCloud({ routes: [{ ...ACTIVE }, { ...STANDBY }] }, () => clock);
    const token = (await plan(cloud)).body.confirmationToken as string;
    const first = await confirm(cloud, token, SWAP, { now: () => clock, progress: async () => { clock += 2600; } }, { VPN_PBR_MCP_CALL_BUDGET_SECONDS: '3' });
    expect(first.body).toMatchObject({ status: 'submitted', changesApplied: true });
    // The budget ended while it waited for step 1: accepted, not yet seen applied.
    expect(first.body.steps.map((s: { state: string }) => s.state)).toEqual(['submitted', 'skipped', 'skipped']);
    expect(first.body.summary).toContain('it resumes after the last step made and sends no request twice');
    const second = await confirm(cloud, token, SWAP, { now: () => clock });
    expect(second.body).toMatchObject({ status: 'applied', changesApplied: true });
    expect(second.body.steps.map((s: { state: string }) => s.state)).toEqual(['earlier', 'done', 'done']);
    expect(cloud.actions).toEqual(SWAPPED);
  });

  it('a table changed since the plan (a route added out of band) is refused; confirmed again once applied, a replay', async () => {
    const cloud = fakeCloud({ routes: [{ ...ACTIVE }, { ...STANDBY }] });
    const token = (await plan(cloud)).body.confirmationToken as string;
    cloud.routes.push({ ...OTHER });
    const refused = await confirm(cloud, token);
    expect(refused.body.error).toMatchObject({ code: 'RouteChangedSincePreview' });
    expect(refused.body.error.message).toContain('routes the plan does not touch changed');
    expect(cloud.sent).toBe(0);
    cloud.routes.pop();
    expect((await confirm(cloud, token)).body.status).toBe('applied');
    const again = await confirm(cloud, token);
    expect(again.body).toMatchObject({ status: 'applied', replayed: true, stillInEffect: true });
    expect(cloud.actions).toEqual(SWAPPED);
  });
});
