// approveRouteChange: the approval card's Approve button (MCP Apps, visibility ["app"]: hosts do not offer it
// to the model). It is phase 2 of the change tool, run by the same code as a model-side confirmation, with the
// press of Approve standing for the human's answer.
import { z } from 'zod';
import { CHANGE_KINDS, type ChangeKindName } from '../domain/change-kinds.js';
import { approvalCardUnavailable } from '../errors/factories.js';
import { asAppError, type ChangeOutcomes, failure } from '../results.js';
import { cardToolMeta } from '../ui/app-resource.js';
import { APPROVE_TOOL } from '../ui/card-data.js';
import { createVpnPbrRouteTool } from './create-vpn-pbr-route.js';
import { defineTool, type ToolDefinition } from './define.js';
import { deleteVpnPbrRouteTool } from './delete-vpn-pbr-route.js';
import { confirmationArgsShape, parseArgs, routeArgsShape } from './route-args.js';

// The change tools whose previews the card shows: the card's Approve runs their confirmation phase.
const CARD_TOOLS: readonly ToolDefinition[] = [createVpnPbrRouteTool, deleteVpnPbrRouteTool];
const BY_CHANGE = new Map(CARD_TOOLS.flatMap((tool) => (tool.change ? [[tool.change, tool] as const] : [])));
const CHANGES = [...BY_CHANGE.keys()] as [ChangeKindName, ...ChangeKindName[]];

const inputSchema = z.strictObject({
  change: z.enum(CHANGES).describe('The change the card shows: create (a new policy route) or delete (a listed one).'),
  ...routeArgsShape,
  // A delete names its route without publishVpc; the change's own tool checks its arguments.
  publishVpc: routeArgsShape.publishVpc.optional(),
  confirmationToken: confirmationArgsShape.confirmationToken.unwrap().describe('The token of the dry run the card shows.'),
  clientToken: confirmationArgsShape.clientToken.describe('The clientToken of the dry run, when it had one.'),
});

// Whatever the approved change's tool answers: both schemas' fields, with either tool's status and route.
const outputSchema = z.object({
  ...deleteVpnPbrRouteTool.outputSchema.shape,
  ...createVpnPbrRouteTool.outputSchema.shape,
  status: z.enum(['created', 'deleted', 'submitted']).optional(),
  route: z.record(z.string(), z.unknown()).optional().describe('The route as the change\'s tool reports it.'),
});

/** Nothing was changed: said in the outcome field of the change the card named (every card change's when it named none). */
function nothingChanged(args: unknown): ChangeOutcomes {
  const named = (args as { change?: unknown } | undefined)?.change;
  const changes = BY_CHANGE.has(named as ChangeKindName) ? [named as ChangeKindName] : CHANGES;
  return Object.fromEntries(changes.map((change) => [CHANGE_KINDS[change].outcomeField, false]));
}

export const approveRouteChangeTool = defineTool({
  name: APPROVE_TOOL,
  title: 'Approve a VPN route change (approval card only)',
  kind: 'destructive',
  description: [
    'Called by the approval card when the user presses Approve; hosts that render MCP Apps do not offer it to the model.',
    'Performs the change the card shows (the second phase of createVpnPbrRoute or deleteVpnPbrRoute) with the first',
    'phase\'s arguments and token, and answers exactly as that tool does (its status, or an error with routeCreated or routeDeleted).',
  ].join(' '),
  inputSchema,
  outputSchema,
  meta: cardToolMeta(['app']),
  handler: async (args, ctx) => {
    if (ctx.clientRendersApps === false) return failure(approvalCardUnavailable().body, nothingChanged(args));
    let input: z.infer<typeof inputSchema>;
    try {
      input = parseArgs(inputSchema, args);
    } catch (error) {
      return failure(asAppError(error).body, nothingChanged(args));
    }
    const { change, ...confirmation } = input;
    const tool = BY_CHANGE.get(change) as ToolDefinition;
    return tool.handler(confirmation, { ...ctx, approvedOnCard: true });
  },
});
