import { z } from 'zod';
import type { CreatedPbrRoute, PbrRoute } from '../cloud/vpc-client.js';
import type { ChangeKind, Sent, Sighting } from '../change/change-kind.js';
import { changeFailure, confirmChange, previewChange } from '../change/flow.js';
import { approvalSchema } from '../confirm/approval.js';
import { DEFAULT_PBR_PRIORITY, hasErrors } from '../domain/index.js';
import type { RouteSpec } from '../domain/types.js';
import { credentialsMissing, routeRefused } from '../errors/factories.js';
import { isoSeconds } from '../util.js';
import { runAudited } from './audited.js';
import { asAppError, defineTool } from './define.js';
import {
  confirmationArgsShape,
  resultEnvelopeShape,
  listedRouteSchema,
  checkClientToken,
  issueSchema,
  normaliseRoute,
  parseArgs,
  routeArgsShape,
  routeOutputSchema,
} from './route-args.js';
import { checkRoute, warningsSentence } from './route-checks.js';
import { cardToolMeta } from '../ui/app-resource.js';
import type { RouteIdentity } from './delete-route-kind.js';

const TOOL = 'createVpnPbrRoute';

const inputSchema = z.strictObject({
  ...routeArgsShape,
  ...confirmationArgsShape,
});

const outputSchema = z.object({
  status: z.enum(['dry_run_passed', 'created', 'submitted']).optional(),
  route: routeOutputSchema
    .partial()
    .extend({ state: z.string().optional(), createTime: z.string().optional() })
    .optional()
    .describe('The normalised route (dry run), or the route as the API created it (state, createTime).'),
  confirmationToken: z.string().optional(),
  expiresAt: z.string().optional(),
  dryRunRequestId: z.string().optional(),
  requestId: z.string().optional(),
  clientToken: z.string().optional(),
  warnings: z.array(issueSchema).optional(),
  routeCreated: z.union([z.boolean(), z.literal('unknown')]).optional(),
  replayed: z.boolean().optional().describe('true when an earlier confirmation of this token had already created the route.'),
  existingRoute: listedRouteSchema.optional().describe('Another route with the same identity that the gateway lists (not created by this call).'),
  undo: z
    .object({
      regionId: z.string(),
      vpnGatewayId: z.string(),
      routeSource: z.string(),
      routeDest: z.string(),
      nextHop: z.string(),
      weight: z.number(),
      priority: z.number().optional(),
    })
    .optional()
    .describe('With created or submitted: the deleteVpnPbrRoute arguments that remove this route again.'),
  approval: approvalSchema,
  ...resultEnvelopeShape,
});

function describeRoute(r: RouteSpec): string {
  return `${r.routeSource} -> ${r.routeDest} via ${r.nextHop} on ${r.vpnGatewayId} (${r.regionId})`;
}

/** The listed state of a route created with these arguments. */
function expectedState(route: RouteSpec): string {
  return route.publishVpc ? 'published' : 'normal';
}

/** The route the API lists for this identity (source, destination, next hop): ours only if every listed field matches. */
function sightRoute(route: RouteSpec, routes: readonly PbrRoute[]): Sighting {
  const same = routes.filter((r) => r.routeSource === route.routeSource && r.routeDest === route.routeDest && r.nextHop === route.nextHop);
  const identical = same.find(
    (r) =>
      r.weight === route.weight &&
      (r.priority ?? DEFAULT_PBR_PRIORITY) === (route.priority ?? DEFAULT_PBR_PRIORITY) &&
      (r.state === undefined || r.state === expectedState(route)),
  );
  if (identical) return { state: 'applied', route: identical };
  const other = same[0];
  return other ? { state: 'foreign', route: other } : { state: 'pending' };
}

