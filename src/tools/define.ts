// What a tool is: schemas, one `kind` that drives all four annotations, and a handler that returns
// a structured body. Results and errors are built here only, so every tool answers the same way.
import type { ServerNotification, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { VpcClient } from '../cloud/vpc-client.js';
import { AppError, type ErrorBody } from '../errors/app-error.js';
import { internalError } from '../errors/factories.js';
import type { Logger } from '../log.js';
import type { AuditLog } from '../audit.js';
import type { InFlightChanges } from '../lifecycle/in-flight.js';

export type ToolKind = 'readOnly' | 'destructive';

export interface ToolContext {
  config: Config;
  /** Absent when no credentials are configured: live checks are skipped, writes refused. */
  cloud?: VpcClient;
  logger: Logger;
  audit: AuditLog;
  /** Changes that may be reaching the API: shutdown waits for them (lifecycle/in-flight.ts). */
  inFlight: InFlightChanges;
  now: () => number;
  client: { name?: string; version?: string };
  /** Who is calling, over HTTP (the authenticated principal); absent on stdio. */
  principal?: string;
  signal: AbortSignal;
  /** Sends an MCP progress notification (progress counts up per call) when the client asked for progress. */
  progress: (message: string) => Promise<void>;
  /** Asks the human through the client, when the client can; see confirm/ask-human.ts. */
  askHuman: (message: string) => Promise<'accept' | 'decline' | 'cancel' | 'unsupported'>;
  sendNotification?: (notification: ServerNotification) => Promise<void>;
  /** How often create polls while the gateway applies a change. */
  pollIntervalMs: number;
}

/** A structured tool body: the contract's result or error JSON. Always has a summary. */
export type ToolBody = { summary: string } & Record<string, unknown>;

export interface ToolOutcome {
  body: ToolBody;
  isError: boolean;
}

export interface ToolDefinition<Input extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  inputSchema: Input;
  outputSchema: z.ZodObject;
  /** A destructive tool's outcome field in its errors (default routeCreated). */
  outcomeField?: 'routeCreated' | 'routeDeleted';
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

export function success(body: ToolBody): ToolOutcome {
  return { body, isError: false };
}

export const NOTHING_CREATED = 'No route was created.';
export const NOTHING_DELETED = 'No route was deleted.';

export interface FailureOptions {
  /** createVpnPbrRoute's outcome. */
  routeCreated?: boolean | 'unknown';
  /** deleteVpnPbrRoute's outcome. */
  routeDeleted?: boolean | 'unknown';
}

const OUTCOME_SENTENCES = {
  routeCreated: { false: NOTHING_CREATED, unknown: 'The route may or may not have been created: do not create it again before learning the outcome (listVpnPbrRoutes shows the routes).' },
  routeDeleted: { false: NOTHING_DELETED, unknown: 'The route may or may not have been deleted: do not delete it again before learning the outcome (listVpnPbrRoutes shows the routes).' },
} as const;

/** The contract's error body; the summary ends with "No route was created." (or deleted) whenever none was. */
export function failure(error: ErrorBody, options: FailureOptions = {}): ToolOutcome {
  const parts = [error.message.trim()];
  if (error.hint) parts.push(`Next: ${error.hint.replace(/\.$/, '')}.`);
  const body: Record<string, unknown> = {};
  for (const field of ['routeCreated', 'routeDeleted'] as const) {
    const outcome = options[field];
    if (outcome === undefined) continue;
    if (outcome === false) parts.push(OUTCOME_SENTENCES[field].false);
    if (outcome === 'unknown') parts.push(OUTCOME_SENTENCES[field].unknown);
    body[field] = outcome;
  }
  return { body: { error, ...body, summary: parts.join(' ') }, isError: true };
}

/** Anything thrown that is not an AppError is a bug: report it without its message (it may hold secrets). */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return internalError();
}
