// createServer(deps): the MCP server with its tools. No I/O here, so tests build it in-process.
// The low-level Server is used (not McpServer) so that bad arguments come back as the contract's
// structured error body instead of the SDK's plain-text validation message.
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type AuditLog, noAuditLog } from './audit/entry.js';
import type { ToolContext } from './call-context.js';
import type { VpcClient } from './cloud/vpc-client.js';
import { callDeadline } from './change/budget.js';
import type { Config } from './config.js';
import { askHuman, flatFormValidator } from './confirm/ask-human.js';
import { readOnlyMode } from './errors/factories.js';
import { createInFlightChanges, type InFlightChanges } from './lifecycle/in-flight.js';
import { type Admission, serverBusy } from './lifecycle/admission.js';
import { type Logger, silentLogger } from './log.js';
import { CHANGE_KINDS } from './domain/change-kinds.js';
import { asAppError, type ChangeOutcomes, failure, type ToolOutcome } from './results.js';
import { annotationsFor, type ToolDefinition } from './tools/define.js';
import { ALL_TOOLS, toolsFor } from './tools/index.js';
import { resultText } from './tools/result-text.js';
import { clientRendersApps, ROUTE_CHANGE_CARD, ROUTE_CHANGE_CARD_URI, readRouteChangeCard } from './ui/app-resource.js';
import { keepDroppedArgumentKeys } from './raw-arguments.js';
import { PACKAGE_NAME, VERSION } from './version.js';

export interface ServerDeps {
  config: Config;
  cloud?: VpcClient;
  logger?: Logger;
  audit?: AuditLog;
  /** Shared with the shutdown path, which drains it; one per server when omitted. */
  inFlight?: InFlightChanges;
  now?: () => number;
  pollIntervalMs?: number;
  /** Issue 16: bounds the calls running at once on this connection and in the process (stdio; HTTP bounds them per caller, http/call-limits.ts). */
  admission?: Admission;
  /** Issue 16: told once per answered tool call (HTTP mode's metrics): the tool, `ok` or the error code, seconds taken. */
  onToolCall?: (call: { tool: string; outcome: string; seconds: number }) => void;
}

export const INSTRUCTIONS = [
  'This server creates and removes Alibaba Cloud VPN Gateway policy-based routes safely. Workflow:',
  '0) listVpnGateways finds the region\'s gateways; describeVpnGateway shows one gateway and its IPsec connections, the valid next hops;',
  '1) validateRoute to see every problem at once (changes nothing);',
  '2) createVpnPbrRoute without confirmationToken: validation plus an API dry run, returns a confirmationToken;',
  '3) show the human the route and get their approval;',
  '4) createVpnPbrRoute again with the same arguments and the confirmationToken.',
  'Where the client shows the dry run as an approval card (MCP Apps), the human may approve it there instead: then do not confirm it again (an ApprovalRequired error means only the card may confirm).',
  'To roll a route back: deleteVpnPbrRoute with a create result\'s undo arguments, the same two calls (preview, human approval, confirm with the token).',
  'listVpnPbrRoutes shows a gateway\'s routes (filters, limit, nextCursor) and status. Every error has error.code, error.hint and, for changes, routeCreated or routeDeleted.',
].join(' ');

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest as Tool['inputSchema'];
}

export function describeTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchemaOf(tool.inputSchema, 'input'),
    outputSchema: jsonSchemaOf(tool.outputSchema, 'output') as Tool['outputSchema'],
    annotations: annotationsFor(tool.kind, tool.title),
    ...(tool.meta ? { _meta: tool.meta } : {}),
  };
}

/** The same JSON as structured content and as text (compact, see tools/result-text.ts): some clients read only one. */
export function toCallToolResult(outcome: ToolOutcome, sandbox: boolean): CallToolResult {
  const body = sandbox ? { ...outcome.body, sandbox: true } : outcome.body;
  return {
    content: [{ type: 'text', text: resultText(body) }],
    structuredContent: body,
    isError: outcome.isError,
    ...(outcome.meta ? { _meta: outcome.meta } : {}),
  };
}

// The bundle build (scripts/build.mjs) defines this as describeTool's output for every tool, so that
// start-up skips turning schemas into JSON Schema. Unbundled (tests, tsx), it is computed here.
declare const __TOOL_LISTING__: readonly Tool[] | undefined;
const PRECOMPUTED_LISTING = typeof __TOOL_LISTING__ === 'undefined' ? undefined : __TOOL_LISTING__;

/** Issue 16: stdio serves one connection per process, so every MCP instance of it counts against one key. */
const STDIO_CONNECTION = 'stdio connection';

