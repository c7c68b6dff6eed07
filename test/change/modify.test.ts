// modifyVpnPbrRoute's change in process with the fake cloud: what the preview refuses, and every outcome of its steps.
import { describe, expect, it } from 'vitest';
import type { PbrRoute } from '../../src/cloud/vpc-client.js';
import { confirmChange, previewChange } from '../../src/change/flow.js';
import { modifyRouteChange } from '../../src/change/kinds/modify-route.js';
import type { ModifyTarget } from '../../src/domain/types.js';
import type { ToolOutcome } from '../../src/results.js';
import { context } from './context.js';
import { type Attempt, type FakeCloud, fakeCloud } from './fake-cloud.js';

const GW = { regionId: 'cn-hangzhou', vpnGatewayId: 'vpn-flow1' };
const at = 1_700_000_000_000;
const LONE: PbrRoute = { vpnInstanceId: 'vpn-flow1', routeSource: '192.168.20.0/24', routeDest: '10.20.0.0/24', nextHop: 'vco-flow1', weight: 100, priority: 30, state: 'published', createTime: at };
const ACTIVE: PbrRoute = { ...LONE, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', priority: 20, createTime: at + 1000 };
const STANDBY: PbrRoute = { ...ACTIVE, nextHop: 'vco-flow2', weight: 0, state: 'normal', createTime: at + 2000 };
const OVERLAP: PbrRoute = { ...LONE, routeSource: '192.168.20.128/25', routeDest: '10.20.0.0/16', nextHop: 'vco-flow2', priority: 40, createTime: at + 3000 };
const routes = () => [{ ...LONE }, { ...ACTIVE }, { ...STANDBY }, { ...OVERLAP }];
const lone = (more: Partial<ModifyTarget>): ModifyTarget => ({ ...GW, routeSource: LONE.routeSource, routeDest: LONE.routeDest, nextHop: LONE.nextHop, weight: 100, ...more });

/** The answer's body, read loosely as a client does. */
const loose = ({ body, isError }: ToolOutcome) => ({ body: body as Record<string, any>, isError });

async function preview(cloud: FakeCloud, target: ModifyTarget) {
  return loose(await previewChange(modifyRouteChange, target, undefined, cloud, context(cloud), { requestIds: [] }));
}
async function confirm(cloud: FakeCloud, target: ModifyTarget, token: string, env: Record<string, string> = {}, overrides = {}) {
  return loose(await confirmChange(modifyRouteChange, target, token, undefined, cloud, context(cloud, overrides, env), { requestIds: [] }));
}

describe('modify: the preview refuses what the API would, before anything is sent', () => {
  it.each([
    ['the active route of a pair to 0', { routeSource: ACTIVE.routeSource, routeDest: ACTIVE.routeDest, newWeight: 0 }, 'PartnerRouteListed'],
    ['a priority that overlaps another route at that priority', { newPriority: 40 }, 'ValidationFailed'],
    ['values the route has already', { newPriority: 30, publishVpc: true }, 'NothingToModify'],
    ['no new value at all', {}, 'ValidationFailed'],
    ['weight 50', { newWeight: 50 }, 'ValidationFailed'],
    ['a wrong current weight', { weight: 0, newPriority: 35 }, 'VpnRouteEntry.InvalidWeight'],
  ])('%s: %s', async (_name, more, code) => {
    const cloud = fakeCloud({ routes: routes() });
    const { body, isError } = await preview(cloud, lone(more));
    expect(isError).toBe(true);
    expect(body.error).toMatchObject({ code });
    expect(body.routeModified).toBe(false);
    expect(body.summary).toMatch(/No route was modified\.$/);
    expect(cloud.sent).toBe(0);
  });

  it('names the overlapping route of a new priority, field newPriority', async () => {
    const { body } = await preview(fakeCloud({ routes: routes() }), lone({ newPriority: 40 }));
    expect(body.error.issues).toEqual([expect.objectContaining({ code: 'VpnRouteEntry.SamePriorityPbrRoutePrefixOverlap', field: 'newPriority' })]);
    expect(body.error.message).toContain('192.168.20.128/25 -> 10.20.0.0/16');
  });

  it('the partner rule points to the applyRouteChanges call that swaps the pair, arguments ready to use', async () => {
    const cloud = fakeCloud({ routes: routes() });
    const { body } = await preview(cloud, lone({ routeSource: STANDBY.routeSource, routeDest: STANDBY.routeDest, nextHop: 'vco-flow2', weight: 0, newWeight: 100 }));
    expect(body.error.message).toContain('active partner is listed');
    expect(body.applyRouteChanges).toEqual({
      ...GW,
      changes: [
        { op: 'modify', routeSource: STANDBY.routeSource, routeDest: STANDBY.routeDest, nextHop: 'vco-flow2', weight: 0, priority: 20, newWeight: 100 },
        { op: 'modify', routeSource: ACTIVE.routeSource, routeDest: ACTIVE.routeDest, nextHop: 'vco-flow1', weight: 100, priority: 20, newWeight: 0 },
      ],
    });
  });

  it('previews what will change and the requests, and binds the route it found', async () => {
    const cloud = fakeCloud({ routes: routes() });
    const { body } = await preview(cloud, lone({ newPriority: 35, publishVpc: false }));
    expect(body).toMatchObject({ status: 'dry_run_passed', route: { priority: 30, state: 'published' } });
    expect(body.changes).toEqual([{ field: 'priority', from: 30, to: 35 }, { field: 'publishVpc', from: true, to: false }]);
    expect(body.steps.map((s: { action: string }) => s.action)).toEqual(['ModifyVpnPbrRouteEntryPriority', 'PublishVpnRouteEntry']);
    expect(body.summary).toContain('priority 30 -> 35 and withdrawn from the VPC route table (2 requests)');
  });
});

describe('modify: what becomes of its requests', () => {
  const target = lone({ newPriority: 35, publishVpc: false });
  const cases: { name: string; attempts: Attempt[]; status?: string; code?: string; routeModified: boolean | 'unknown'; actions: string[]; after: Partial<PbrRoute> }[] = [
    { name: 'both accepted: modified', attempts: [], status: 'modified', routeModified: true, actions: ['ModifyVpnPbrRouteEntryPriority', 'PublishVpnRouteEntry'], after: { priority: 35, state: 'normal' } },
    { name: 'the first refused: nothing modified, nothing more sent', attempts: [{ kind: 'refuse', code: 'Forbidden' }], code: 'Forbidden', routeModified: false, actions: ['ModifyVpnPbrRouteEntryPriority'], after: { priority: 30, state: 'published' } },
    { name: 'the second refused: the first stays made, and says so', attempts: [{ kind: 'ok' }, { kind: 'refuse', code: 'Forbidden' }], code: 'Forbidden', routeModified: true, actions: ['ModifyVpnPbrRouteEntryPriority', 'PublishVpnRouteEntry'], after: { priority: 35, state: 'published' } },
    { name: 'the first answer lost for good: unknown, the second never sent', attempts: Array(5).fill({ kind: 'lost', commits: false }), code: 'OutcomeUnknown', routeModified: 'unknown', actions: Array(5).fill('ModifyVpnPbrRouteEntryPriority'), after: { priority: 30 } },
    { name: 'a lost answer, then accepted with the same ClientToken', attempts: [{ kind: 'lost', commits: true }, { kind: 'ok', noEffect: true }], status: 'modified', routeModified: true, actions: ['ModifyVpnPbrRouteEntryPriority', 'ModifyVpnPbrRouteEntryPriority', 'PublishVpnRouteEntry'], after: { priority: 35, state: 'normal' } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cloud = fakeCloud({ routes: routes(), attempts: [...c.attempts] });
      const token = (await preview(cloud, target)).body.confirmationToken as string;
      const { body, isError } = await confirm(cloud, target, token);
      expect(body.routeModified, JSON.stringify(body)).toBe(c.routeModified);
      expect(isError).toBe(c.code !== undefined);
      if (c.status) expect(body.status).toBe(c.status);
      if (c.code) expect(body.error.code).toBe(c.code);
      if (c.routeModified === false) expect(body.summary).toMatch(/No route was modified\.$/);
      if (c.routeModified === true && c.code) expect(body.summary).toContain('Made before it stopped: set priority 30 -> 35');
      expect(cloud.actions).toEqual(c.actions);
      expect(cloud.routes.find((r) => r.routeDest === LONE.routeDest && r.nextHop === LONE.nextHop)).toMatchObject(c.after);
    });
  }

  it('modified: the route as listed, undo that puts it back, each step with its own ClientToken', async () => {
    const cloud = fakeCloud({ routes: routes() });
    const tokens: string[] = [];
    const traced = { ...cloud, withOptions: (o: Parameters<FakeCloud['withOptions']>[0]) => trace(cloud.withOptions(o) as FakeCloud, tokens) } as FakeCloud;
    const token = (await preview(cloud, target)).body.confirmationToken as string;
    const { body } = await confirm(traced, target, token);
    expect(body).toMatchObject({ status: 'modified', route: { priority: 35, state: 'normal', createTime: '2023-11-14T22:13:20Z' } });
    expect(body.undo).toEqual({ ...GW, routeSource: LONE.routeSource, routeDest: LONE.routeDest, nextHop: LONE.nextHop, weight: 100, priority: 35, newPriority: 30, publishVpc: true });
    expect(new Set(tokens).size).toBe(2);
    expect(tokens).not.toContain(body.clientToken);
  });

  it('a call budget that ends between the steps: submitted; confirming again sends only the rest', async () => {
    let clock = Date.now();
    const cloud = fakeCloud({ routes: routes() }, () => clock);
    const token = (await preview(cloud, target)).body.confirmationToken as string;
    // The first step's progress note costs 2.6 s of a 3-second budget: too little is left to send the second.
    const first = await confirm(cloud, target, token, { VPN_PBR_MCP_CALL_BUDGET_SECONDS: '3' }, { now: () => clock, progress: async () => { clock += 2600; } });
    expect(first.body, JSON.stringify(first.body)).toMatchObject({ status: 'submitted', routeModified: true });
    expect(first.body.summary).toContain('Not sent yet: withdraw');
    expect(cloud.actions).toEqual(['ModifyVpnPbrRouteEntryPriority']);
    const second = await confirm(cloud, target, token, {}, { now: () => clock });
    expect(second.body).toMatchObject({ status: 'modified', routeModified: true });
    expect(second.body.steps.map((s: { state: string }) => s.state)).toEqual(['earlier', 'done']);
    expect(cloud.actions).toEqual(['ModifyVpnPbrRouteEntryPriority', 'PublishVpnRouteEntry']);
  });

  it('confirmed again once made: a replay, nothing sent; changed back out of band: refused', async () => {
    const cloud = fakeCloud({ routes: routes() });
    const token = (await preview(cloud, target)).body.confirmationToken as string;
    await confirm(cloud, target, token);
    const again = await confirm(cloud, target, token);
    expect(again.body).toMatchObject({ status: 'modified', replayed: true, stillInEffect: true, routeModified: true });
    expect(cloud.sent).toBe(2);
    const other = cloud.routes.find((r) => r.routeDest === LONE.routeDest && r.nextHop === LONE.nextHop) as PbrRoute;
    other.priority = 50;
    const changed = await confirm(cloud, target, token);
    expect(changed.body.error).toMatchObject({ code: 'RouteChangedSincePreview' });
    expect(changed.body.error.message).toContain('priority was 30, now 50');
    expect(cloud.sent).toBe(2);
  });
});

/** The client with every change request's ClientToken collected. */
function trace(cloud: FakeCloud, tokens: string[]): FakeCloud {
  const wrap = <K extends 'modifyPbrRoutePriority' | 'publishPbrRoute'>(name: K) =>
    ((request: { clientToken?: string }, more: unknown) => {
      tokens.push(request.clientToken ?? '');
      return (cloud[name] as (r: unknown, m: unknown) => unknown)(request, more);
    }) as FakeCloud[K];
  return { ...cloud, modifyPbrRoutePriority: wrap('modifyPbrRoutePriority'), publishPbrRoute: wrap('publishPbrRoute') } as FakeCloud;
}
