// A step of a change made in several requests (modifyVpnPbrRoute, applyRouteChanges), as results show it.
import { z } from 'zod';

export const stepSchema = z.object({
  step: z.number().describe('Its number, from 1.'),
  action: z.string().describe('The API action it sends.'),
  describe: z.string(),
  inserted: z.string().optional().describe('Set when the planner added the step so that the API accepts the change: why.'),
  applied: z.union([z.boolean(), z.literal('unknown')]).optional().describe('Confirm: whether it was made (true also when an earlier confirmation made it).'),
  state: z.string().optional().describe('Confirm: done, submitted, earlier (made by an earlier confirmation), skipped, refused or unknown.'),
  requestId: z.string().optional(),
  errorCode: z.string().optional(),
});
