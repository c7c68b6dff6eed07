// The route arguments shared by validateRoute and createVpnPbrRoute: declared once, types checked here,
// values checked by domain/ (so validateRoute can report every broken value at once as issues).
import { z } from 'zod';
import type { Issue, RouteSpec } from '../domain/types.js';
import { validationFailed } from '../errors/factories.js';
import { stripUndefined } from '../util.js';

export const regionIdArg = z
  .string()
  .describe('Region of the VPN gateway, e.g. cn-hangzhou. Optional when the server has a default region.');
export const vpnGatewayIdArg = z.string().describe('VPN gateway ID, vpn-…');

export const routeArgsShape = {
  regionId: regionIdArg.optional(),
  vpnGatewayId: vpnGatewayIdArg,
  routeSource: z.string().describe('Source IPv4 CIDR block, e.g. 192.168.1.0/24 (no host bits).'),
  routeDest: z
    .string()
    .describe('Destination IPv4 CIDR block, e.g. 10.0.0.0/24. Not 0.0.0.0/0, must not overlap 100.64.0.0/10.'),
  nextHop: z.string().describe('IPsec-VPN connection ID (vco-…) on this gateway.'),
  weight: z.number().describe('100 = active route, 0 = standby route (only 0 or 100).'),
  publishVpc: z.boolean().describe('true: also advertise the route to the VPC system route table.'),
  description: z.string().optional().describe('1 to 100 characters, not starting with http:// or https://.'),
  overlayMode: z.string().optional().describe('Tunnel protocol; the only value is Ipsec. Omit it normally.'),
  priority: z
    .number()
    .optional()
    .describe('1 to 100, smaller = higher priority (API default 10). Only on gateways that support priority: omit it otherwise.'),
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
    issues.push({
      code: field ? `InvalidParameter.${field[0]?.toUpperCase()}${field.slice(1)}` : 'InvalidParameter',
      severity: 'error',
      field,
      message: field ? expected : 'the arguments must be a JSON object',
    });
  }
  return issues;
}

// Kept under their old names for the tools: the factories live in errors/, the prose in domain/.
export { describeIssue } from '../domain/issues.js';
export { regionRequired, validationFailed as invalidArguments } from '../errors/factories.js';

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
