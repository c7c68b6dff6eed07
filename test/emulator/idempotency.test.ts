// ClientToken: a retried create never makes a second route, and a reused token never does something else.
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { clientFor, DEMO_KEY, failureOf, NEW_ROUTE, PRIORITY_GW, TUNNEL_B, withEmulator } from './helpers.js';

const OTHER_KEY = { accessKeyId: 'LTAI5tSecondKey0002', accessKeySecret: 'second-secret' };

describe('ClientToken idempotency', () => {
  it('answers a repeated token with the first result and creates one route, also while the gateway is updating', async () => {
    await withEmulator({ applyMs: 60_000 }, async (emulator) => {
      const call = clientFor(emulator);
      const first = await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'token-1' });
      expect(emulator.gatewayStatus(PRIORITY_GW)).toBe('updating');
      const again = await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'token-1' });
      const { RequestId: firstId, ...firstResult } = first;
      const { RequestId: againId, ...againResult } = again;
      expect(againResult).toEqual(firstResult);
      expect(againId).not.toBe(firstId);
      expect(emulator.routes(PRIORITY_GW).filter((r) => r.routeSource === NEW_ROUTE.RouteSource)).toHaveLength(1);
    });
  });

  it("compares parsed values: PublishVpc 'True' and 'true', Weight '+100' and '100' are the same request", async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const call = clientFor(emulator);
      const first = await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, PublishVpc: 'True', ClientToken: 'token-typed' });
      const again = await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, PublishVpc: 'true', Weight: '+100', ClientToken: 'token-typed' });
      expect(again.CreateTime).toBe(first.CreateTime);
      expect(emulator.routes(PRIORITY_GW).filter((r) => r.routeSource === NEW_ROUTE.RouteSource)).toHaveLength(1);
      const failure = await failureOf(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, Description: 'True', ClientToken: 'token-typed' }));
      expect(failure.code).toBe('IdempotentParameterMismatch');
    });
  });

  it('refuses the same token with different parameters with IdempotentParameterMismatch', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const call = clientFor(emulator);
      await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'token-2' });
      const failure = await failureOf(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, RouteSource: '192.168.2.0/24', ClientToken: 'token-2' }));
      expect([failure.code, failure.status]).toEqual(['IdempotentParameterMismatch', 400]);
      expect(emulator.routes(PRIORITY_GW).some((r) => r.routeSource === '192.168.2.0/24')).toBe(false);
    });
  });

  it('lets a token whose attempt failed be retried until it succeeds', async () => {
    let clock = Date.now();
    const emulator = await startEmulator({ seed: { applyMs: 10_000 }, now: () => clock });
    try {
      const call = clientFor(emulator);
      await call('CreateVpnPbrRouteEntry', NEW_ROUTE);
      const second = { ...NEW_ROUTE, RouteSource: '192.168.2.0/24', ClientToken: 'token-3' };
      expect((await failureOf(call('CreateVpnPbrRouteEntry', second))).code).toBe('VpnGateway.Configuring');
      clock += 10_000;
      await expect(call('CreateVpnPbrRouteEntry', second)).resolves.toMatchObject({ RouteSource: '192.168.2.0/24' });
    } finally {
      await emulator.close();
    }
  });

  it('does not let a dry run claim the token', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const call = clientFor(emulator);
      expect((await failureOf(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, DryRun: true, ClientToken: 'token-4' }))).code).toBe('DryRunOperation');
      const created = await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, DryRun: false, ClientToken: 'token-4' });
      expect(created.RouteSource).toBe(NEW_ROUTE.RouteSource);
      // A later dry run checks afresh instead of replaying the create.
      expect((await failureOf(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, DryRun: true, ClientToken: 'token-4' }))).code).toBe('VpnRouteEntry.AlreadyExists');
    });
  });

  it('keeps tokens per AccessKey', async () => {
    await withEmulator({ applyMs: 0, credentials: [DEMO_KEY, OTHER_KEY] }, async (emulator) => {
      await clientFor(emulator)('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'shared' });
      const failure = await failureOf(clientFor(emulator, OTHER_KEY)('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'shared' }));
      expect(failure.code).toBe('VpnRouteEntry.AlreadyExists');
    });
  });

  it('refuses a ClientToken longer than 64 characters', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const failure = await failureOf(clientFor(emulator)('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'x'.repeat(65) }));
      expect(failure.code).toBe('InvalidParameter');
    });
  });

  it('makes concurrent identical creates with one token produce one route and one result', async () => {
    await withEmulator({ applyMs: 0 }, async (emulator) => {
      const call = clientFor(emulator);
      const answers = await Promise.all(Array.from({ length: 10 }, () => call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, NextHop: TUNNEL_B, ClientToken: 'burst' })));
      expect(new Set(answers.map((a) => a.CreateTime)).size).toBe(1);
      expect(emulator.routes(PRIORITY_GW).filter((r) => r.routeSource === NEW_ROUTE.RouteSource)).toHaveLength(1);
    });
  });
});
