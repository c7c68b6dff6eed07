// The change flow's outcome rules, table-driven, in-process with a fake VpcClient (test/change/fake-cloud.ts).
import { describe, expect, it } from 'vitest';
import type { CallOptions, CreatePbrRouteRequest, DryRunPassed, PbrRoute, VpcClient } from '../../src/cloud/vpc-client.js';
import { confirmChange, previewChange } from '../../src/change/flow.js';
import type { RouteSpec } from '../../src/domain/types.js';
import type { AuditDraft } from '../../src/change/audited.js';
import { createRouteChange } from '../../src/change/kinds/create-route.js';
import { deleteRouteChange } from '../../src/change/kinds/delete-route.js';
import { dryRunIgnored } from '../../src/errors/factories.js';
import type { ToolContext } from '../../src/call-context.js';
import { context } from './context.js';
import { type Attempt, type FakeCloud, fakeCloud } from './fake-cloud.js';

const ROUTE: RouteSpec = {
  regionId: 'cn-hangzhou',
  vpnGatewayId: 'vpn-flow1',
  routeSource: '192.168.1.0/24',
  routeDest: '10.0.0.0/24',
  nextHop: 'vco-flow1',
  weight: 100,
  publishVpc: true,
};

const LISTED: PbrRoute = { vpnInstanceId: 'vpn-flow1', routeSource: ROUTE.routeSource, routeDest: ROUTE.routeDest, nextHop: ROUTE.nextHop, weight: 100, priority: 10, state: 'published' };
const THEIRS: PbrRoute = { ...LISTED, priority: 77, state: 'normal' };

async function confirmWith(cloud: FakeCloud, overrides: Partial<ToolContext> = {}, env: Record<string, string> = {}, listedAfterPreview: PbrRoute[] = []) {
  const ctx = context(cloud, overrides, env);
  const preview = await previewChange(createRouteChange, ROUTE, undefined, cloud, context(cloud), { requestIds: [] });
  expect(preview.body.status, JSON.stringify(preview.body)).toBe('dry_run_passed');
  cloud.routes.push(...listedAfterPreview);
  const draft: AuditDraft = { requestIds: [] };
  const outcome = await confirmChange(createRouteChange, ROUTE, preview.body.confirmationToken as string, undefined, cloud, ctx, draft);
  return { ...outcome, draft };
}

describe('the change flow: what becomes of a sent create', () => {
  const cases: { name: string; attempts: Attempt[]; routes?: PbrRoute[]; routeCreated: boolean | 'unknown'; code?: string; replayed?: boolean; existing?: number }[] = [
    { name: 'accepted at once', attempts: [{ kind: 'ok' }], routeCreated: true },
    { name: 'refused outright (nothing was written)', attempts: [{ kind: 'refuse', code: 'CreatePbrRoutesQuotaFull.QuotaFull' }], routeCreated: false, code: 'CreatePbrRoutesQuotaFull.QuotaFull' },
    { name: 'busy, then accepted', attempts: [{ kind: 'refuse', code: 'VpnGateway.Configuring', retryable: true }, { kind: 'ok' }], routeCreated: true },
    { name: 'answer lost, then the retry accepted (our ClientToken)', attempts: [{ kind: 'lost', commits: true }, { kind: 'ok' }], routeCreated: true },
    { name: 'every answer lost, nothing listed: still unknown', attempts: Array(5).fill({ kind: 'lost', commits: false }), routeCreated: 'unknown', code: 'OutcomeUnknown' },
    { name: 'answer lost, then a refusal: unknown', attempts: [{ kind: 'lost', commits: false }, { kind: 'refuse', code: 'Forbidden' }], routeCreated: 'unknown', code: 'OutcomeUnknown' },
    { name: 'answer lost, then AlreadyExists with an identical route listed: unknown', attempts: [{ kind: 'lost', commits: true }, { kind: 'refuse', code: 'VpnRouteEntry.AlreadyExists' }], routeCreated: 'unknown', code: 'OutcomeUnknown' },
    { name: "answer lost, then AlreadyExists and someone else's route (priority 77, unpublished)", attempts: [{ kind: 'foreign-then-lost', route: THEIRS }, { kind: 'refuse', code: 'VpnRouteEntry.AlreadyExists' }], routeCreated: false, code: 'VpnRouteEntry.AlreadyExists', existing: 77 },
    { name: 'already listed and our ClientToken accepted: a replay', attempts: [{ kind: 'ok' }], routes: [LISTED], routeCreated: true, replayed: true },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const cloud = fakeCloud({ attempts: [...c.attempts] });
      const { body, isError } = await confirmWith(cloud, {}, {}, c.routes);
      expect(body.routeCreated, JSON.stringify(body)).toBe(c.routeCreated);
      expect(isError).toBe(c.routeCreated !== true);
      if (c.code) expect((body.error as { code: string }).code).toBe(c.code);
      if (c.routeCreated === false) expect(body.summary).toMatch(/No route was created\.$/);
      else expect(body.summary).not.toContain('No route was created.');
      if (c.routeCreated === 'unknown') expect((body.error as { hint: string }).hint).toContain('same arguments and confirmationToken');
      expect(body.replayed).toBe(c.replayed);
      if (c.existing) {
        expect(body.existingRoute).toMatchObject({ priority: c.existing, state: 'normal' });
        expect(body.summary).toContain('priority 77');
      }
    });
  }
});

