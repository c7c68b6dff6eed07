// The route arguments shared by validateRoute and createVpnPbrRoute: declared once, types checked here,
// values checked by domain/ (so validateRoute can report every broken value at once as issues).
import { z } from 'zod';
import { DEFAULT_PBR_PRIORITY } from '../domain/ids.js';
import { regionRequired, validationFailed } from '../errors/factories.js';
import { MAX_CLIENT_TOKEN_LENGTH, MAX_CONFIRMATION_TOKEN_LENGTH, MAX_DESCRIPTION_LENGTH, OVERLAY_MODE, PRIORITY_MAX, PRIORITY_MIN, STRING_LIMITS, WEIGHTS } from '../domain/limits.js';
import type { Issue, RouteSpec } from '../domain/types.js';
import { stripUndefined } from '../util.js';

// The value rules are advertised (JSON Schema keywords through .meta()) but not enforced by the parse:
// the domain rules check them, so validateRoute reports a broken value as an issue with its code and hint.
const limited = (field: keyof typeof STRING_LIMITS) => {
  const { maxLength, pattern } = STRING_LIMITS[field] as { maxLength: number; pattern?: RegExp };
  return z.string().meta(pattern ? { maxLength, pattern: pattern.source } : { maxLength });
};

export const regionIdArg = limited('regionId').describe(
  'Region of the VPN gateway, e.g. cn-hangzhou. Optional when the server has a default region.',
);
export const vpnGatewayIdArg = limited('vpnGatewayId').describe('VPN gateway ID, vpn-…');

export const routeArgsShape = {
  regionId: regionIdArg.optional(),
  vpnGatewayId: vpnGatewayIdArg,
  routeSource: limited('routeSource').describe('Source IPv4 CIDR block, e.g. 192.168.1.0/24 (no host bits).'),
  routeDest: limited('routeDest').describe(
    'Destination IPv4 CIDR block, e.g. 10.0.0.0/24. Not 0.0.0.0/0, must not overlap 100.64.0.0/10.',
  ),
  nextHop: limited('nextHop').describe('IPsec-VPN connection ID (vco-…) on this gateway.'),
  weight: z
    .number()
    .meta({ enum: [...WEIGHTS] })
    .describe('100 = active route, 0 = standby route (only 0 or 100).'),
  publishVpc: z.boolean().describe('true: also advertise the route to the VPC system route table.'),
  description: limited('description')
    .meta({ minLength: 1 })
    .optional()
    .describe(`1 to ${MAX_DESCRIPTION_LENGTH} characters, not starting with http:// or https://.`),
  overlayMode: limited('overlayMode')
    .meta({ const: OVERLAY_MODE })
    .optional()
    .describe(`Tunnel protocol; the only value is ${OVERLAY_MODE}. Omit it normally.`),
  priority: z
    .number()
    .meta({ type: 'integer', minimum: PRIORITY_MIN, maximum: PRIORITY_MAX })
    .optional()
    .describe(
      `${PRIORITY_MIN} to ${PRIORITY_MAX}, smaller = higher priority (API default ${DEFAULT_PBR_PRIORITY}). Only on gateways that support priority: omit it otherwise.`,
    ),
};

/** The two arguments a confirmed change (create, delete) adds to its target's. */
export const confirmationArgsShape = {
  confirmationToken: z
    .string()
    .meta({ maxLength: MAX_CONFIRMATION_TOKEN_LENGTH })
    .optional()
    .describe('Omit on the first call (dry run). On the second call, the token the dry run returned, with the same route arguments.'),
  clientToken: z
    .string()
    .meta({ minLength: 1, maxLength: MAX_CLIENT_TOKEN_LENGTH, pattern: '^[!-~]+$' })
    .optional()
    .describe(`Optional idempotency key (printable ASCII, at most ${MAX_CLIENT_TOKEN_LENGTH} characters). By default one is derived from the confirmation token.`),
};

export const routeArgsSchema = z.strictObject(routeArgsShape);
export type RouteArgs = z.infer<typeof routeArgsSchema>;

const MISSING = 'MissingParameter';

/** Turns schema failures (unknown names, missing or mistyped arguments) into issues with field names. */
export function schemaIssues(error: z.ZodError): Issue[] {
  const issues: Issue[] = [];
  for (const problem of error.issues) {
    if (problem.code === 'unrecognized_keys') {
      for (const key of problem.keys) {
        issues.push({
          code: 'InvalidParameter.Unknown',
          severity: 'error',
          field: key,
          message: `unknown argument ${JSON.stringify(key)}`,
          hint: 'remove it; see the tool\'s input schema for the accepted names (camelCase)',
        });
      }
      continue;
    }
    const field = problem.path.map(String).join('.') || undefined;
    if (problem.code === 'invalid_type' && problem.input === undefined) {
      issues.push({ code: MISSING, severity: 'error', field, message: 'is required but missing' });
      continue;
    }
    const expected = problem.code === 'invalid_type' ? `must be a ${problem.expected}` : problem.message;
    const code = field ? `InvalidParameter.${field[0]?.toUpperCase()}${field.slice(1)}` : 'InvalidParameter';
    if (field && problem.code === 'invalid_type' && problem.input === null) {
      // null is how some clients say "no value": for an optional argument, the way to say it is to omit it.
      const unset = field === 'priority' ? `to use the default priority (${DEFAULT_PBR_PRIORITY})` : 'to leave it unset';
      issues.push({ code, severity: 'error', field, message: `is null: omit it ${unset}`, hint: `omit ${field}, or give a ${problem.expected}` });
      continue;
    }
    issues.push({ code, severity: 'error', field, message: field ? expected : 'the arguments must be a JSON object' });
  }
  return issues;
}

