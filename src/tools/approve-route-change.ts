// approveRouteChange: the approval card's Approve button (MCP Apps, visibility ["app"]: hosts do not offer it
// to the model). It is phase 2 of the change tool, run by the same code as a model-side confirmation, with the
// press of Approve standing for the human's answer.
import { z } from 'zod';
import { cardToolMeta } from '../ui/app-resource.js';
import { approvalCardUnavailable } from '../errors/factories.js';
import { APPROVE_TOOL } from '../ui/card-data.js';
import { createVpnPbrRouteTool } from './create-vpn-pbr-route.js';
import { asAppError, defineTool, failure, type ToolDefinition } from './define.js';
import { confirmationArgsShape, parseArgs, routeArgsShape } from './route-args.js';

// Each change the card can approve, and the tool whose confirmation phase performs it.
const CHANGES: Record<string, ToolDefinition> = { create: createVpnPbrRouteTool };

const inputSchema = z.strictObject({
  change: z.enum(['create']).describe('The change the card shows: create (a new policy route).'),
  ...routeArgsShape,
  confirmationToken: confirmationArgsShape.confirmationToken.unwrap().describe('The token of the dry run the card shows.'),
  clientToken: confirmationArgsShape.clientToken.describe('The clientToken of the dry run, when it had one.'),
});

export const approveRouteChangeTool = defineTool({
  name: APPROVE_TOOL,
  title: 'Approve a VPN route change (approval card only)',
  kind: 'destructive',
  description: [
    'Called by the approval card when the user presses Approve; hosts that render MCP Apps do not offer it to the model.',
    'Performs the change the card shows (the second phase of createVpnPbrRoute) with the dry run\'s arguments and token,',
    'and answers exactly as that tool does (status created or submitted, or an error with routeCreated).',
  ].join(' '),
  inputSchema,
  outputSchema: createVpnPbrRouteTool.outputSchema,
  meta: cardToolMeta(['app']),
  handler: async (args, ctx) => {
    if (ctx.clientRendersApps === false) return failure(approvalCardUnavailable().body, { routeCreated: false });
    let input: z.infer<typeof inputSchema>;
    try {
      input = parseArgs(inputSchema, args);
    } catch (error) {
      return failure(asAppError(error).body, { routeCreated: false });
    }
    const { change, ...confirmation } = input;
    const tool = CHANGES[change] as ToolDefinition;
    return tool.handler(confirmation, { ...ctx, approvedOnCard: true });
  },
});
