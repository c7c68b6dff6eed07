import { z } from 'zod';
import { isRegionId } from '../domain/index.js';
import type { Issue } from '../domain/types.js';
import { gatewayAllowed } from '../policy.js';
import { success } from '../results.js';
import { defineTool } from './define.js';
import { runReadTool } from './read-tool.js';
import { describeGatewayBriefly, gatewayViewSchema, toGatewayView } from './gateway-view.js';
import { resultEnvelopeShape, invalidArguments, parseArgs, regionIdArg, regionOf } from './route-args.js';

const VPC_ID = /^vpc-[a-z0-9]+$/;

const inputSchema = z.strictObject({
  regionId: regionIdArg.optional(),
  vpcId: z.string().max(64).optional().describe('Only the gateways of this VPC (vpc-…).'),
});

const outputSchema = z.object({
  gateways: z.array(gatewayViewSchema).optional(),
  count: z.number().optional(),
  hidden: z.number().optional().describe('Gateways of the region left out because they are outside the server\'s allowed gateways.'),
  ...resultEnvelopeShape,
});

export const listVpnGatewaysTool = defineTool({
  name: 'listVpnGateways',
  title: 'List the VPN gateways of a region',
  kind: 'readOnly',
  description: [
    'Lists the VPN gateways of a region (all pages), optionally of one VPC, each with its ID, name, VPC, status',
    '(only an active gateway takes a route change), business status (FinancialLocked = no route can be added), whether it',
    'supports route priorities (pbrPriority) and whether it is dual-tunnel. Use it to find the vpnGatewayId for the other tools;',
    'then describeVpnGateway shows a gateway\'s IPsec connections, the valid next hops. Changes nothing.',
  ].join(' '),
  inputSchema,
  outputSchema,
  handler: async (args, ctx) => {
    const input = parseArgs(inputSchema, args);
    const regionId = regionOf(input.regionId, ctx.config.regionId);
    const problems: Issue[] = [];
    if (!isRegionId(regionId)) {
      problems.push({ code: 'InvalidParameter.RegionId', severity: 'error', field: 'regionId', message: `${regionId} is not a region ID`, hint: 'use an ID like cn-hangzhou or ap-southeast-1' });
    }
    if (input.vpcId !== undefined && !VPC_ID.test(input.vpcId)) {
      problems.push({ code: 'InvalidParameter.VpcId', severity: 'error', field: 'vpcId', message: `${input.vpcId} is not a VPC ID`, hint: 'use an ID like vpc-bp1a2b3c4d5e6f, or omit vpcId' });
    }
    if (problems.length > 0) throw invalidArguments(problems);

    return runReadTool(ctx, 'listVpnGateways', { regionId }, async (cloud, draft) => {
      const all = await cloud.listGateways(regionId, input.vpcId);
      const shown = all.filter((g) => gatewayAllowed(g.vpnGatewayId, ctx.config));
      const hidden = all.length - shown.length;
      draft.outcome = 'listed';
      const where = `${regionId}${input.vpcId ? `, VPC ${input.vpcId}` : ''}`;
      const lines = shown.map((g) => describeGatewayBriefly(toGatewayView(g)));
      const hiddenText = hidden > 0 ? ` ${hidden} more ${hidden === 1 ? 'is' : 'are'} hidden: outside this server's allowed gateways.` : '';
      return success({
        gateways: shown.map(toGatewayView),
        count: shown.length,
        ...(hidden > 0 ? { hidden } : {}),
        summary:
          shown.length === 0
            ? `No VPN gateway in ${where}.${hiddenText}`
            : `${shown.length} VPN gateway${shown.length === 1 ? '' : 's'} in ${where}: ${lines.join('; ')}.${hiddenText}`,
      });
    });
  },
});