describe('the change flow: cancellation and the call budget', () => {
  it('sends nothing when the call is cancelled while waiting for a busy gateway', async () => {
    const cloud = fakeCloud({ statuses: ['updating', 'updating', 'updating', 'active'] });
    const controller = new AbortController();
    const { body, draft } = await confirmWith(cloud, { signal: controller.signal, progress: async () => controller.abort() });
    expect(body.routeCreated).toBe(false);
    expect((body.error as { code: string }).code).toBe('Cancelled');
    expect(cloud.sent).toBe(0);
    expect(draft.outcome).toBe('cancelled');
  });

  it('sends no retry once cancelled, and an answer lost before it leaves the outcome unknown', async () => {
    const cloud = fakeCloud({ attempts: [{ kind: 'lost', commits: true }, { kind: 'ok' }] });
    const controller = new AbortController();
    cloud.beforeAttempt = () => controller.abort();
    const { body } = await confirmWith(cloud, { signal: controller.signal });
    expect(cloud.sent).toBe(1);
    expect(body.routeCreated).toBe('unknown');
  });

  it('sends no retry once cancelled, and refusals before it mean nothing was created', async () => {
    const cloud = fakeCloud({ attempts: [{ kind: 'refuse', code: 'VpnGateway.Configuring', retryable: true }, { kind: 'ok' }] });
    const controller = new AbortController();
    cloud.beforeAttempt = () => controller.abort();
    const { body } = await confirmWith(cloud, { signal: controller.signal });
    expect(cloud.sent).toBe(1);
    expect(body.routeCreated).toBe(false);
  });

  it('gives up waiting for a busy gateway when the budget runs out: nothing sent, retryable, re-confirm hint', async () => {
    let clock = Date.now();
    const now = () => clock;
    const cloud = fakeCloud({ statuses: ['updating'] }, now);
    const { body } = await confirmWith(cloud, { now, progress: async () => { clock += 1000; } }, { VPN_PBR_MCP_CALL_BUDGET_SECONDS: '5' });
    expect(cloud.sent).toBe(0);
    expect(body.routeCreated).toBe(false);
    expect(body.error).toMatchObject({ code: 'CallBudgetExceeded', retryable: true });
    expect((body.error as { hint: string }).hint).toContain('same arguments and confirmationToken');
  });

  it('reports "submitted" when the budget runs out after the API accepted the route', async () => {
    let clock = Date.now();
    const now = () => clock;
    const cloud = fakeCloud({ statuses: ['active', 'active', 'updating'] }, now);
    const { body } = await confirmWith(cloud, { now, progress: async () => { clock += 1000; } }, { VPN_PBR_MCP_CALL_BUDGET_SECONDS: '3', VPN_PBR_MCP_WAIT_SECONDS: '60' });
    expect(body.status, JSON.stringify(body)).toBe('submitted');
    expect(body.routeCreated).toBe(true);
  });
});

describe('the preview: the dry run goes out with the live look-ups', () => {
  /** The fake with its dry run replaced, through withOptions too (the flow calls it on a budgeted copy). */
  function withDryRun(cloud: VpcClient, dryRun: () => Promise<DryRunPassed>): VpcClient {
    const create = cloud.createPbrRoute;
    return {
      ...cloud,
      createPbrRoute: ((request: CreatePbrRouteRequest, more?: CallOptions) => (request.dryRun ? dryRun() : create(request as never, more))) as VpcClient['createPbrRoute'],
      withOptions: (options) => withDryRun(cloud.withOptions(options), dryRun),
    };
  }

  it('a look-up that finds a problem discards a passed dry run: no token', async () => {
    const fake = fakeCloud({ routes: [LISTED] });
    let dryRuns = 0;
    const cloud = withDryRun(fake, async () => {
      dryRuns += 1;
      return { dryRun: true, requestId: 'dry-run-1' };
    });
    const { body, isError } = await previewChange(createRouteChange, ROUTE, undefined, cloud, context(fake), { requestIds: [] });
    expect(isError).toBe(true);
    expect(dryRuns).toBe(1);
    expect(body.confirmationToken).toBeUndefined();
    expect(body.routeCreated).toBe(false);
    expect((body.error as { issues: { code: string }[] }).issues.map((i) => i.code)).toEqual(['VpnRouteEntry.AlreadyExists']);
  });

  it('a dry run the API answered as a success outweighs a failed look-up: "unknown"', async () => {
    const fake = fakeCloud({ routes: [LISTED] });
    const cloud = withDryRun(fake, async () => {
      throw dryRunIgnored('CreateVpnPbrRouteEntry', 'req-1', 200);
    });
    const { body } = await previewChange(createRouteChange, ROUTE, undefined, cloud, context(fake), { requestIds: [] });
    expect((body.error as { code: string }).code).toBe('DryRunIgnored');
    expect(body.routeCreated).toBe('unknown');
  });
});

