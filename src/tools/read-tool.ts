// What every read tool does around its API calls, in one order: one audit line, the allowlists, then credentials.
import type { VpcClient } from '../cloud/vpc-client.js';
import { credentialsMissing } from '../errors/factories.js';
import { assertAllowed } from '../policy.js';
import { type AuditDraft, runAudited } from '../change/audited.js';
import type { ToolContext } from '../call-context.js';
import { failure, type ToolOutcome } from '../results.js';

export function runReadTool(
  ctx: ToolContext,
  tool: string,
  location: Parameters<typeof assertAllowed>[0],
  work: (cloud: VpcClient, draft: AuditDraft) => Promise<ToolOutcome>,
): Promise<ToolOutcome> {
  return runAudited(ctx, { tool, phase: 'list', route: location }, async (draft) => {
    assertAllowed(location, ctx.config);
    if (!ctx.cloud) return failure(credentialsMissing().body);
    return work(ctx.cloud, draft);
  });
}
