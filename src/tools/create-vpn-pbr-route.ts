// createVpnPbrRoute: dry run first, then create with a confirmation token. The change itself is
// src/change/kinds/create-route.ts; the two phases are src/tools/change-tool.ts.
import { z } from 'zod';
import { checkRoute } from '../checks/route-checks.js';
import { createRouteChange } from '../change/kinds/create-route.js';
import { cardToolMeta } from '../ui/app-resource.js';
import { defineChangeTool } from './change-tool.js';
import {
  approvalSchema,
  confirmationArgsShape,
  issueSchema,
  listedRouteSchema,
  normaliseRoute,
  resultEnvelopeShape,
  routeArgsShape,
  routeOutputSchema,
  stillInEffectSchema,
} from './route-args.js';

const inputSchema = z.strictObject({
  ...routeArgsShape,
  ...confirmationArgsShape,
});

const outputSchema = z.object({
  status: z.enum(['dry_run_passed', 'created', 'submitted']).optional(),
  route: routeOutputSchema
    .partial()
    .extend({ state: z.string().optional(), createTime: z.string().optional() })
    .optional()
    .describe('The normalised route (dry run), or the route as the API created it (state, createTime).'),
  confirmationToken: z.string().optional(),
  expiresAt: z.string().optional(),
  dryRunRequestId: z.string().optional(),
  requestId: z.string().optional(),
  clientToken: z.string().optional(),
  warnings: z.array(issueSchema).optional(),
  routeCreated: z.union([z.boolean(), z.literal('unknown')]).optional(),
  replayed: z.boolean().optional().describe('true when an earlier confirmation of this token had already created the route.'),
  stillInEffect: stillInEffectSchema,
  existingRoute: listedRouteSchema.optional().describe('Another route with the same identity that the gateway lists (not created by this call).'),
  undo: z
    .object({
      regionId: z.string(),
      vpnGatewayId: z.string(),
      routeSource: z.string(),
      routeDest: z.string(),
      nextHop: z.string(),
      weight: z.number(),
      priority: z.number().optional(),
    })
    .optional()
    .describe('With created or submitted: the deleteVpnPbrRoute arguments that remove this route again.'),
  approval: approvalSchema,
  ...resultEnvelopeShape,
});

export const createVpnPbrRouteTool = defineChangeTool({
  kind: createRouteChange,
  title: 'Create a VPN policy-based route (dry run, then confirm)',
  description: [
    'Creates an Alibaba Cloud VPN Gateway policy-based route in two calls. A new policy route can redirect live traffic.',
    '1) Call WITHOUT confirmationToken: the route is validated (as validateRoute) and dry-run against the API; nothing is created.',
    'The result has status "dry_run_passed", the normalised route and a confirmationToken that expires.',
    '2) Show the human the route (region, gateway, source -> destination, next hop, weight, priority, publishing) and get their',
    'approval. Then call again with exactly the same arguments plus confirmationToken. The token only works for those arguments.',
    'The result has status "created" (route listed, gateway active) or "submitted" (still applying: check listVpnPbrRoutes).',
    'Errors carry error.code, error.hint and routeCreated; when routeCreated is "unknown", call again with the same',
    'confirmationToken to learn the outcome (it never creates a second route).',
  ].join(' '),
  inputSchema,
  outputSchema,
  meta: cardToolMeta(),
  target: (input, ctx) => normaliseRoute(input, ctx.config.regionId),
  offlineIssues: async (route, ctx) => (await checkRoute(route, ctx.config, undefined)).issues,
});