describe('the change flow: a delete token binds the listed route it previewed (issue 16 item 4)', () => {
  const IDENTITY = { regionId: 'cn-hangzhou', vpnGatewayId: 'vpn-flow1', routeSource: ROUTE.routeSource, routeDest: ROUTE.routeDest, nextHop: ROUTE.nextHop, weight: 100 };
  const PREVIEWED: PbrRoute = { ...LISTED, priority: 20, createTime: 1_700_000_000_000 };
  type Mutation = (cloud: FakeCloud) => void;
  const replaceWith = (fields: Partial<PbrRoute>): Mutation => (cloud) => {
    cloud.routes = [{ ...PREVIEWED, ...fields }];
  };
  // asked: whether the human was asked (a refusal before asking does not ask).
  const cases: { name: string; before?: Mutation; duringHuman?: Mutation; failList?: (n: number) => boolean; code?: string; message?: string | RegExp; sent: number; asked?: false }[] = [
    { name: 'unchanged: deleted', sent: 1 },
    { name: 'priority changed', before: replaceWith({ priority: 30 }), code: 'RouteChangedSincePreview', message: 'The route changed since the preview: priority was 20, now 30.', sent: 0, asked: false },
    { name: 'withdrawn from the VPC', before: replaceWith({ state: 'normal' }), code: 'RouteChangedSincePreview', message: 'state was published, now normal', sent: 0, asked: false },
    { name: 'weight changed', before: replaceWith({ weight: 0 }), code: 'RouteChangedSincePreview', message: 'weight was 100, now 0', sent: 0, asked: false },
    {
      name: 'replaced by an identical route (another creation time)',
      before: replaceWith({ createTime: 1_700_000_100_000 }),
      code: 'RouteChangedSincePreview',
      message: /^The previewed route \(created 2023-11-14T22:13:20Z\) is no longer listed; another with the same identity, created 2023-11-14T22:15:00Z, is, with the same values\. If this token was confirmed before/,
      sent: 0,
      asked: false,
    },
    { name: 'gone: sent, the API decides (here it accepts: a replay)', before: (cloud) => { cloud.routes = []; }, sent: 1 },
    { name: 'the list cannot be read at the confirm: nothing asked, nothing sent', failList: (n) => n === 2, code: 'RouteListUnavailable', sent: 0, asked: false },
    { name: 'changed while the human was answering: refused right before sending', duringHuman: replaceWith({ priority: 30 }), code: 'RouteChangedSincePreview', message: 'priority was 20, now 30', sent: 0 },
    { name: 'the list cannot be read right before sending', failList: (n) => n >= 3, code: 'RouteListUnavailable', sent: 0 },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const cloud = fakeCloud({ routes: [{ ...PREVIEWED }] });
      const preview = await previewChange(deleteRouteChange, IDENTITY, undefined, cloud, context(cloud), { requestIds: [] });
      expect(preview.body.status).toBe('dry_run_passed');
      c.before?.(cloud);
      cloud.failList = c.failList;
      let asked = 0;
      const ctx = context(cloud, {
        askHuman: async () => {
          asked++;
          c.duringHuman?.(cloud);
          return 'accept';
        },
      });
      const { body, isError } = await confirmChange(deleteRouteChange, IDENTITY, preview.body.confirmationToken as string, undefined, cloud, ctx, { requestIds: [] });
      expect(cloud.sent, JSON.stringify(body)).toBe(c.sent);
      expect(isError).toBe(c.code !== undefined);
      if (c.code === undefined) return;
      expect(body.error).toMatchObject({ code: c.code });
      expect(body.routeDeleted).toBe(false);
      if (c.message) expect((body.error as { message: string }).message).toMatch(c.message);
      expect(asked).toBe(c.asked === false ? 0 : 1);
      if (c.code === 'RouteListUnavailable') expect(body.error).toMatchObject({ retryable: true });
    });
  }
});

