// Waiting on the gateway, before sending (until it is idle) and after (until the change is listed and
// the gateway is active again), within the call's budget and until the call is cancelled.
import type { PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import { isAppError } from '../errors/app-error.js';
import { callBudgetExceeded, cancelled } from '../errors/factories.js';
import type { CallContext } from '../call-context.js';
import { asAppError } from '../results.js';
import { type CallBudget, pause } from './budget.js';
import type { ChangeTarget, Sighting } from './change-kind.js';

/**
 * Never send a change to a gateway known to be busy. Resolves with the route list read once the gateway
 * is idle (undefined when it could not be read); throws Cancelled or CallBudgetExceeded when the wait
 * ends either way, so nothing is sent.
 */
export async function waitForIdleGateway(
  action: string,
  target: ChangeTarget,
  cloud: VpcClient,
  ctx: CallContext,
  budget: CallBudget,
): Promise<PbrRoute[] | undefined> {
  for (;;) {
    const [gateway, routes] = await Promise.all([
      cloud.describeGateway(target.regionId, target.vpnGatewayId),
      cloud.listPbrRoutes(target.regionId, target.vpnGatewayId).catch((error: unknown) => {
        if (isAppError(error) && (error.code === 'Cancelled' || error.code === 'CallBudgetExceeded')) throw error;
        return undefined;
      }),
    ]);
    if (budget.signal.aborted) throw cancelled(action);
    if (gateway.status !== 'updating') return routes;
    if (budget.remainingMs() < ctx.pollIntervalMs) throw callBudgetExceeded(action, 'VpnGateway.Configuring');
    await ctx.progress(`Gateway ${target.vpnGatewayId} is applying another change; waiting before sending this one.`);
    await pause(ctx.pollIntervalMs, budget.signal);
  }
}

export interface Applied {
  done: boolean;
  sighting?: Sighting;
  /** How many times the gateway and its list were read. */
  polls: number;
  /** Whether any read showed the gateway applying a change: a sent change that is never seen so may have done nothing. */
  sawUpdating: boolean;
}

/** Polls until the gateway is active again and the list shows the change, or the wait (or budget) runs out. */
export async function waitUntilApplied(
  sight: (routes: readonly PbrRoute[]) => Sighting,
  target: ChangeTarget,
  cloud: VpcClient,
  ctx: CallContext,
  budget: CallBudget,
): Promise<Applied> {
  const waitUntil = Math.min(ctx.now() + ctx.config.waitSeconds * 1000, budget.deadline);
  let last: Applied = { done: false, polls: 0, sawUpdating: false };
  while (ctx.now() < waitUntil && !budget.signal.aborted) {
    try {
      const [gateway, routes] = await Promise.all([
        cloud.describeGateway(target.regionId, target.vpnGatewayId),
        cloud.listPbrRoutes(target.regionId, target.vpnGatewayId),
      ]);
      const sighting = sight(routes);
      const sawUpdating = last.sawUpdating || gateway.status === 'updating';
      last = { done: gateway.status === 'active' && sighting.state === 'applied', sighting, polls: last.polls + 1, sawUpdating };
      if (last.done) return last;
      await ctx.progress(`Gateway ${target.vpnGatewayId} is ${gateway.status}; the change is ${sighting.state === 'applied' ? 'listed' : 'not listed yet'}.`);
    } catch (error) {
      const { code } = asAppError(error);
      // Out of budget or cancelled: no read will go out any more.
      if (code === 'CallBudgetExceeded' || code === 'Cancelled') return last;
      ctx.logger.warn('polling the gateway failed; still waiting', { code });
    }
    await pause(Math.min(ctx.pollIntervalMs, waitUntil - ctx.now()), budget.signal);
  }
  return last;
}
