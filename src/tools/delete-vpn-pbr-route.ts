// deleteVpnPbrRoute: preview first (the API has no dry run for a delete), then delete with a confirmation
// token. The change itself is src/change/kinds/delete-route.ts; the two phases are src/tools/change-tool.ts.
import { z } from 'zod';
import { checkIdentity, deleteRouteChange, type RouteIdentity } from '../change/kinds/delete-route.js';
import { cardToolMeta } from '../ui/app-resource.js';
import { defineChangeTool } from './change-tool.js';
import { approvalSchema, changeTarget, confirmationArgsShape, listedRouteSchema, resultEnvelopeShape, routeArgsShape, stillInEffectSchema } from './route-args.js';

const { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority } = routeArgsShape;

export const routeIdentityShape = {
  regionId,
  vpnGatewayId,
  routeSource: routeSource.describe('Source block of the route to delete, exactly as listVpnPbrRoutes shows it.'),
  routeDest: routeDest.describe('Destination block of the route to delete, exactly as listVpnPbrRoutes shows it.'),
  nextHop: nextHop.describe('Next hop (vco-…) of the route to delete.'),
  weight: weight.describe('The route\'s current weight (100 or 0): the API deletes only with the weight the route has.'),
  priority: priority.describe('The route\'s priority; optional, it picks the route when the others do not (and must match when given).'),
};

const inputSchema = z.strictObject({
  ...routeIdentityShape,
  ...confirmationArgsShape,
  confirmationToken: confirmationArgsShape.confirmationToken.describe(
    'Omit on the first call (preview). On the second call, the token the preview returned, with the same arguments.',
  ),
});

const routeSchema = z.object({ regionId: z.string(), vpnGatewayId: z.string(), ...listedRouteSchema.shape });

const outputSchema = z.object({
  status: z.enum(['dry_run_passed', 'deleted', 'submitted']).optional().describe('dry_run_passed: the preview found the route; nothing was deleted yet.'),
  route: routeSchema.optional().describe('The route found (preview) or deleted.'),
  confirmationToken: z.string().optional(),
  expiresAt: z.string().optional(),
  requestId: z.string().optional(),
  clientToken: z.string().optional(),
  routeDeleted: z.union([z.boolean(), z.literal('unknown')]).optional(),
  replayed: z.boolean().optional().describe('true when an earlier confirmation of this token had already deleted the route.'),
  stillInEffect: stillInEffectSchema,
  approval: approvalSchema,
  ...resultEnvelopeShape,
});

export const deleteVpnPbrRouteTool = defineChangeTool({
  kind: deleteRouteChange,
  title: 'Delete a VPN policy-based route (preview, then confirm)',
  description: [
    'Deletes one Alibaba Cloud VPN Gateway policy-based route in two calls; removing a route can cut or move live traffic.',
    'Name the route by its identity exactly as listVpnPbrRoutes shows it: vpnGatewayId, routeSource, routeDest, nextHop, weight',
    '(its current weight) and optionally priority; a createVpnPbrRoute result\'s "undo" holds these arguments.',
    '1) Call WITHOUT confirmationToken: the server finds exactly that route on the gateway and returns it with a',
    'confirmationToken; nothing is deleted (the API has no dry run for a delete).',
    '2) Show the human the route and get their approval, then call again with the same arguments plus confirmationToken.',
    'The result has status "deleted" (gone from the list, gateway active) or "submitted" (still applying).',
    'Errors carry error.code, error.hint and routeDeleted (true, false or "unknown"); when it is "unknown", call again with the',
    'same confirmationToken to learn the outcome (it never deletes twice).',
  ].join(' '),
  inputSchema,
  outputSchema,
  meta: cardToolMeta(),
  target: (input, ctx): RouteIdentity => changeTarget(input, ctx.config.regionId),
  offlineIssues: (identity, ctx) => checkIdentity(identity, ctx),
});
