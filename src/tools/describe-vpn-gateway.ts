import { z } from 'zod';
import { checkGatewayLocation } from '../domain/index.js';
import { success } from '../results.js';
import { defineTool } from './define.js';
import { runReadTool } from './read-tool.js';
import { describeGatewayBriefly, gatewayViewSchema, toGatewayView } from './gateway-view.js';
import { resultEnvelopeShape, invalidArguments, parseArgs, regionIdArg, regionOf, vpnGatewayIdArg } from './route-args.js';

const inputSchema = z.strictObject({ regionId: regionIdArg.optional(), vpnGatewayId: vpnGatewayIdArg });

const connectionSchema = z.object({
  vpnConnectionId: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
});

const outputSchema = z.object({
  gateway: gatewayViewSchema.optional(),
  connections: z.array(connectionSchema).optional().describe('The gateway\'s IPsec-VPN connections: the valid nextHop values of its routes.'),
  policyRouteCount: z.number().optional(),
  ...resultEnvelopeShape,
});

export const describeVpnGatewayTool = defineTool({
  name: 'describeVpnGateway',
  title: 'Describe a VPN gateway and its valid next hops',
  kind: 'readOnly',
  description: [
    'Shows one VPN gateway (status, business status, VPC, priority support, single or dual tunnel), its IPsec-VPN',
    'connections (ID, name, status): the only valid nextHop values for its policy routes, and how many policy routes it has.',
    'Use it before validateRoute or createVpnPbrRoute to pick a next hop. Changes nothing.',
  ].join(' '),
  inputSchema,
  outputSchema,
  handler: async (args, ctx) => {
    const input = parseArgs(inputSchema, args);
    const regionId = regionOf(input.regionId, ctx.config.regionId);
    const location = { regionId, vpnGatewayId: input.vpnGatewayId };
    const problems = checkGatewayLocation(location);
    if (problems.length > 0) throw invalidArguments(problems);

    return runReadTool(ctx, 'describeVpnGateway', location, async (cloud, draft) => {
      const [gateway, connections, routes] = await Promise.all([
        cloud.describeGateway(regionId, input.vpnGatewayId),
        cloud.listConnections(regionId, input.vpnGatewayId),
        cloud.listPbrRoutes(regionId, input.vpnGatewayId),
      ]);
      draft.requestIds.push(gateway.requestId);
      draft.outcome = 'described';
      // The API filters by gateway; a connection of another gateway would still be no valid next hop here.
      const own = connections
        .filter((c) => c.vpnGatewayId === '' || c.vpnGatewayId === input.vpnGatewayId)
        .map((c) => ({ vpnConnectionId: c.vpnConnectionId, ...(c.name ? { name: c.name } : {}), ...(c.status ? { status: c.status } : {}) }));
      const view = toGatewayView(gateway);
      const hops =
        own.length === 0
          ? 'no IPsec-VPN connection, so no route can be added yet'
          : `${own.length} IPsec-VPN connection${own.length === 1 ? '' : 's'} (the valid next hops): ${own.map((c) => (c.name ? `${c.vpnConnectionId} (${c.name})` : c.vpnConnectionId)).join(', ')}`;
      return success({
        gateway: view,
        connections: own,
        policyRouteCount: routes.length,
        summary: `In ${regionId}, ${describeGatewayBriefly(view)}; ${hops}; ${routes.length} policy-based route${routes.length === 1 ? '' : 's'}.`,
      });
    });
  },
});
