// An in-process VpcClient for the change flow's table-driven tests: a gateway, its routes, and a script of what
// each change attempt (create, delete, modify, publish) meets. Attempts run through the real retry loop (cloud/retry.ts).
import { type RetryLimits, withRetry } from '../../src/cloud/retry.js';
import type { CallOptions, CreatePbrRouteRequest, PbrRoute, VpcClient } from '../../src/cloud/vpc-client.js';
import { AppError } from '../../src/errors/app-error.js';
import { silentLogger } from '../../src/log.js';

/** What one change attempt meets: success, a lost answer (committed or not), or a refusal. */
export type Attempt =
  /** Accepted; `madeAt`/`answeredAt` put a CreateTime and the API's Date in the answer; `noEffect`: nothing changes (a replayed answer). */
  | { kind: 'ok'; madeAt?: number; answeredAt?: number; noEffect?: boolean }
  | { kind: 'lost'; commits: boolean }
  | { kind: 'refuse'; code: string; retryable?: boolean }
  | { kind: 'foreign-then-lost'; route: PbrRoute };

export interface FakeCloud extends VpcClient {
  routes: PbrRoute[];
  /** Gateway status per describeGateway call; the last one repeats. */
  statuses: string[];
  /** The script of change attempts, consumed in order (an empty script accepts). */
  attempts: Attempt[];
  /** Change attempts sent so far. */
  sent: number;
  /** The action of every change attempt sent, in order. */
  actions: string[];
  /** Called before each attempt is sent (after the cancellation and budget checks). */
  beforeAttempt?: (n: number, action: string) => void;
  /** Route list reads so far; `failList(n)` true makes read n fail (a network error). */
  lists: number;
  failList?: (n: number) => boolean;
}

const lostAnswer = () => new AppError({ code: 'Timeout', message: 'no answer', retryable: true, source: 'network' });

type Named = Pick<PbrRoute, 'routeSource' | 'routeDest' | 'nextHop'>;
const same = (a: Named, b: Named) => a.routeSource === b.routeSource && a.routeDest === b.routeDest && a.nextHop === b.nextHop;

