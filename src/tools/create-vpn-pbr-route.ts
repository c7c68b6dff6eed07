import { z } from 'zod';
import type { CreatedPbrRoute, DryRunPassed, PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import { checkConfirmer, withApproval } from '../confirm/approval.js';
import { issueConfirmationToken, signingKey, targetDigest, verifyConfirmationToken } from '../confirm/token.js';
import { hasErrors } from '../domain/index.js';
import type { RouteSpec } from '../domain/types.js';
import { confirmationDeclined, credentialsMissing, routeRefused } from '../errors/factories.js';
import { sleep } from '../util.js';
import { auditBeforeChange, runAudited, type AuditDraft } from './audited.js';
import { asAppError, defineTool, failure, success, type ToolContext, type ToolOutcome } from './define.js';
import { gatewayQueue } from './gateway-queue.js';
import {
  errorBodySchema,
  invalidArguments,
  issueSchema,
  normaliseRoute,
  parseArgs,
  routeArgsShape,
  routeOutputSchema,
} from './route-args.js';
import { checkRoute, warningsSentence } from './route-checks.js';

const TOOL = 'createVpnPbrRoute';

const inputSchema = z.strictObject({
  ...routeArgsShape,
  confirmationToken: z
    .string()
    .optional()
    .describe('Omit on the first call (dry run). On the second call, the token the dry run returned, with the same route arguments.'),
  clientToken: z
    .string()
    .optional()
    .describe('Optional idempotency key (ASCII, at most 64 characters). By default one is derived from the confirmation token.'),
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
  approval: z
    .object({ requestedBy: z.string(), approvedBy: z.string() })
    .optional()
    .describe('With two-person approval (VPN_PBR_MCP_APPROVERS): who made the dry run and who confirmed it.'),
  error: errorBodySchema.optional(),
  sandbox: z.boolean().optional(),
  summary: z.string(),
});

function tokenKeys(ctx: ToolContext) {
  const { config } = ctx;
  // Where a create from this server goes: a token from a server connected elsewhere is refused.
  const target = targetDigest([
    config.sandbox ? 'sandbox' : 'cloud',
    config.endpoint ?? 'https://vpc.<region>.aliyuncs.com',
    config.credentials?.accessKeyId ?? 'credential-chain',
  ]);
  return { secret: signingKey(config.confirmSecret), ttlSeconds: config.confirmTtlSeconds, target, now: ctx.now };
}

function describeRoute(r: RouteSpec): string {
  return `${r.routeSource} -> ${r.routeDest} via ${r.nextHop} on ${r.vpnGatewayId} (${r.regionId})`;
}

async function dryRunPhase(
  route: RouteSpec,
  clientToken: string | undefined,
  cloud: VpcClient,
  ctx: ToolContext,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const checked = await checkRoute(route, ctx.config, cloud);
  if (!checked.valid) {
    draft.outcome = 'refused';
    return failure(routeRefused(checked.issues).body, { routeCreated: false });
  }
  let dryRun: DryRunPassed;
  try {
    dryRun = await cloud.createPbrRoute({ ...route, dryRun: true });
  } catch (error) {
    // An API that ignored DryRun may have created the route: say so rather than "nothing was created".
    const appError = asAppError(error);
    if (appError.code === 'DryRunIgnored') return failure(appError.body, { routeCreated: 'unknown' });
    throw appError;
  }
  draft.requestIds.push(dryRun.requestId);
  // A caller's own clientToken is bound too, so that every replay of this confirmation sends the same one.
  const issued = issueConfirmationToken({ ...route, clientToken }, dryRun.requestId, tokenKeys(ctx), ctx.principal);
  draft.outcome = 'dry_run_passed';
  const warnings = checked.issues.filter((i) => i.severity === 'warning');
  const expiresAt = issued.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const checkedLive = checked.liveSkippedBecause ? '' : ' The live checks of the gateway, next hop and existing routes passed too.';
  return success({
    status: 'dry_run_passed',
    route,
    confirmationToken: issued.token,
    expiresAt,
    dryRunRequestId: dryRun.requestId,
    ...(warnings.length > 0 ? { warnings } : {}),
    summary:
      `Dry run passed for ${describeRoute(route)}.${checkedLive} No route was created yet. ` +
      `Show the human this route and ask before going on. To create it, call ${TOOL} again with the same arguments and this confirmationToken (valid until ${expiresAt}).` +
      (warnings.length > 0 ? ` ${warningsSentence(warnings)}` : ''),
  });
}

function humanQuestion(route: RouteSpec): string {
  return [
    'Create this VPN policy-based route?',
    `Region: ${route.regionId}`,
    `Gateway: ${route.vpnGatewayId}`,
    `Route: ${route.routeSource} -> ${route.routeDest}`,
    `Next hop: ${route.nextHop}`,
    `Weight: ${route.weight} (${route.weight === 100 ? 'active' : 'standby'})`,
    `Priority: ${route.priority ?? 'default (10)'}`,
    `Publish to VPC route table: ${route.publishVpc ? 'yes' : 'no'}`,
  ].join('\n');
}

interface Applied {
  done: boolean;
  listed?: PbrRoute;
}

function sameTuple(a: Pick<RouteSpec, 'routeSource' | 'routeDest' | 'nextHop'>, b: PbrRoute): boolean {
  return a.routeSource === b.routeSource && a.routeDest === b.routeDest && a.nextHop === b.nextHop;
}

/** Polls until the gateway is active again and lists the route, or the wait runs out. */
async function waitUntilApplied(route: RouteSpec, cloud: VpcClient, ctx: ToolContext): Promise<Applied> {
  const waitMs = ctx.config.waitSeconds * 1000;
  if (waitMs <= 0) return { done: false };
  const started = ctx.now();
  let last: Applied = { done: false };
  for (;;) {
    try {
      const [gateway, routes] = await Promise.all([
        cloud.describeGateway(route.regionId, route.vpnGatewayId),
        cloud.listPbrRoutes(route.regionId, route.vpnGatewayId),
      ]);
      const listed = routes.find((r) => sameTuple(route, r));
      last = { done: gateway.status === 'active' && listed !== undefined, listed };
      if (last.done) return last;
      await ctx.progress(`Gateway ${route.vpnGatewayId} is ${gateway.status}; ${listed ? 'route listed' : 'route not listed yet'}.`);
    } catch (error) {
      ctx.logger.warn('polling the gateway failed; still waiting', { code: asAppError(error).code });
    }
    const elapsed = ctx.now() - started;
    if (elapsed >= waitMs || ctx.signal.aborted) return last;
    await sleep(Math.min(ctx.pollIntervalMs, waitMs - elapsed));
  }
}

const IDLE_WAIT_MS = 60_000;

/** Never send a change to a gateway known to be busy: wait (bounded) until it is active again. */
async function waitUntilGatewayIdle(route: RouteSpec, cloud: VpcClient, ctx: ToolContext): Promise<void> {
  const started = ctx.now();
  for (;;) {
    const gateway = await cloud.describeGateway(route.regionId, route.vpnGatewayId);
    if (gateway.status !== 'updating') return;
    if (ctx.now() - started >= IDLE_WAIT_MS || ctx.signal.aborted) return; // the API retry on Configuring takes over
    await ctx.progress(`Gateway ${route.vpnGatewayId} is applying another change; waiting before sending this one.`);
    await sleep(ctx.pollIntervalMs);
  }
}

function isoTime(unixMs: number | undefined): string | undefined {
  const date = unixMs === undefined ? undefined : new Date(unixMs);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function createdRouteView(route: RouteSpec, created: CreatedPbrRoute, listed: PbrRoute | undefined) {
  const createTime = listed?.createTime ?? created.createTime;
  return {
    regionId: route.regionId,
    vpnGatewayId: route.vpnGatewayId,
    routeSource: created.routeSource ?? route.routeSource,
    routeDest: created.routeDest ?? route.routeDest,
    nextHop: created.nextHop ?? route.nextHop,
    weight: created.weight ?? route.weight,
    priority: listed?.priority ?? created.priority ?? route.priority,
    state: listed?.state ?? created.state,
    createTime: isoTime(createTime),
    publishVpc: route.publishVpc,
    description: route.description,
  };
}

async function confirmPhase(
  route: RouteSpec,
  token: string,
  callerClientToken: string | undefined,
  cloud: VpcClient,
  ctx: ToolContext,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  // The offline rules and the policy again (pure, no API call): the allowlists may differ in this process.
  const { issues } = await checkRoute(route, ctx.config, undefined);
  if (hasErrors(issues)) {
    draft.outcome = 'refused';
    return failure(routeRefused(issues).body, { routeCreated: false });
  }
  const verified = verifyConfirmationToken(token, { ...route, clientToken: callerClientToken }, tokenKeys(ctx));
  const approval = checkConfirmer(verified.requestedBy, ctx.principal, ctx.config.approvers);
  draft.requestedBy = approval?.requestedBy;
  const clientToken = verified.clientToken;
  draft.clientToken = clientToken;
  draft.requestIds.push(verified.dryRunRequestId);

  const answer = await ctx.askHuman(humanQuestion(route));
  if (answer === 'decline' || answer === 'cancel') {
    draft.outcome = 'declined';
    return failure(confirmationDeclined(answer, `the creation of ${describeRoute(route)}`).body, { routeCreated: false });
  }

  await auditBeforeChange(ctx, { tool: TOOL, phase: 'create', route }, clientToken);

  let created: CreatedPbrRoute;
  try {
    created = await gatewayQueue.run(`${route.regionId}/${route.vpnGatewayId}`, async () => {
      await waitUntilGatewayIdle(route, cloud, ctx);
      draft.changeSent = true;
      return cloud.createPbrRoute({ ...route, clientToken });
    });
  } catch (error) {
    const appError = asAppError(error);
    draft.outcome = appError.code === 'OutcomeUnknown' ? 'unknown' : 'failed';
    return failure(appError.body, { routeCreated: appError.code === 'OutcomeUnknown' ? 'unknown' : false });
  }
  draft.requestIds.push(created.requestId);
  try {
    return await reportCreated(route, created, clientToken, cloud, ctx, draft);
  } catch (error) {
    // The API accepted the create: whatever fails now must not read as "nothing was created".
    ctx.logger.error('reporting a created route failed', { code: asAppError(error).code });
    draft.outcome = 'submitted';
    return success({
      status: 'submitted',
      requestId: created.requestId,
      clientToken,
      routeCreated: true,
      summary: `Submitted ${describeRoute(route)} (request ${created.requestId}); its state could not be read back. Call listVpnPbrRoutes to check it; do not create it again.`,
    });
  }
}

async function reportCreated(
  route: RouteSpec,
  created: CreatedPbrRoute,
  clientToken: string,
  cloud: VpcClient,
  ctx: ToolContext,
  draft: AuditDraft,
): Promise<ToolOutcome> {
  const applied = await waitUntilApplied(route, cloud, ctx);
  const status = applied.done ? 'created' : 'submitted';
  draft.outcome = status;
  const view = createdRouteView(route, created, applied.listed);
  const summary = applied.done
    ? `Created ${describeRoute(route)}: the route is listed (state ${view.state ?? 'unknown'}) and the gateway is active again.`
    : `Submitted ${describeRoute(route)}: the API accepted the route (request ${created.requestId}) but the gateway had not finished applying it ` +
      `within ${ctx.config.waitSeconds} s. Call listVpnPbrRoutes to see when it is in place; do not create it again.`;
  return success({ status, route: view, requestId: created.requestId, clientToken, routeCreated: true, summary });
}

const CLIENT_TOKEN = /^[\x21-\x7e]{1,64}$/;

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
    'Errors carry error.code, error.hint and routeCreated; never retry a create whose routeCreated is "unknown" before listing the routes.',
  ].join(' '),
  inputSchema,
  outputSchema,
  handler: async (args, ctx) => {
    let route: RouteSpec;
    let input: z.infer<typeof inputSchema>;
    try {
      input = parseArgs(inputSchema, args);
      if (input.clientToken !== undefined && !CLIENT_TOKEN.test(input.clientToken)) {
        throw invalidArguments([
          { code: 'InvalidParameter.ClientToken', severity: 'error', field: 'clientToken', message: 'clientToken must be 1 to 64 printable ASCII characters without spaces' },
        ]);
      }
      route = normaliseRoute(input, ctx.config.regionId);
    } catch (error) {
      return failure(asAppError(error).body, { routeCreated: false });
    }
    const cloud = ctx.cloud;
    const phase = input.confirmationToken === undefined ? 'dry_run' : 'create';
    return runAudited(ctx, { tool: TOOL, phase, route }, async (draft) => {
      try {
        if (!cloud) {
          // Every problem the offline rules see first: they need no account.
          const { issues } = await checkRoute(route, ctx.config, undefined);
          const refusal = hasErrors(issues) ? routeRefused(issues) : credentialsMissing();
          return failure(refusal.body, { routeCreated: false });
        }
        if (input.confirmationToken === undefined) return await dryRunPhase(route, input.clientToken, cloud, ctx, draft);
        const outcome = await confirmPhase(route, input.confirmationToken, input.clientToken, cloud, ctx, draft);
        const approvedBy = ctx.principal;
        return withApproval(outcome, draft.requestedBy && approvedBy ? { requestedBy: draft.requestedBy, approvedBy } : undefined);
      } catch (error) {
        // Everything thrown here happened before a create was sent: the send and what follows it are caught inside.
        return failure(asAppError(error).body, { routeCreated: false });
      }
    });
  },
});
