// The validation pipeline shared by validateRoute and createVpnPbrRoute:
// offline rules → operator policy → live, read-only look-ups (run concurrently) against the account.
import type { PbrRoute, VpcClient, VpnGatewayInfo } from '../cloud/vpc-client.js';
import { checkNextHop, checkRouteOnGateway, checkRouteValues, describeIssues, findRouteConflicts, hasErrors } from '../domain/index.js';
import type { Issue, RouteSpec } from '../domain/types.js';
import { AppError } from '../errors/app-error.js';
import { checkPolicy, type Policy } from '../policy.js';

export type CheckName = 'offline' | 'policy' | 'gateway' | 'nextHop' | 'existingRoutes';
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface CheckReport {
  name: CheckName;
  status: CheckStatus;
  detail?: string;
}

export interface RouteCheckResult {
  route: RouteSpec;
  valid: boolean;
  issues: Issue[];
  checks: CheckReport[];
  /** Why the live checks did not run, when they did not. */
  liveSkippedBecause?: string;
  gateway?: VpnGatewayInfo;
  existingRouteCount?: number;
  /** The gateway's routes as listed by the live check (the approval card places the change among them). */
  existingRoutes?: PbrRoute[];
}

const LIVE = ['gateway', 'nextHop', 'existingRoutes'] as const;
type LiveCheck = (typeof LIVE)[number];

type Lookup<T> = { ok: true; value: T } | { ok: false; error: AppError };

async function lookup<T>(run: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

const NOT_FOUND_GATEWAY = 'InvalidVpnGatewayInstanceId.NotFound';
const NOT_FOUND_CONNECTION = 'InvalidVpnConnectionInstanceId.NotFound';

/** A look-up that failed for another reason than "not found": reported, but it does not make the route invalid. */
function lookupProblem(field: string, what: string, error: AppError): Issue {
  return {
    code: error.code,
    severity: 'warning',
    field,
    message: `could not check ${what}: ${error.body.message}`,
    hint: error.body.hint ?? (error.retryable ? 'try again in a moment' : undefined),
  };
}

// The route fields each live look-up reads: it runs only when none of them is broken.
const NEEDS: Record<LiveCheck, readonly string[]> = {
  gateway: ['regionId', 'vpnGatewayId'],
  nextHop: ['regionId', 'vpnGatewayId', 'nextHop'],
  existingRoutes: ['regionId', 'vpnGatewayId', 'routeSource', 'routeDest'],
};

export interface CheckOptions {
  /** validateRoute: run every live look-up whose fields are sound even when others are broken (create sends nothing then). */
  partial?: boolean;
}

export async function checkRoute(
  route: RouteSpec,
  policy: Policy,
  cloud: VpcClient | undefined,
  options: CheckOptions = {},
): Promise<RouteCheckResult> {
  const issues: Issue[] = [];
  const checks: CheckReport[] = [];

  const offline = checkRouteValues(route);
  issues.push(...offline);
  checks.push({ name: 'offline', status: hasErrors(offline) ? 'failed' : 'passed' });

  const policyIssues = checkPolicy(route, policy);
  issues.push(...policyIssues);
  checks.push({ name: 'policy', status: policyIssues.length > 0 ? 'failed' : 'passed' });

  const skipLive = (because: string): RouteCheckResult => {
    for (const name of LIVE) checks.push({ name, status: 'skipped', detail: because });
    return { route, valid: !hasErrors(issues), issues, checks, liveSkippedBecause: because };
  };
  // A route outside the allowlists is not looked up at all: the operator keeps this server away from it.
  if (hasErrors(policyIssues)) return skipLive('the route is outside what this server may touch');
  if (hasErrors(issues) && !options.partial) return skipLive('the route has problems that must be fixed first');
  if (cloud === undefined) return skipLive('no credentials are configured');

  const broken = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.field));
  const blockedBy = (name: LiveCheck) => NEEDS[name].filter((field) => broken.has(field));
  const runIf = <T>(name: LiveCheck, run: () => Promise<T>): Promise<Lookup<T> | undefined> =>
    blockedBy(name).length > 0 ? Promise.resolve(undefined) : lookup(run);
  const skippedFor = (name: LiveCheck): CheckReport => ({
    name,
    status: 'skipped',
    detail: `${blockedBy(name).join(' and ')} must be fixed first`,
  });

  // The three look-ups are independent: one round trip for the gateway and connection, two for the route list.
  const [gateway, connection, existing] = await Promise.all([
    runIf('gateway', () => cloud.describeGateway(route.regionId, route.vpnGatewayId)),
    runIf('nextHop', () => cloud.describeConnection(route.regionId, route.nextHop)),
    runIf('existingRoutes', () => cloud.listPbrRoutes(route.regionId, route.vpnGatewayId)),
  ]);

  let gatewayInfo: VpnGatewayInfo | undefined;
  if (gateway === undefined) {
    checks.push(skippedFor('gateway'));
  } else if (gateway.ok) {
    gatewayInfo = gateway.value;
    const found = checkRouteOnGateway(route, { ...gateway.value, vpnGatewayId: route.vpnGatewayId });
    issues.push(...found);
    checks.push({ name: 'gateway', status: hasErrors(found) ? 'failed' : 'passed', detail: `status ${gateway.value.status}` });
  } else if (gateway.error.code === NOT_FOUND_GATEWAY) {
    issues.push({
      code: NOT_FOUND_GATEWAY,
      severity: 'error',
      field: 'vpnGatewayId',
      message: `VPN gateway ${route.vpnGatewayId} was not found in region ${route.regionId}`,
      hint: 'check the gateway ID and the region; listVpnGateways lists the region\'s gateways',
    });
    checks.push({ name: 'gateway', status: 'failed' });
  } else {
    issues.push(lookupProblem('vpnGatewayId', 'the gateway', gateway.error));
    checks.push({ name: 'gateway', status: 'error', detail: gateway.error.code });
  }

  if (connection === undefined) {
    checks.push(skippedFor('nextHop'));
  } else if (connection.ok || connection.error.code === NOT_FOUND_CONNECTION) {
    const found = checkNextHop(route, connection.ok ? connection.value : undefined);
    if (hasErrors(found) && gateway?.ok) await nameValidNextHops(found, route, cloud);
    issues.push(...found);
    checks.push({ name: 'nextHop', status: hasErrors(found) ? 'failed' : 'passed' });
  } else {
    issues.push(lookupProblem('nextHop', 'the next hop', connection.error));
    checks.push({ name: 'nextHop', status: 'error', detail: connection.error.code });
  }

  let existingRouteCount: number | undefined;
  let existingRoutes: PbrRoute[] | undefined;
  if (existing === undefined) {
    checks.push(skippedFor('existingRoutes'));
  } else if (existing.ok) {
    existingRouteCount = existing.value.length;
    existingRoutes = existing.value;
    const found = findRouteConflicts(route, existing.value);
    issues.push(...found);
    checks.push({ name: 'existingRoutes', status: hasErrors(found) ? 'failed' : 'passed', detail: `${existing.value.length} existing routes` });
  } else if (existing.error.code === NOT_FOUND_GATEWAY) {
    checks.push({ name: 'existingRoutes', status: 'skipped', detail: 'the gateway was not found' });
  } else {
    issues.push(lookupProblem('vpnGatewayId', 'the existing routes', existing.error));
    checks.push({ name: 'existingRoutes', status: 'error', detail: existing.error.code });
  }

  return { route, valid: !hasErrors(issues), issues, checks, gateway: gatewayInfo, existingRouteCount, existingRoutes };
}