export function fakeCloud(init: Partial<Pick<FakeCloud, 'routes' | 'statuses' | 'attempts'>> = {}, now: () => number = Date.now): FakeCloud {
  const policy = { maxAttempts: 5, baseMs: 1, capMs: 2, sleep: async () => {}, random: () => 0, logger: silentLogger };
  const state = {
    routes: init.routes ?? [],
    statuses: init.statuses ?? ['active'],
    attempts: init.attempts ?? [],
    sent: 0,
    actions: [] as string[],
    beforeAttempt: undefined as FakeCloud['beforeAttempt'],
    lists: 0,
    failList: undefined as FakeCloud['failList'],
  };
  const build = (bound: CallOptions): FakeCloud => {
    const limits = (more?: CallOptions): RetryLimits => ({
      now,
      signal: more?.signal ?? bound.signal,
      deadline: more?.deadline ?? bound.deadline,
      onAttemptFailed: (e, n) => {
        bound.onAttemptFailed?.(e, n);
        more?.onAttemptFailed?.(e, n);
      },
    });
    const read = <T>(action: string, value: () => T, more?: CallOptions) => withRetry(action, policy, async () => value(), limits(more));
    /** One change through the script: `effect` changes the routes, `answer` is the API's answer besides RequestId. */
    const change = <T extends object>(action: string, effect: () => void, answer: () => T, more?: CallOptions) =>
      withRetry(
        action,
        policy,
        async (n) => {
          state.beforeAttempt?.(n, action);
          state.sent++;
          state.actions.push(action);
          const attempt = state.attempts.shift() ?? { kind: 'ok' };
          switch (attempt.kind) {
            case 'ok': {
              if (!attempt.noEffect) effect();
              const made = attempt.madeAt === undefined ? {} : { createTime: attempt.madeAt };
              const answered = attempt.answeredAt === undefined ? {} : { answeredAt: attempt.answeredAt };
              return { requestId: `req-${state.sent}`, ...answer(), ...made, ...answered };
            }
            case 'lost':
              if (attempt.commits) effect();
              throw lostAnswer();
            case 'foreign-then-lost':
              state.routes.push(attempt.route);
              throw lostAnswer();
            case 'refuse':
              throw new AppError({ code: attempt.code, message: `refused: ${attempt.code}`, retryable: attempt.retryable ?? false, source: 'cloud', httpStatus: 400 });
          }
        },
        limits(more),
      );
    const routeOf = (r: CreatePbrRouteRequest): PbrRoute => ({
      vpnInstanceId: r.vpnGatewayId,
      routeSource: r.routeSource,
      routeDest: r.routeDest,
      nextHop: r.nextHop,
      weight: r.weight,
      priority: r.priority ?? 10,
      state: r.publishVpc ? 'published' : 'normal',
      createTime: 1_700_000_000_000,
    });
    const update = (named: Named & { weight: number }, fields: Partial<PbrRoute>) => () => {
      const route = state.routes.find((r) => same(r, named) && r.weight === named.weight);
      if (route) Object.assign(route, fields);
    };
    const self: FakeCloud = {
      get routes() { return state.routes; },
      set routes(v) { state.routes = v; },
      get statuses() { return state.statuses; },
      set statuses(v) { state.statuses = v; },
      get attempts() { return state.attempts; },
      set attempts(v) { state.attempts = v; },
      get sent() { return state.sent; },
      set sent(v) { state.sent = v; },
      get actions() { return state.actions; },
      set actions(v) { state.actions = v; },
      get beforeAttempt() { return state.beforeAttempt; },
      set beforeAttempt(v) { state.beforeAttempt = v; },
      get lists() { return state.lists; },
      set lists(v) { state.lists = v; },
      get failList() { return state.failList; },
      set failList(v) { state.failList = v; },
      async createPbrRoute(request: CreatePbrRouteRequest, more?: CallOptions) {
        if (request.dryRun) return { dryRun: true, requestId: 'dry-run-1' } as never;
        const route = routeOf(request);
        const add = () => {
          if (!state.routes.some((r) => same(r, route))) state.routes.push(route);
        };
        return change('CreateVpnPbrRouteEntry', add, () => route, more) as never;
      },
      listPbrRoutes: (_region, _gw, more) =>
        read(
          'DescribeVpnPbrRouteEntries',
          () => {
            state.lists++;
            if (state.failList?.(state.lists)) throw new AppError({ code: 'NetworkError', message: 'down', retryable: false, source: 'network' });
            return state.routes.map((r) => ({ ...r }));
          },
          more,
        ),
      describeGateway: (regionId, vpnGatewayId, more) =>
        read(
          'DescribeVpnGateway',
          () => ({
            requestId: 'gw',
            vpnGatewayId,
            regionId,
            status: (state.statuses.length > 1 ? state.statuses.shift() : state.statuses[0]) ?? 'active',
            businessStatus: 'Normal',
            pbrPriority: true,
            dualTunnel: false,
          }),
          more,
        ),
      listGateways: (regionId, _vpcId, more) =>
        read('DescribeVpnGateways', () => [{ requestId: 'gws', vpnGatewayId: 'vpn-flow1', regionId, status: 'active', businessStatus: 'Normal', pbrPriority: true, dualTunnel: false }], more),
      describeConnection: (_regionId, vpnConnectionId, more) =>
        read('DescribeVpnConnection', () => ({ requestId: 'c', vpnConnectionId, vpnGatewayId: 'vpn-flow1' }), more),
      listConnections: (_regionId, vpnGatewayId, more) =>
        read('DescribeVpnConnections', () => ['vco-flow1', 'vco-flow2'].map((vpnConnectionId) => ({ requestId: 'c', vpnConnectionId, vpnGatewayId })), more),
      deletePbrRoute: (request, more) =>
        change(
          'DeleteVpnPbrRouteEntry',
          () => {
            state.routes = state.routes.filter((r) => !(same(r, request) && r.weight === request.weight));
          },
          () => ({}),
          more,
        ),
      modifyPbrRouteWeight: (request, more) => change('ModifyVpnPbrRouteEntryWeight', update(request, { weight: request.newWeight }), () => ({}), more),
      modifyPbrRoutePriority: (request, more) => change('ModifyVpnPbrRouteEntryPriority', update(request, { priority: request.newPriority }), () => ({}), more),
      modifyPbrRouteAttribute: (request, more) =>
        change(
          'ModifyVpnPbrRouteEntryAttribute',
          update(request, { ...(request.newWeight === undefined ? {} : { weight: request.newWeight }), ...(request.newPriority === undefined ? {} : { priority: request.newPriority }) }),
          () => ({}),
          more,
        ),
      publishPbrRoute: (request, more) =>
        change(
          'PublishVpnRouteEntry',
          () => {
            for (const r of state.routes) if (r.routeDest === request.routeDest && r.nextHop === request.nextHop) r.state = request.publishVpc ? 'published' : 'normal';
          },
          () => ({}),
          more,
        ),
      withOptions: (options) => build({ ...bound, ...options }),
      accountDigest: async () => 'account-digest-1',
    };
    return self;
  };
  return build({});
}
