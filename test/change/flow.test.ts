// The change flow's outcome rules, table-driven, in-process with a fake VpcClient (test/change/fake-cloud.ts).
import { describe, expect, it } from 'vitest';
import type { CallOptions, CreatePbrRouteRequest, DryRunPassed, PbrRoute, VpcClient } from '../../src/cloud/vpc-client.js';
import { confirmChange, previewChange } from '../../src/change/flow.js';
import { noAuditLog } from '../../src/audit/entry.js';
import { resolveConfig } from '../../src/config.js';
import type { RouteSpec } from '../../src/domain/types.js';
import { createInFlightChanges } from '../../src/lifecycle/in-flight.js';
import { silentLogger } from '../../src/log.js';
import type { AuditDraft } from '../../src/change/audited.js';
import { createRouteChange } from '../../src/change/kinds/create-route.js';
import { dryRunIgnored } from '../../src/errors/factories.js';
import type { ToolContext } from '../../src/call-context.js';
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

function context(cloud: FakeCloud, overrides: Partial<ToolContext> = {}, env: Record<string, string> = {}): ToolContext {
  return {
    config: resolveConfig([], { VPN_PBR_MCP_WAIT_SECONDS: '1', VPN_PBR_MCP_CONFIRM_SECRET: 'flow-test-secret-0123456789', ...env }),
    cloud,
    logger: silentLogger,
    audit: noAuditLog,
    inFlight: createInFlightChanges(),
    now: Date.now,
    client: {},
    signal: new AbortController().signal,
    progress: async () => {},
    askHuman: async () => 'unsupported',
    pollIntervalMs: 5,
    ...overrides,
  };
}

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
