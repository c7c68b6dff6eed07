import { z } from 'zod';
import type { PbrRoute } from '../cloud/vpc-client.js';
import { CIDR_MATCHES, checkGatewayLocation, compileRouteFilter, describeRouteFilter, routeMatches } from '../domain/index.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { success } from '../results.js';
import { defineTool } from './define.js';
import { runReadTool } from './read-tool.js';
import { resultEnvelopeShape, invalidArguments, listedRouteSchema, parseArgs, regionIdArg, regionOf, vpnGatewayIdArg } from './route-args.js';
import { gatewayViewSchema, toGatewayView } from './gateway-view.js';
import { isoSeconds } from '../util.js';

export const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

const inputSchema = z.strictObject({
  regionId: regionIdArg.optional(),
  vpnGatewayId: vpnGatewayIdArg,
  routeSource: z.string().max(64).optional().describe('Only routes with this source block (see cidrMatch).'),
  routeDest: z.string().max(64).optional().describe('Only routes with this destination block (see cidrMatch).'),
  nextHop: z.string().max(64).optional().describe('Only routes via this IPsec-VPN connection (vco-…).'),
  cidrMatch: z
    .enum(CIDR_MATCHES)
    .optional()
    .describe('How routeSource/routeDest match: exact (default) = the same block; within = the route\'s block lies inside the given one; overlap = they share any address.'),
  limit: z.number().int().min(1).max(MAX_LIMIT).optional().describe(`Most routes in one answer, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
  cursor: z.string().max(200).optional().describe('The nextCursor of the previous answer, with the same other arguments, for the next page.'),
});

const outputSchema = z.object({
  routes: z.array(listedRouteSchema).optional(),
  count: z.number().optional().describe('Routes in this answer.'),
  matching: z.number().optional().describe('Routes that match the filters, on every page.'),
  total: z.number().optional().describe('Routes on the gateway.'),
  nextCursor: z.string().optional().describe('Present when more matching routes follow: pass it as cursor.'),
  gateway: gatewayViewSchema.optional(),
  ...resultEnvelopeShape,
});

function routeView(r: PbrRoute): z.infer<typeof listedRouteSchema> {
  const createTime = isoSeconds(r.createTime);
  return {
    routeSource: r.routeSource,
    routeDest: r.routeDest,
    nextHop: r.nextHop,
    ...(r.nextHopTunnelId === undefined ? {} : { nextHopTunnelId: r.nextHopTunnelId }),
    weight: r.weight,
    ...(r.priority === undefined ? {} : { priority: r.priority }),
    ...(r.state === undefined ? {} : { state: r.state }),
    ...(createTime === undefined ? {} : { createTime }),
  };
}

export const listVpnPbrRoutesTool = defineTool({
  name: 'listVpnPbrRoutes',
  title: 'List the policy-based routes of a VPN gateway',
  kind: 'readOnly',
  description: [
    'Lists the policy-based routes of a VPN gateway with the gateway status (active, updating, …). Changes nothing.',
    'Filter by routeSource, routeDest (exact block, or with cidrMatch "within"/"overlap") and nextHop; at most limit routes',
    `(default ${DEFAULT_LIMIT}) per answer, with nextCursor when more follow.`,
    'Use it to see existing routes before adding one, to find a conflicting route or the exact identity of a route to delete,',
    'and to check on a change that was "submitted" or whose outcome is "unknown".',
  ].join(' '),
  inputSchema,
  outputSchema,
  handler: async (args, ctx) => {
    const input = parseArgs(inputSchema, args);
    const regionId = regionOf(input.regionId, ctx.config.regionId);
    const location = { regionId, vpnGatewayId: input.vpnGatewayId };
    const compiled = compileRouteFilter(input);
    const problems = [...checkGatewayLocation(location), ...compiled.issues];
    if (problems.length > 0 || compiled.filter === undefined) throw invalidArguments(problems);
    const filter = compiled.filter;
    const limit = input.limit ?? DEFAULT_LIMIT;
    const listing = [regionId, input.vpnGatewayId, input.routeSource, input.routeDest, input.nextHop, filter.match];
    const offset = input.cursor === undefined ? 0 : decodeCursor(input.cursor, listing);

    return runReadTool(ctx, 'listVpnPbrRoutes', location, async (cloud, draft) => {
      const [gateway, routes] = await Promise.all([
        cloud.describeGateway(regionId, input.vpnGatewayId),
        cloud.listPbrRoutes(regionId, input.vpnGatewayId),
      ]);
      draft.requestIds.push(gateway.requestId);
      const matching = routes.filter((r) => routeMatches(r, filter));
      const page = matching.slice(offset, offset + limit).map(routeView);
      const next = offset + page.length;
      const nextCursor = next < matching.length ? encodeCursor(next, listing) : undefined;
      const filtered = describeRouteFilter(input);
      const which =
        page.length === 0
          ? `No policy-based route${filtered ? ` matching ${filtered}` : ''}`
          : `${page.length === matching.length ? '' : `Routes ${offset + 1}-${next} of `}${matching.length} policy-based route${matching.length === 1 ? '' : 's'}${filtered ? ` matching ${filtered} (of ${routes.length})` : ''}`;
      const busy = gateway.status === 'active' ? '' : ` The gateway is ${gateway.status}: a change is still being applied.`;
      const more = nextCursor ? ` More follow: call again with cursor set to nextCursor.` : '';
      draft.outcome = 'listed';
      return success({
        routes: page,
        count: page.length,
        matching: matching.length,
        total: routes.length,
        ...(nextCursor ? { nextCursor } : {}),
        gateway: toGatewayView(gateway),
        summary: `${which} on ${input.vpnGatewayId} (${regionId}); gateway ${gateway.status}.${busy}${more}`,
      });
    });
  },
});
