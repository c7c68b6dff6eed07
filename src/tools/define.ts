// What a tool is: schemas, one `kind` that drives all four annotations, and a handler that returns a
// structured body (src/results.ts builds every result and error).
import type { ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { ToolContext } from '../call-context.js';
import type { ChangeKindName } from '../domain/change-kinds.js';
import type { ToolOutcome } from '../results.js';

export type ToolKind = 'readOnly' | 'destructive';

export interface ToolDefinition<Input extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  inputSchema: Input;
  outputSchema: z.ZodObject;
  /** The tool's `_meta` in tools/list (MCP Apps: the linked card and who may call the tool). */
  meta?: Record<string, unknown>;
  /** The change this tool makes (domain/change-kinds.ts): its errors say in that kind's outcome field that nothing changed. */
  change?: ChangeKindName;
  handler: (args: unknown, ctx: ToolContext) => Promise<ToolOutcome>;
}

export function defineTool<Input extends z.ZodType>(tool: ToolDefinition<Input>): ToolDefinition<Input> {
  return tool;
}

/** One field decides the annotations, so they can never disagree with each other. */
export function annotationsFor(kind: ToolKind, title: string): ToolAnnotations {
  return kind === 'readOnly'
    ? { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true }
    : { title, readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
}