/** How many valid next hops an InvalidNextHop.NotFound hint names. */
export const NEXT_HOPS_IN_HINT = 5;

/** Rewrites the InvalidNextHop.NotFound hint to name the gateway's own connections; best effort. */
async function nameValidNextHops(found: Issue[], route: RouteSpec, cloud: VpcClient): Promise<void> {
  const connections = await lookup(() => cloud.listConnections(route.regionId, route.vpnGatewayId));
  if (!connections.ok) return;
  const ids = connections.value.map((c) => c.vpnConnectionId);
  const named = ids.slice(0, NEXT_HOPS_IN_HINT).join(', ');
  const more = ids.length > NEXT_HOPS_IN_HINT ? ` (and ${ids.length - NEXT_HOPS_IN_HINT} more: describeVpnGateway lists them all)` : '';
  const hint =
    ids.length === 0
      ? `${route.vpnGatewayId} has no IPsec-VPN connection yet: create one first`
      : `use an IPsec-VPN connection of ${route.vpnGatewayId}: ${named}${more}`;
  for (const issue of found) if (issue.code === 'InvalidNextHop.NotFound') issue.hint = hint;
}

/** "Warning: …." for warnings found by the checks, or '' when there are none. */
export function warningsSentence(warnings: readonly Issue[]): string {
  if (warnings.length === 0) return '';
  return `Warning${warnings.length === 1 ? '' : 's'}: ${describeIssues(warnings)}`;
}

/** One human sentence or three about the result of the checks. */
export function summariseChecks(result: RouteCheckResult): string {
  const errors = result.issues.filter((i) => i.severity === 'error');
  const warnings = result.issues.filter((i) => i.severity === 'warning');
  const r = result.route;
  const what = `${r.routeSource} -> ${r.routeDest} via ${r.nextHop} on ${r.vpnGatewayId} (${r.regionId})`;
  let text: string;
  if (errors.length > 0) {
    text = `Not valid: ${errors.length} problem${errors.length === 1 ? '' : 's'}. ${describeIssues(errors)}`;
    const skipped = result.checks.filter((c) => c.status === 'skipped').map((c) => `${c.name} (${c.detail})`);
    if (skipped.length > 0) text += ` Not checked: ${skipped.join(', ')}.`;
  } else if (result.liveSkippedBecause) {
    text = `Valid offline: ${what}. Only the offline rules were checked; the live checks (gateway, next hop, existing routes) were skipped because ${result.liveSkippedBecause}.`;
  } else if (result.checks.some((c) => c.status === 'error')) {
    const failed = result.checks.filter((c) => c.status === 'error').map((c) => `${c.name} (${c.detail})`);
    text = `Valid offline: ${what}, but not every live check could run: ${failed.join(', ')}. See the warnings; the route was not checked against what could not be read.`;
  } else {
    const count = result.existingRouteCount === undefined ? '' : ` and its ${result.existingRouteCount} existing routes`;
    text = `Valid: ${what}, checked offline and against the live gateway${count}.`;
  }
  return warnings.length > 0 ? `${text} ${warningsSentence(warnings)}` : text;
}
