// applyRouteChanges: one approved, ordered change set on one gateway. The change itself is
// src/change/kinds/apply-changes.ts (planner: src/domain/plan.ts); the two phases are src/tools/change-tool.ts.
import { z } from 'zod';
import { applyChangesKind, planIssues } from '../change/kinds/apply-changes.js';
import type { PlanTarget, RequestedChange } from '../domain/index.js';
import { stripUndefined } from '../util.js';
import { cardToolMeta } from '../ui/app-resource.js';
import { defineChangeTool } from './change-tool.js';
import { currentValuesShape, newValuesShape } from './modify-vpn-pbr-route.js';
import { approvalSchema, changeTarget, confirmationArgsShape, issueSchema, resultEnvelopeShape, routeArgsShape, stillInEffectSchema } from './route-args.js';
import { stepSchema } from './step-schema.js';

/** At most this many changes in one set. */
export const MAX_CHANGES = 20;

const { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority, publishVpc, description, overlayMode } = routeArgsShape;
const identity = { routeSource, routeDest, nextHop, ...currentValuesShape };

const changeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), routeSource, routeDest, nextHop, weight, publishVpc, description, overlayMode, priority }).describe('A new route, as createVpnPbrRoute takes it (on the set\'s gateway).'),
  z.strictObject({ op: z.literal('delete'), ...identity }).describe('A listed route to delete, named as deleteVpnPbrRoute names it.'),
  z.strictObject({ op: z.literal('modify'), ...identity, ...newValuesShape }).describe('A listed route to change, as modifyVpnPbrRoute takes it: a pair\'s weights are swapped by modifying both.'),
]);

const inputSchema = z.strictObject({
  regionId,
  vpnGatewayId: vpnGatewayId.describe('The one VPN gateway (vpn-…) every change is on.'),
  changes: z.array(changeSchema).min(1).max(MAX_CHANGES).describe(`1 to ${MAX_CHANGES} changes, in the order they should happen; the planner inserts what the API needs between them.`),
  onFailure: z.enum(['rollback', 'stop']).optional().describe('On a refused step: rollback (default) undoes the steps made, last first; stop leaves them.'),
  ...confirmationArgsShape,
  confirmationToken: confirmationArgsShape.confirmationToken.describe('Omit on the first call (the plan). On the second, the token the plan returned, with the same arguments; again to resume.'),
});

const rowSchema = z.object({ routeSource: z.string(), routeDest: z.string(), nextHop: z.string(), weight: z.number(), priority: z.number(), state: z.string() });

const outputSchema = z.object({
  status: z.enum(['dry_run_passed', 'applied', 'submitted', 'rolled_back']).optional(),
  planId: z.string().optional().describe('The plan\'s ID: every audit line of its steps names it.'),
  onFailure: z.enum(['rollback', 'stop']).optional(),
  steps: z.array(stepSchema).optional().describe('The requests in order: what will be sent (plan), what became of each (confirm).'),
  rolledBack: z.array(stepSchema).optional().describe('After a refused step: the rollback\'s requests, last step first.'),
  tableBefore: z.array(rowSchema).optional().describe('Plan: the gateway\'s routes now.'),
  tableAfter: z.array(rowSchema).optional().describe('Plan: the routes once every step is made.'),
  table: z.array(rowSchema).optional().describe('Confirm: the routes as listed at the end.'),
  windows: z.array(z.string()).optional().describe('Plan: the moments between steps when a pair lacks its active or standby route, or a route is missing.'),
  warnings: z.array(issueSchema).optional(),
  confirmationToken: z.string().optional(),
  expiresAt: z.string().optional(),
  clientToken: z.string().optional(),
  changesApplied: z.union([z.boolean(), z.literal('unknown')]).optional(),
  replayed: z.boolean().optional().describe('true when an earlier confirmation of this token had already applied every step.'),
  stillInEffect: stillInEffectSchema,
  approval: approvalSchema,
  ...resultEnvelopeShape,
});

export const applyRouteChangesTool = defineChangeTool({
  kind: applyChangesKind,
  title: 'Apply an ordered set of route changes on one gateway (plan, then confirm once)',
  description: [
    'Applies 1 to 20 create/delete/modify changes to one Alibaba Cloud VPN gateway\'s policy-based routes with one approval; this moves live traffic.',
    '1) Call WITHOUT confirmationToken: the server plans the changes in order, each checked against the table as it will be then, and inserts',
    'what the API\'s rules need (a swap of an active/standby pair, asked as a modify of each, becomes delete the standby, set the active to 0,',
    'recreate the old standby at 100). The plan has steps (inserted ones say why), the table before and after, windows and warnings; nothing is changed.',
    '2) Show the human the plan, then call again with the same arguments plus confirmationToken: the steps run in order, each waited for and verified.',
    'status: applied, submitted (not finished within the call: confirm again, it resumes and sends no request twice) or rolled_back',
    '(a step was refused and the steps made were undone; onFailure "stop" leaves them). Each step says applied true, false or "unknown";',
    'changesApplied is the overall outcome.',
  ].join(' '),
  inputSchema,
  outputSchema,
  meta: cardToolMeta(),
  target: (input, ctx): PlanTarget => ({
    ...changeTarget(input, ctx.config.regionId),
    changes: input.changes.map((c) => stripUndefined(c) as RequestedChange),
    onFailure: input.onFailure ?? 'rollback',
  }),
  offlineIssues: (target, ctx) => planIssues(target, ctx),
});
