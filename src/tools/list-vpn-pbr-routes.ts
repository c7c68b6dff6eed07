import { z } from 'zod';
import { credentialsMissing } from '../errors/factories.js';
import { defineTool, failure, success } from './define.js';
import { checkGatewayLocation } from '../domain/index.js';
import { errorBodySchema, invalidArguments, parseArgs, regionIdArg, regionRequired, vpnGatewayIdArg } from './route-args.js';

const inputSchema = z.strictObject({ regionId: regionIdArg.optional(), vpnGatewayId: vpnGatewayIdArg });

const routeSchema = z.object({
  routeSource: z.string(),
  routeDest: z.string(),
  nextHop: z.string(),
  weight: z.number(),
  priority: z.number().optional(),
  state: z.string().optional(),
  createTime: z.string().optional(),
});

const outputSchema = z.object({
  routes: z.array(routeSchema).optional(),
  count: z.number().optional(),
  gateway: z
    .object({
      vpnGatewayId: z.string(),
      regionId: z.string(),
      status: z.string(),
      businessStatus: z.string(),
      pbrPriority: z.boolean(),
      dualTunnel: z.boolean(),
    })
    .optional(),
  error: errorBodySchema.optional(),
  sandbox: z.boolean().optional(),
  summary: z.string(),
});

export const listVpnPbrRoutesTool = defineTool({
  name: 'listVpnPbrRoutes',
  title: 'List the policy-based routes of a VPN gateway',
  kind: 'readOnly',
  description:
    'Lists every policy-based route of a VPN gateway (all pages) with the gateway status (active, updating, …). ' +
    'Use it to see existing routes before adding one, to find a conflicting route, and to check on a create that was "submitted" ' +
    'or whose routeCreated is "unknown". Changes nothing.',
  inputSchema,
  outputSchema,
  handler: async (args, ctx) => {
    const input = parseArgs(inputSchema, args);
    const regionId = input.regionId ?? ctx.config.regionId;
    if (regionId === undefined) throw regionRequired();
    const problems = checkGatewayLocation({ regionId, vpnGatewayId: input.vpnGatewayId });
    if (problems.length > 0) throw invalidArguments(problems);
    if (!ctx.cloud) return failure(credentialsMissing().body);
    const [gateway, routes] = await Promise.all([
      ctx.cloud.describeGateway(regionId, input.vpnGatewayId),
      ctx.cloud.listPbrRoutes(regionId, input.vpnGatewayId),
    ]);
    const view = routes.map((r) => ({
      routeSource: r.routeSource,
      routeDest: r.routeDest,
      nextHop: r.nextHop,
      weight: r.weight,
      priority: r.priority,
      state: r.state,
      createTime: r.createTime === undefined ? undefined : new Date(r.createTime).toISOString(),
    }));
    const busy = gateway.status === 'active' ? '' : ` The gateway is ${gateway.status}: a change is still being applied.`;
    return success({
      routes: view,
      count: view.length,
      gateway: {
        vpnGatewayId: input.vpnGatewayId,
        regionId,
        status: gateway.status,
        businessStatus: gateway.businessStatus,
        pbrPriority: gateway.pbrPriority,
        dualTunnel: gateway.dualTunnel,
      },
      summary: `${view.length} policy-based route${view.length === 1 ? '' : 's'} on ${input.vpnGatewayId} (${regionId}); gateway ${gateway.status}.${busy}`,
    });
  },
});
