// Creating a route, as the change flow (src/change/flow.ts) needs it: the preview is the route's checks plus
// the API's dry run; the change is CreateVpnPbrRouteEntry.
import type { CreatedPbrRoute, PbrRoute } from '../../cloud/vpc-client.js';
import { checkRoute, warningsSentence } from '../../checks/route-checks.js';
import { DEFAULT_PBR_PRIORITY } from '../../domain/ids.js';
import { sameTriple, stateOf } from '../../domain/plan-table.js';
import type { RouteSpec } from '../../domain/types.js';
import { routeRefused } from '../../errors/factories.js';
import { asAppError } from '../../results.js';
import { isoSeconds } from '../../util.js';
import type { Sent, Sighting, SingleChange } from '../change-kind.js';
import { identityOf } from '../find-route.js';
import { sendCreate } from '../route-steps.js';

export function describeRoute(r: RouteSpec): string {
  return `${r.routeSource} -> ${r.routeDest} via ${r.nextHop} on ${r.vpnGatewayId} (${r.regionId})`;
}

/** The route the API lists for this identity (source, destination, next hop): ours only if every listed field matches. */
function sightRoute(route: RouteSpec, routes: readonly PbrRoute[]): Sighting {
  const same = routes.filter((r) => sameTriple(r, route));
  const identical = same.find(
    (r) =>
      r.weight === route.weight &&
      (r.priority ?? DEFAULT_PBR_PRIORITY) === (route.priority ?? DEFAULT_PBR_PRIORITY) &&
      (r.state === undefined || r.state === stateOf(route.publishVpc)),
  );
  if (identical) return { state: 'applied', route: identical };
  const other = same[0];
  return other ? { state: 'foreign', route: other } : { state: 'pending' };
}

function humanQuestion(route: RouteSpec, sandbox: boolean): string {
  return routeQuestion(
    'Create this VPN policy-based route?',
    route,
    sandbox,
    weightLine(route.weight),
    `Priority: ${route.priority ?? `default (${DEFAULT_PBR_PRIORITY})`}`,
    `Publish to VPC route table: ${route.publishVpc ? 'yes' : 'no'}`,
    `Description: ${route.description === undefined ? '(none)' : JSON.stringify(route.description)}`,
    `Overlay mode: ${route.overlayMode ?? '(default)'}`,
  );
}

/** Where a change goes, in the human's question. */
export function whereText(sandbox: boolean): string {
  return sandbox
    ? 'the SANDBOX (the built-in emulator with a demo account; nothing reaches Alibaba Cloud)'
    : 'your Alibaba Cloud account (not the sandbox)';
}

/** The human's question about one route: `title`, where, region, gateway, blocks and next hop, then the kind's `more` lines. */
export function routeQuestion(title: string, route: Pick<RouteSpec, 'regionId' | 'vpnGatewayId' | 'routeSource' | 'routeDest' | 'nextHop'>, sandbox: boolean, ...more: string[]): string {
  return [
    title,
    `Where: ${whereText(sandbox)}`,
    `Region: ${route.regionId}`,
    `Gateway: ${route.vpnGatewayId}`,
    `Route: ${route.routeSource} -> ${route.routeDest}`,
    `Next hop: ${route.nextHop}`,
    ...more,
  ].join('\n');
}

/** The question's weight line: the weight and what it makes the route. */
export function weightLine(weight: number): string {
  return `Weight: ${weight} (${weight === 100 ? 'active' : 'standby'})`;
}

function createdRouteView(route: RouteSpec, sent: Sent | undefined, listed: PbrRoute | undefined) {
  const created = (sent?.route ?? {}) as Partial<CreatedPbrRoute>;
  return {
    regionId: route.regionId,
    vpnGatewayId: route.vpnGatewayId,
    routeSource: created.routeSource ?? route.routeSource,
    routeDest: created.routeDest ?? route.routeDest,
    nextHop: created.nextHop ?? route.nextHop,
    weight: created.weight ?? route.weight,
    priority: listed?.priority ?? created.priority ?? route.priority,
    state: listed?.state ?? created.state,
    createTime: isoSeconds(listed?.createTime ?? created.createTime),
    publishVpc: route.publishVpc,
    description: route.description,
  };
}

/** A promise's outcome as a value, so that it can be awaited later without an unhandled rejection meanwhile. */
function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export const createRouteChange: SingleChange<RouteSpec> = {
  name: 'create',
  action: 'CreateVpnPbrRouteEntry',
  describe: describeRoute,
  bound: (route, clientToken) => ({ ...route, clientToken }),
  recheck: async (route, ctx) => (await checkRoute(route, ctx.config, undefined)).issues,
  async preview(route, cloud, ctx) {
    // Nothing is sent unless the offline rules pass; then the dry run (which writes nothing) goes out
    // with the live look-ups, in the same round trip.
    const offline = await checkRoute(route, ctx.config, undefined);
    if (!offline.valid) throw routeRefused(offline.issues);
    const dryRunAnswer = settle(cloud.createPbrRoute({ ...route, dryRun: true }));
    const checked = await checkRoute(route, ctx.config, cloud);
    const answer = await dryRunAnswer;
    // A "dry run" the API answered as a success may have created the route: that outweighs any look-up.
    if (!answer.ok && asAppError(answer.error).code === 'DryRunIgnored') throw answer.error;
    // A look-up found a problem: the dry run's answer is discarded and no token is issued.
    if (!checked.valid) throw routeRefused(checked.issues);
    if (!answer.ok) throw answer.error;
    const dryRun = answer.value;
    const warnings = checked.issues.filter((i) => i.severity === 'warning');
    const checkedLive = checked.liveSkippedBecause ? '' : ' The live checks of the gateway, next hop and existing routes passed too.';
    return {
      requestId: dryRun.requestId,
      body: { route, dryRunRequestId: dryRun.requestId, ...(warnings.length > 0 ? { warnings } : {}) },
      card: { route, existing: checked.existingRoutes ?? [], priorities: checked.gateway?.pbrPriority ?? false, warnings },
      summary: `Dry run passed for ${describeRoute(route)}.${checkedLive}${warnings.length > 0 ? ` ${warningsSentence(warnings)}` : ''} No route was created yet.`,
    };
  },
  question: (route, ctx) => humanQuestion(route, ctx.config.sandbox),
  send: sendCreate,
  sight: sightRoute,
  settledByListing: ['VpnRouteEntry.AlreadyExists'],
  view: createdRouteView,
  // The deleteVpnPbrRoute arguments that remove the route these create arguments make.
  extras: (route) => ({ undo: identityOf(route) }),
};