function humanQuestion(route: RouteSpec, sandbox: boolean): string {
  return [
    'Create this VPN policy-based route?',
    `Where: ${sandbox ? 'the SANDBOX (the built-in emulator with a demo account; nothing reaches Alibaba Cloud)' : 'your Alibaba Cloud account (not the sandbox)'}`,
    `Region: ${route.regionId}`,
    `Gateway: ${route.vpnGatewayId}`,
    `Route: ${route.routeSource} -> ${route.routeDest}`,
    `Next hop: ${route.nextHop}`,
    `Weight: ${route.weight} (${route.weight === 100 ? 'active' : 'standby'})`,
    `Priority: ${route.priority ?? `default (${DEFAULT_PBR_PRIORITY})`}`,
    `Publish to VPC route table: ${route.publishVpc ? 'yes' : 'no'}`,
    `Description: ${route.description === undefined ? '(none)' : JSON.stringify(route.description)}`,
    `Overlay mode: ${route.overlayMode ?? '(default)'}`,
  ].join('\n');
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

/** Creating a route, as the change flow needs it: the rest is src/change/flow.ts. */
export const createRouteChange: ChangeKind<RouteSpec> = {
  tool: TOOL,
  action: 'CreateVpnPbrRouteEntry',
  outcomeField: 'routeCreated',
  doneStatus: 'created',
  verb: 'create',
  noun: 'the creation of',
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
  async send(route, clientToken, cloud, options) {
    const created = await cloud.createPbrRoute({ ...route, clientToken }, options);
    return { requestId: created.requestId, route: { ...created } };
  },
  sight: sightRoute,
  settledByListing: ['VpnRouteEntry.AlreadyExists'],
  view: createdRouteView,
  extras: (route) => ({ undo: undoArguments(route) }),
};

/** The deleteVpnPbrRoute arguments that remove the route these create arguments make (priority only when it was given). */
function undoArguments(route: RouteSpec): RouteIdentity {
  const { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority } = route;
  return priority === undefined ? { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight } : { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority };
}

/** A promise's outcome as a value, so that it can be awaited later without an unhandled rejection meanwhile. */
function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export const createVpnPbrRouteTool = defineTool({
  name: TOOL,
  title: 'Create a VPN policy-based route (dry run, then confirm)',
  kind: 'destructive',
  description: [
    'Creates an Alibaba Cloud VPN Gateway policy-based route in two calls. A new policy route can redirect live traffic.',
    '1) Call WITHOUT confirmationToken: the route is validated (as validateRoute) and dry-run against the API; nothing is created.',
    'The result has status "dry_run_passed", the normalised route and a confirmationToken that expires.',
    '2) Show the human the route (region, gateway, source -> destination, next hop, weight, priority, publishing) and get their',
    'approval. Then call again with exactly the same arguments plus confirmationToken. The token only works for those arguments.',
    'The result has status "created" (route listed, gateway active) or "submitted" (still applying: check listVpnPbrRoutes).',
    'Errors carry error.code, error.hint and routeCreated; when routeCreated is "unknown", call again with the same',
    'confirmationToken to learn the outcome (it never creates a second route).',
  ].join(' '),
  inputSchema,
  outputSchema,
  meta: cardToolMeta(),
  handler: async (args, ctx) => {
    let route: RouteSpec;
    let input: z.infer<typeof inputSchema>;
    try {
      input = parseArgs(inputSchema, args);
      checkClientToken(input.clientToken);
      route = normaliseRoute(input, ctx.config.regionId);
    } catch (error) {
      return changeFailure(createRouteChange, asAppError(error), false);
    }
    const cloud = ctx.cloud;
    const token = input.confirmationToken;
    return runAudited(ctx, { tool: TOOL, phase: token === undefined ? 'dry_run' : 'create', route }, async (draft) => {
      try {
        if (!cloud) {
          // Every problem the offline rules see first: they need no account.
          const { issues } = await checkRoute(route, ctx.config, undefined);
          return changeFailure(createRouteChange, hasErrors(issues) ? routeRefused(issues) : credentialsMissing(), false);
        }
        return token === undefined
          ? await previewChange(createRouteChange, route, input.clientToken, cloud, ctx, draft)
          : await confirmChange(createRouteChange, route, token, input.clientToken, cloud, ctx, draft);
      } catch (error) {
        // Everything thrown here happened before a create was sent: the send and what follows it are caught inside.
        return changeFailure(createRouteChange, asAppError(error), false);
      }
    });
  },
});