describe('the change flow: a replay says so and tells the present (issue 16 item 6)', () => {
  async function previewCreate(cloud: FakeCloud, route: RouteSpec = ROUTE) {
    const preview = await previewChange(createRouteChange, route, undefined, cloud, context(cloud), { requestIds: [] });
    return preview.body.confirmationToken as string;
  }
  const confirm = (cloud: FakeCloud, token: string, route: RouteSpec = ROUTE, overrides: Partial<ToolContext> = {}) =>
    confirmChange(createRouteChange, route, token, undefined, cloud, context(cloud, overrides), { requestIds: [] });

  it('confirmed twice in this process: the second sends nothing, says replayed and that the route is still listed', async () => {
    const cloud = fakeCloud();
    const token = await previewCreate(cloud);
    expect((await confirm(cloud, token)).body).toMatchObject({ status: 'created', routeCreated: true });
    const again = (await confirm(cloud, token)).body;
    expect(cloud.sent).toBe(1);
    expect(again).toMatchObject({ status: 'created', routeCreated: true, replayed: true, stillInEffect: true });
    expect(again.summary).toContain('no second route was created');
  });

  it('confirmed again after the route was deleted: replayed, no longer in effect, never "submitted"', async () => {
    const cloud = fakeCloud();
    const token = await previewCreate(cloud, { ...ROUTE, routeDest: '10.0.7.0/24' });
    await confirm(cloud, token, { ...ROUTE, routeDest: '10.0.7.0/24' });
    cloud.routes = [];
    const again = (await confirm(cloud, token, { ...ROUTE, routeDest: '10.0.7.0/24' })).body;
    expect(cloud.sent).toBe(1);
    expect(again).toMatchObject({ status: 'created', replayed: true, stillInEffect: false });
    expect(again.summary).toMatch(/^Created earlier by this token at 2023-11-14T22:13:20Z, and no longer in effect: the route is no longer listed\. Nothing was done now \(this confirmation sent nothing\)/);
  });

  const now = Date.now();
  const answers: { name: string; attempt: Attempt; replayed: boolean }[] = [
    { name: "another process's confirmation: the answer's CreateTime predates this call on the API's clock", attempt: { kind: 'ok', noEffect: true, madeAt: now - 60_000, answeredAt: now }, replayed: true },
    { name: 'a genuine create on an API whose clock is 10 minutes behind ours is no replay', attempt: { kind: 'ok', madeAt: now - 600_000, answeredAt: now - 600_000 }, replayed: false },
    { name: "a CreateTime within the Date header's whole second is no replay", attempt: { kind: 'ok', madeAt: now - 1500, answeredAt: now }, replayed: false },
  ];
  for (const a of answers) {
    it(a.name, async () => {
      const route = { ...ROUTE, routeDest: `10.0.${answers.indexOf(a) + 20}.0/24` };
      const cloud = fakeCloud({ attempts: [a.attempt] });
      const { body } = await confirm(cloud, await previewCreate(cloud, route), route);
      expect(body.replayed, JSON.stringify(body)).toBe(a.replayed ? true : undefined);
      expect(body.routeCreated).toBe(true);
      if (a.replayed) expect(body).toMatchObject({ status: 'created', stillInEffect: false });
      if (a.replayed) expect(body.summary).toContain('the API answered this confirmation (request req-1) with the original answer and changed nothing');
    });
  }

  it('accepted, but never applied nor applying within the wait: says both readings, not "still applying"', async () => {
    const route = { ...ROUTE, routeDest: '10.0.30.0/24' };
    const cloud = fakeCloud({ attempts: [{ kind: 'ok', noEffect: true }] });
    const { body } = await confirm(cloud, await previewCreate(cloud, route), route);
    expect(body).toMatchObject({ status: 'submitted', routeCreated: true });
    expect(body.replayed).toBeUndefined();
    expect(body.summary).toContain('never showed it applying a change');
    expect(body.summary).not.toContain('do not start over');
  });
});

describe('the change flow: the token is checked again once the human has answered (issue 16 item 12c)', () => {
  it('a token that expires while the human reads is refused after the answer; nothing is sent', async () => {
    let clock = Date.now();
    const cloud = fakeCloud({}, () => clock);
    const route = { ...ROUTE, routeDest: '10.0.40.0/24' };
    const ttl = { VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '60' };
    const preview = await previewChange(createRouteChange, route, undefined, cloud, context(cloud, { now: () => clock }, ttl), { requestIds: [] });
    const ctx = context(cloud, { now: () => clock, askHuman: async () => { clock += 61_000; return 'accept'; } }, ttl);
    const { body } = await confirmChange(createRouteChange, route, preview.body.confirmationToken as string, undefined, cloud, ctx, { requestIds: [] });
    expect(body.error).toMatchObject({ code: 'ConfirmationExpired', source: 'confirmation' });
    expect(body.routeCreated).toBe(false);
    expect(cloud.sent).toBe(0);
  });
});
