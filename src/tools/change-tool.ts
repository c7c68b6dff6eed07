// The one shape of every change tool (create, delete, …): parse the arguments into the change's target,
// then phase 1 (preview, token) without confirmationToken or phase 2 (confirm) with it, one audit line
// per call. A change tool supplies its kind (src/change/kinds/), schemas and how arguments become a target.
import type { z } from 'zod';
import { routeFields, runAudited } from '../change/audited.js';
import type { CallContext, ToolContext } from '../call-context.js';
import type { ChangeKind, ChangeTarget } from '../change/change-kind.js';
import { changeFailure } from '../change/answers.js';
import { confirmChange, previewChange } from '../change/flow.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { hasErrors } from '../domain/index.js';
import type { Issue } from '../domain/types.js';
import { credentialsMissing, routeRefused } from '../errors/factories.js';
import { asAppError } from '../results.js';
import { defineTool, type ToolDefinition } from './define.js';
import { checkClientToken, parseArgs } from './route-args.js';

/** The arguments every change tool has besides its target's. */
interface ConfirmationArgs {
  confirmationToken?: string;
  clientToken?: string;
}

export interface ChangeToolSpec<Input extends z.ZodObject, T extends ChangeTarget> {
  kind: ChangeKind<T>;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: z.ZodObject;
  meta?: Record<string, unknown>;
  /** The change's target from the parsed arguments; throws AppError (nothing sent) when they cannot make one. */
  target(input: z.infer<Input>, ctx: ToolContext): T;
  /** Without credentials: every problem the offline rules see (they need no account), before CredentialsMissing. */
  offlineIssues(target: T, ctx: CallContext): Promise<Issue[]> | Issue[];
}

export function defineChangeTool<Input extends z.ZodObject, T extends ChangeTarget>(spec: ChangeToolSpec<Input, T>): ToolDefinition<Input> {
  const { kind } = spec;
  const words = CHANGE_KINDS[kind.name];
  return defineTool({
    name: words.tool,
    title: spec.title,
    kind: 'destructive',
    change: kind.name,
    description: spec.description,
    inputSchema: spec.inputSchema,
    outputSchema: spec.outputSchema,
    ...(spec.meta ? { meta: spec.meta } : {}),
    handler: async (args, ctx) => {
      let target: T;
      let input: z.infer<Input> & ConfirmationArgs;
      try {
        input = parseArgs(spec.inputSchema, args) as z.infer<Input> & ConfirmationArgs;
        checkClientToken(input.clientToken);
        target = spec.target(input, ctx);
      } catch (error) {
        return changeFailure(kind, asAppError(error), false);
      }
      const { cloud } = ctx;
      const token = input.confirmationToken;
      const phase = token === undefined ? 'dry_run' : words.verb;
      const route = routeFields(target);
      return runAudited(ctx, { tool: words.tool, phase, route, outcomeField: words.outcomeField }, async (draft) => {
        try {
          if (!cloud) {
            const issues = await spec.offlineIssues(target, ctx);
            return changeFailure(kind, hasErrors(issues) ? routeRefused(issues) : credentialsMissing(), false);
          }
          return token === undefined
            ? await previewChange(kind, target, input.clientToken, cloud, ctx, draft)
            : await confirmChange(kind, target, token, input.clientToken, cloud, ctx, draft);
        } catch (error) {
          // Everything thrown here happened before a change was sent: the send and what follows it are caught inside.
          return changeFailure(kind, asAppError(error), false);
        }
      });
    },
  });
}
