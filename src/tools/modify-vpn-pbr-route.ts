// modifyVpnPbrRoute: preview first (the API has no dry run for these), then modify with a confirmation token. The
// change itself is src/change/kinds/modify-route.ts; the two phases are src/tools/change-tool.ts.
import { z } from 'zod';
import { identityOf } from '../change/find-route.js';
import { checkIdentity } from '../change/kinds/delete-route.js';
import { modifyRouteChange } from '../change/kinds/modify-route.js';
import { checkModifyValues, PRIORITY_MAX, PRIORITY_MIN, WEIGHTS } from '../domain/index.js';
import type { ModifyTarget } from '../domain/types.js';
import { cardToolMeta } from '../ui/app-resource.js';
import { defineChangeTool } from './change-tool.js';
import { approvalSchema, changeTarget, confirmationArgsShape, issueSchema, listedRouteSchema, resultEnvelopeShape, routeArgsShape, stillInEffectSchema } from './route-args.js';
import { stepSchema } from './step-schema.js';

const { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority } = routeArgsShape;

/** A listed route's current weight and priority, as a change names the route (applyRouteChanges' too). */
export const currentValuesShape = {
  weight: weight.describe('The route\'s current weight (100 or 0), as listed.'),
  priority: priority.describe('The route\'s current priority; optional, it must match when given.'),
};

const identityShape = {
  regionId,
  vpnGatewayId,
  routeSource: routeSource.describe('Source block of the route to modify, exactly as listVpnPbrRoutes shows it.'),
  routeDest: routeDest.describe('Destination block of the route to modify, exactly as listVpnPbrRoutes shows it.'),
  nextHop: nextHop.describe('Next hop (vco-…) of the route to modify.'),
  ...currentValuesShape,
};

export const newValuesShape = {
  newWeight: z.number().meta({ enum: [...WEIGHTS] }).optional().describe('The new weight: 100 (active) or 0 (standby). Refused while the route\'s active/standby partner is listed: swap a pair with applyRouteChanges.'),
  newPriority: z.number().meta({ type: 'integer', minimum: PRIORITY_MIN, maximum: PRIORITY_MAX }).optional().describe(`The new priority, ${PRIORITY_MIN} to ${PRIORITY_MAX} (smaller wins); only on gateways with priorities.`),
  publishVpc: z.boolean().optional().describe('The new published state: true advertises the route to the VPC route table, false withdraws it.'),
};

const inputSchema = z.strictObject({
  ...identityShape,
  ...newValuesShape,
  ...confirmationArgsShape,
  confirmationToken: confirmationArgsShape.confirmationToken.describe('Omit on the first call (preview). On the second call, the token the preview returned, with the same arguments.'),
});

const routeSchema = z.object({ regionId: z.string(), vpnGatewayId: z.string(), ...listedRouteSchema.partial().shape });
const changeSchema = z.object({ field: z.enum(['weight', 'priority', 'publishVpc']), from: z.union([z.number(), z.boolean()]), to: z.union([z.number(), z.boolean()]) });

const outputSchema = z.object({
  status: z.enum(['dry_run_passed', 'modified', 'submitted']).optional().describe('dry_run_passed: the preview found the route; nothing was modified yet.'),
  route: routeSchema.optional().describe('The route as listed: before the change (preview), after it (modified, submitted).'),
  changes: z.array(changeSchema).optional().describe('Preview: what will change, field by field.'),
  steps: z.array(stepSchema).optional().describe('The requests, in order: what will be sent (preview), what became of each (confirm).'),
  confirmationToken: z.string().optional(),
  expiresAt: z.string().optional(),
  requestId: z.string().optional(),
  clientToken: z.string().optional(),
  warnings: z.array(issueSchema).optional(),
  routeModified: z.union([z.boolean(), z.literal('unknown')]).optional(),
  replayed: z.boolean().optional().describe('true when an earlier confirmation of this token had already modified the route.'),
  stillInEffect: stillInEffectSchema,
  undo: z.record(z.string(), z.unknown()).optional().describe('The modifyVpnPbrRoute arguments that put the route back as it was.'),
  applyRouteChanges: z.record(z.string(), z.unknown()).optional().describe('With PartnerRouteListed: the applyRouteChanges arguments that make this change with its partner, ready to use.'),
  approval: approvalSchema,
  ...resultEnvelopeShape,
});

export const modifyVpnPbrRouteTool = defineChangeTool({
  kind: modifyRouteChange,
  title: 'Modify a VPN policy-based route: weight, priority, publishing (preview, then confirm)',
  description: [
    'Changes one Alibaba Cloud VPN Gateway policy-based route in place, in two calls: its weight (newWeight), priority (newPriority)',
    'and/or whether it is advertised to the VPC route table (publishVpc); this can move live traffic.',
    'Name the route by its identity exactly as listVpnPbrRoutes shows it (vpnGatewayId, routeSource, routeDest, nextHop, weight, optionally priority).',
    '1) Call WITHOUT confirmationToken: the server finds that route and checks what the API would refuse; nothing is modified.',
    'A weight change while the route\'s active/standby partner is listed is refused (PartnerRouteListed) with the applyRouteChanges call that swaps the pair.',
    '2) Show the human the change and get their approval, then call again with the same arguments plus confirmationToken.',
    'The result has status "modified" (as listed, gateway active) or "submitted" (still applying), the route as listed, and undo.',
    'Errors carry error.code, error.hint and routeModified (true, false or "unknown"); when it is "unknown", call again with the',
    'same confirmationToken to learn the outcome (it never sends a request twice).',
  ].join(' '),
  inputSchema,
  outputSchema,
  meta: cardToolMeta(),
  target: (input, ctx): ModifyTarget => changeTarget(input, ctx.config.regionId),
  offlineIssues: (target, ctx) => [...checkIdentity(identityOf(target), ctx), ...checkModifyValues(target)],
});