export function createServer(deps: ServerDeps): Server {
  const { config } = deps;
  const logger = deps.logger ?? silentLogger;
  const audit = deps.audit ?? noAuditLog;
  const now = deps.now ?? Date.now;
  const inFlight = deps.inFlight ?? createInFlightChanges();
  const tools = toolsFor(config);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const listed = tools.map((tool) => PRECOMPUTED_LISTING?.find((t) => t.name === tool.name) ?? describeTool(tool));

  const server = new Server(
    { name: PACKAGE_NAME, version: VERSION },
    { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS, jsonSchemaValidator: flatFormValidator },
  );

  const argumentsOf = keepDroppedArgumentKeys(server);

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));

  // MCP Apps: the approval card that createVpnPbrRoute's result links to (hosts without MCP Apps ignore it).
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: [ROUTE_CHANGE_CARD] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    if (request.params.uri !== ROUTE_CHANGE_CARD_URI) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown resource ${request.params.uri}; this server has ${ROUTE_CHANGE_CARD_URI}`);
    }
    return readRouteChangeCard();
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    if (!tool) {
      const hidden = ALL_TOOLS.find((t) => t.name === request.params.name);
      // A client that cached the full tool list still gets an answer it can act on.
      if (hidden) return toCallToolResult(readOnlyRefusal(hidden), config.sandbox);
      const known = tools.map((t) => t.name).join(', ');
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${request.params.name}; this server has ${known}`);
    }
    const progressToken = request.params._meta?.progressToken;
    let progress = 0;
    const clientInfo = server.getClientVersion();
    // Shutdown ends waits early too, so that in-flight changes reach their outcome within the grace period.
    const signal = AbortSignal.any([extra.signal, inFlight.shutdownSignal]);
    const ctx: ToolContext = {
      config,
      // Every API call of this tool call stops at its budget and when it is cancelled (a change restarts the budget after the human's answer).
      cloud: deps.cloud?.withOptions({ signal, deadline: callDeadline(config, now) }),
      logger,
      audit,
      inFlight,
      now,
      client: { name: clientInfo?.name, version: clientInfo?.version },
      principal: principalOf(extra.authInfo),
      signal,
      pollIntervalMs: deps.pollIntervalMs ?? 500,
      progress: async (message) => {
        if (progressToken === undefined) return;
        progress += 1;
        await extra
          .sendNotification({ method: 'notifications/progress', params: { progressToken, progress, message } })
          .catch(() => {});
      },
      askHuman: (message) => askHuman(server, message, extra.signal, tool.name),
      clientRendersApps: clientRendersApps(server.getClientCapabilities()),
    };
    // Issue 16: over the bound, answered at once; nothing is started.
    const admitted = deps.admission?.enter(STDIO_CONNECTION);
    if (admitted?.refused) return toCallToolResult(failure(serverBusy(admitted, 'connection').body, notChanged(tool)), config.sandbox);
    const started = performance.now();
    let outcome: ToolOutcome;
    try {
      outcome = await tool.handler(argumentsOf(extra.requestId, request.params.arguments), ctx);
    } catch (error) {
      const appError = asAppError(error);
      if (appError.code === 'InternalError') logger.error('tool failed unexpectedly', { tool: tool.name, kind: errorKind(error) });
      outcome = failure(appError.body, notChanged(tool));
    } finally {
      admitted?.leave();
    }
    deps.onToolCall?.({ tool: tool.name, outcome: outcomeCode(outcome), seconds: (performance.now() - started) / 1000 });
    return toCallToolResult(outcome, config.sandbox);
  });

  return server;
}

function readOnlyRefusal(tool: ToolDefinition): ToolOutcome {
  return failure(readOnlyMode(tool.name).body, notChanged(tool));
}

/** The caller's principal, which the HTTP layer (src/http/auth.ts) puts into the request's AuthInfo. */
function principalOf(authInfo: AuthInfo | undefined): string | undefined {
  const principal = authInfo?.extra?.principal;
  return typeof principal === 'string' ? principal : undefined;
}

/** For the log: the class of an unexpected error, never its message (it may hold a signed URL). */
function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** `ok`, or the error code of an error result (a label for metrics). */
function outcomeCode(outcome: ToolOutcome): string {
  const code = (outcome.body.error as { code?: unknown } | undefined)?.code;
  return outcome.isError ? (typeof code === 'string' ? code : 'Error') : 'ok';
}

/** A change tool's errors say that nothing was changed, in its own outcome field. */
function notChanged(tool: ToolDefinition): ChangeOutcomes {
  return tool.change ? { [CHANGE_KINDS[tool.change].outcomeField]: false } : {};
}
