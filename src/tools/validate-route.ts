import { z } from 'zod';
import { runAudited } from '../change/audited.js';
import { checkRoute, summariseChecks } from '../checks/route-checks.js';
import { clipRoute } from '../domain/limits.js';
import { success } from '../results.js';
import { defineTool } from './define.js';
import { errorBodySchema, issueSchema, normaliseRoute, parseArgs, routeArgsSchema, routeOutputSchema } from './route-args.js';

const outputSchema = z.object({
  valid: z.boolean().optional(),
  route: routeOutputSchema.optional(),
  issues: z.array(issueSchema).optional(),
  checks: z
    .array(z.object({ name: z.string(), status: z.enum(['passed', 'failed', 'skipped', 'error']), detail: z.string().optional() }))
    .optional(),
  sandbox: z.boolean().optional(),
  summary: z.string(),
  error: errorBodySchema.optional(),
});

export const validateRouteTool = defineTool({
  name: 'validateRoute',
  title: 'Validate a VPN policy-based route',
  kind: 'readOnly',
  description: [
    'Checks a VPN Gateway policy-based route without changing anything.',
    'Reports every problem at once, each with an Alibaba error code and the argument it concerns:',
    'CIDR form (no host bits), destination rules (not 0.0.0.0/0, not overlapping 100.64.0.0/10), weight 0 or 100,',
    'priority 1 to 100, description, IDs. With credentials it also checks the live account read-only: the gateway',
    'exists, is not financially locked and supports priority if one is given; the next hop is a connection of this',
    'gateway; the route does not duplicate or conflict with existing routes. Without credentials those checks are skipped',
    'and the summary says so. A broken route is a normal result with valid=false, not an error.',
    'Use it before createVpnPbrRoute, fix what it reports, and show the human the summary.',
  ].join(' '),
  inputSchema: routeArgsSchema,
  outputSchema,
  handler: async (args, ctx) => {
    const input = parseArgs(routeArgsSchema, args);
    const route = normaliseRoute(input, ctx.config.regionId);
    return runAudited(ctx, { tool: 'validateRoute', phase: 'validate', route }, async (audit) => {
      const result = await checkRoute(route, ctx.config, ctx.cloud, { partial: true });
      audit.outcome = result.valid ? 'valid' : 'invalid';
      audit.errorCode = result.issues.find((i) => i.severity === 'error')?.code;
      // With no region at all, the route shows none rather than an empty one.
      const { regionId, ...rest } = result.route;
      return success({
        valid: result.valid,
        route: clipRoute(regionId === '' ? rest : result.route),
        issues: result.issues,
        checks: result.checks,
        summary: summariseChecks(result),
      });
    });
  },
});