// Kept under their old names for the tools: the factories live in errors/, the prose in domain/.
export { describeIssue } from '../domain/issues.js';
export { regionRequired, validationFailed as invalidArguments } from '../errors/factories.js';

/** The call's region, else the server's default; a region is never guessed. */
export function regionOf(given: string | undefined, fallback: string | undefined): string {
  const regionId = given ?? fallback;
  if (regionId === undefined) throw regionRequired();
  return regionId;
}

const CLIENT_TOKEN = new RegExp(`^[\\x21-\\x7e]{1,${MAX_CLIENT_TOKEN_LENGTH}}$`);

/** A caller's own idempotency key follows the API's rule: printable ASCII without spaces, 1 to 64 characters. */
export function checkClientToken(clientToken: string | undefined): void {
  if (clientToken === undefined || CLIENT_TOKEN.test(clientToken)) return;
  throw validationFailed([
    { code: 'InvalidParameter.ClientToken', severity: 'error', field: 'clientToken', message: `must be 1 to ${MAX_CLIENT_TOKEN_LENGTH} printable ASCII characters without spaces` },
  ]);
}

/** Parses arguments against a strict schema; throws ValidationFailed listing every structural problem. */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.infer<S> {
  // reportInput: zod 4 fills `input` only then, and a missing argument is told apart from a mistyped one by it.
  const parsed = schema.safeParse(args ?? {}, { reportInput: true });
  if (!parsed.success) throw validationFailed(schemaIssues(parsed.error));
  return parsed.data;
}

/**
 * Fills the region and keeps omitted optionals omitted: the route exactly as it would be sent. With no
 * region at all, regionId is '' and the domain rules report RegionRequired with the other problems.
 */
export function normaliseRoute(args: RouteArgs, defaultRegion: string | undefined): RouteSpec {
  const regionId = args.regionId ?? defaultRegion ?? '';
  return stripUndefined({
    regionId,
    vpnGatewayId: args.vpnGatewayId,
    routeSource: args.routeSource,
    routeDest: args.routeDest,
    nextHop: args.nextHop,
    weight: args.weight,
    publishVpc: args.publishVpc,
    description: args.description,
    overlayMode: args.overlayMode,
    priority: args.priority,
  });
}

/** A change tool's target from its parsed arguments: no confirmation arguments, the region filled in, omitted optionals omitted. */
export function changeTarget<T extends { regionId?: string; confirmationToken?: string; clientToken?: string }>(
  input: T,
  defaultRegion: string | undefined,
): Omit<T, 'regionId' | 'confirmationToken' | 'clientToken'> & { regionId: string } {
  const { confirmationToken: _token, clientToken: _clientToken, regionId, ...rest } = input;
  return stripUndefined({ ...rest, regionId: regionId ?? defaultRegion ?? '' });
}

/** A policy route as DescribeVpnPbrRouteEntries lists it: exactly the fields the API returns (no Description). */
export const listedRouteSchema = z.object({
  routeSource: z.string(),
  routeDest: z.string(),
  nextHop: z.string(),
  nextHopTunnelId: z.string().optional(),
  weight: z.number(),
  priority: z.number().optional(),
  state: z.string().optional(),
  createTime: z.string().optional(),
});

export const routeOutputSchema = z
  .object({
    regionId: z.string().optional(),
    vpnGatewayId: z.string(),
    routeSource: z.string(),
    routeDest: z.string(),
    nextHop: z.string(),
    weight: z.number(),
    publishVpc: z.boolean(),
    description: z.string().optional(),
    overlayMode: z.string().optional(),
    priority: z.number().optional(),
  })
  .describe('The normalised route that would be sent.');

export const issueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  field: z.string().optional(),
  message: z.string(),
  hint: z.string().optional(),
});

export const errorBodySchema = z
  .object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    source: z.enum(['input', 'confirmation', 'policy', 'config', 'cloud', 'network', 'internal']),
    requestId: z.string().optional(),
    httpStatus: z.number().optional(),
    field: z.string().optional(),
    issues: z.array(issueSchema).optional(),
    hint: z.string().optional(),
  })
  .describe('Present only when isError is true.');

/** The `approval` field of a confirmed change: every change tool's output schema declares it. */
export const approvalSchema = z
  .object({ requestedBy: z.string(), approvedBy: z.string() })
  .optional()
  .describe('With two-person approval (VPN_PBR_MCP_APPROVERS): who made the dry run and who confirmed it.');

/** A replay's `stillInEffect`: every change tool's output schema declares it. */
export const stillInEffectSchema = z
  .boolean()
  .optional()
  .describe('With replayed: whether the change this token made earlier is still in effect now (false: it was undone since).');

/** The fields every tool result ends with: the error (isError only), the sandbox flag and the summary. */
export const resultEnvelopeShape = {
  error: errorBodySchema.optional(),
  sandbox: z.boolean().optional(),
  summary: z.string(),
};
