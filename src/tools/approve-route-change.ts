// approveRouteChange: the approval card's Approve button (MCP Apps, visibility ["app"]: hosts do not offer it
// to the model). It is phase 2 of the change tool, run by the same code as a model-side confirmation, with the
// press of Approve standing for the human's answer.
import { z } from 'zod';
import { CHANGE_KINDS, type ChangeKindName } from '../domain/change-kinds.js';
import { approvalCardUnavailable } from '../errors/factories.js';
import { asAppError, type ChangeOutcomes, failure } from '../results.js';
import { cardToolMeta } from '../ui/app-resource.js';
import { APPROVE_TOOL } from '../ui/card-data.js';
import { applyRouteChangesTool } from './apply-route-changes.js';
import { createVpnPbrRouteTool } from './create-vpn-pbr-route.js';
import { defineTool, type ToolDefinition } from './define.js';
import { deleteVpnPbrRouteTool } from './delete-vpn-pbr-route.js';
import { modifyVpnPbrRouteTool, newValuesShape } from './modify-vpn-pbr-route.js';
import { confirmationArgsShape, parseArgs, routeArgsShape } from './route-args.js';

// The change tools whose previews the card shows: the card's Approve runs their confirmation phase.
const CARD_TOOLS: readonly ToolDefinition[] = [createVpnPbrRouteTool, deleteVpnPbrRouteTool, modifyVpnPbrRouteTool, applyRouteChangesTool];
const BY_CHANGE = new Map(CARD_TOOLS.flatMap((tool) => (tool.change ? [[tool.change, tool] as const] : [])));
const CHANGES = [...BY_CHANGE.keys()] as [ChangeKindName, ...ChangeKindName[]];
const { routeSource, routeDest, nextHop, weight } = routeArgsShape;
const { changes, onFailure } = applyRouteChangesTool.inputSchema.shape;

const inputSchema = z.strictObject({
  change: z.enum(CHANGES).describe(`The change the card shows: ${CHANGES.map((c) => `${c} (${CHANGE_KINDS[c].tool})`).join(', ')}.`),
  ...routeArgsShape,
  ...newValuesShape,
  // Each change's own tool checks its arguments: a route's fields are absent from a change set's approval.
  routeSource: routeSource.optional(),
  routeDest: routeDest.optional(),
  nextHop: nextHop.optional(),
  weight: weight.optional(),
  publishVpc: routeArgsShape.publishVpc.optional(),
  changes: changes.optional(),
  onFailure,
  confirmationToken: confirmationArgsShape.confirmationToken.unwrap().describe('The token of the dry run the card shows.'),
  clientToken: confirmationArgsShape.clientToken.describe('The clientToken of the dry run, when it had one.'),
});

type StatusSchema = z.ZodOptional<z.ZodEnum<Record<string, string>>>;
/** Every status a card tool's confirmation answers (not its preview's). */
const STATUSES = [...new Set(CARD_TOOLS.flatMap((t) => (t.outputSchema.shape.status as StatusSchema).unwrap().options))].filter((s) => s !== 'dry_run_passed') as [string, ...string[]];

// Whatever the approved change's tool answers: the delete's and create's fields, then those only the other card
// tools have (the first declaration of each), with any of their statuses and routes.
const singles = { ...deleteVpnPbrRouteTool.outputSchema.shape, ...createVpnPbrRouteTool.outputSchema.shape };
const others: Record<string, z.ZodType> = {};
for (const tool of CARD_TOOLS) for (const [key, schema] of Object.entries(tool.outputSchema.shape)) if (!(key in singles) && !(key in others)) others[key] = schema as z.ZodType;
const outputSchema = z.object({
  ...singles,
  ...others,
  status: z.enum(STATUSES).optional(),
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
    `Performs the change the card shows (the second phase of ${CARD_TOOLS.map((t) => t.name).join(', ')}) with the first`,
    'phase\'s arguments and token, and answers exactly as that tool does (its status, or an error with its outcome field).',
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
