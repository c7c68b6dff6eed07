// The rules for changing a listed route, as the emulator answers them: every case of MODIFY_CASES on the seed
// afresh, its answer shaped like the SDK's model, and what the route list shows afterwards.
import * as Vpc from '@alicloud/vpc20160428';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type Call, clientFor, failureOf } from './helpers.js';
import { LONE, MODIFY_CASES, MODIFY_SEED } from './rule-cases.js';
import { type ModelClass, shapeProblems } from './sdk-shape.js';

let emulator: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emulator = await startEmulator({ seed: MODIFY_SEED });
  call = clientFor(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const model = (action: string) => (Vpc as unknown as Record<string, ModelClass>)[`${action}ResponseBody`] as ModelClass;

describe('modify and publish rule table', () => {
  it.each(MODIFY_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const gateway = String(c.params.VpnGatewayId);
    const named = () => emulator.routes(gateway).find((r) => r.routeDest === c.params.RouteDest && r.nextHop === c.params.NextHop);
    const before = emulator.routes(gateway === 'vpn-nothere' ? 'vpn-prio' : gateway);
    if (c.alibaba !== 'Success') {
      expect((await failureOf(call(c.action, c.params))).code, c.source).toBe(c.alibaba);
      expect(emulator.routes(gateway === 'vpn-nothere' ? 'vpn-prio' : gateway)).toEqual(before);
      return;
    }
    const answer = await call(c.action, c.params);
    expect(shapeProblems(answer, model(c.action))).toEqual([]);
    const route = named();
    expect({ Weight: route?.weight, Priority: route?.priority, State: route?.state }, c.source).toMatchObject(c.after ?? {});
    // A change keeps the route: its creation time stays.
    expect(route?.createTime).toBe(before.find((r) => r.routeDest === c.params.RouteDest && r.nextHop === c.params.NextHop)?.createTime);
  });
});

describe('one change at a time, idempotent per ClientToken', () => {
  it('a change opens the apply window; another change meanwhile is VpnGateway.Configuring; a no-op opens none', async () => {
    const slow = await startEmulator({ seed: { ...MODIFY_SEED, applyMs: 60_000 } });
    try {
      const slowCall = clientFor(slow);
      await slowCall('ModifyVpnPbrRouteEntryWeight', { ...LONE, NewWeight: 100 });
      expect(slow.gatewayStatus('vpn-prio')).toBe('active');
      await slowCall('ModifyVpnPbrRouteEntryWeight', { ...LONE, NewWeight: 0 });
      expect(slow.gatewayStatus('vpn-prio')).toBe('updating');
      expect((await failureOf(slowCall('PublishVpnRouteEntry', { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-prio', RouteDest: '10.20.0.0/24', NextHop: 'vco-prio1', RouteType: 'pbr', PublishVpc: false }))).code).toBe('VpnGateway.Configuring');
      expect((await failureOf(slowCall('ModifyVpnPbrRouteEntryPriority', { ...LONE, Weight: 0, NewPriority: 35 }))).code).toBe('VpnGateway.Configuring');
    } finally {
      await slow.close();
    }
  });

  it('the same ClientToken and parameters: the same answer and no second change; other parameters: refused', async () => {
    await call('ModifyVpnPbrRouteEntryWeight', { ...LONE, NewWeight: 0, ClientToken: 'modify-1' });
    // The route is at 0 now: the same request again would fail on its Weight, but the token answers the original.
    await call('ModifyVpnPbrRouteEntryWeight', { ...LONE, NewWeight: 0, ClientToken: 'modify-1' });
    expect(emulator.routes('vpn-prio').find((r) => r.routeDest === LONE.RouteDest)?.weight).toBe(0);
    expect((await failureOf(call('ModifyVpnPbrRouteEntryWeight', { ...LONE, NewWeight: 100, ClientToken: 'modify-1' }))).code).toBe('IdempotentParameterMismatch');
    const publish = { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-prio', RouteDest: '10.20.0.0/24', NextHop: 'vco-prio1', RouteType: 'pbr', PublishVpc: false, ClientToken: 'publish-1' };
    await call('PublishVpnRouteEntry', publish);
    await call('PublishVpnRouteEntry', { ...publish, PublishVpc: 'False' });
    expect(emulator.routes('vpn-prio').find((r) => r.routeDest === LONE.RouteDest)?.state).toBe('normal');
  });
});
