// createServer(deps): the MCP server with its tools. No I/O here, so tests build it in-process.
// The low-level Server is used (not McpServer) so that bad arguments come back as the contract's
// structured error body instead of the SDK's plain-text validation message (the SDK validates neither
// arguments nor structured results against the schemas). The serving entries (src/stdio.ts, src/http/app.ts)
// call createServer per connection (stdio) or per request (HTTP), for MCP 2026-07-28 and 2025 clients alike.
import {
  type AuthInfo,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  type CallToolResult,
  type ClientCapabilities,
  type Implementation,
  type InputRequiredResult,
  PROTOCOL_VERSION_META_KEY,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  Server,
  type ServerContext,
  TRACEPARENT_META_KEY,
  type Tool,
  inputRequired,
  inputResponse,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { type AuditLog, noAuditLog } from './audit/entry.js';
import type { ToolContext } from './call-context.js';
import type { VpcClient } from './cloud/vpc-client.js';
import { callDeadline } from './change/budget.js';
import type { Config } from './config.js';
import { flatFormValidator } from './confirm/ask-human.js';
import { CONFIRM_INPUT_KEY, type CarriedAnswer, canElicitForm, createHumanGate } from './confirm/human-gate.js';
import { signingKey } from './confirm/token.js';
import { cancelled, readOnlyMode } from './errors/factories.js';
import { createInFlightChanges, type InFlightChanges } from './lifecycle/in-flight.js';
import { type Admission, requestSlotsOf, serverBusy } from './lifecycle/admission.js';
import { type Logger, silentLogger } from './log.js';
import { CHANGE_KINDS, OUTCOME_FIELDS } from './domain/change-kinds.js';
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
  'This server creates, changes and removes Alibaba Cloud VPN Gateway policy-based routes safely. Workflow:',
  '0) listVpnGateways finds the region\'s gateways; describeVpnGateway shows one gateway and its IPsec connections, the valid next hops;',
  '1) validateRoute to see every problem at once (changes nothing);',
  '2) createVpnPbrRoute without confirmationToken: validation plus an API dry run, returns a confirmationToken;',
  '3) show the human the route and get their approval;',
  '4) createVpnPbrRoute again with the same arguments and the confirmationToken.',
  'Where the client shows the dry run as an approval card (MCP Apps), the human may approve it there instead: then do not confirm it again (an ApprovalRequired error means only the card may confirm).',
  'To roll a route back: deleteVpnPbrRoute with a create result\'s undo arguments, the same two calls (preview, human approval, confirm with the token).',
  'To change a listed route\'s weight, priority or publishing: modifyVpnPbrRoute (the same two calls). To swap an active/standby pair, move a route to another tunnel or make several changes at once: applyRouteChanges, one plan approved once (it inserts the steps the API requires and rolls back on failure).',
  'listVpnPbrRoutes shows a gateway\'s routes (filters, limit, nextCursor) and status.',
  `Every error has error.code, error.hint and, for changes, the change's outcome field (${OUTCOME_FIELDS.join(', ')}): true, false or "unknown".`,
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
    {
      capabilities: { tools: {}, resources: {} },
      instructions: INSTRUCTIONS,
      // Also keeps the SDK from building its default (Ajv) validator, which the bundle leaves out (scripts/build.mjs).
      jsonSchemaValidator: flatFormValidator,
      // MCP 2026-07-28 only (2025 answers carry no cache fields): the listing is fixed for the life of the process.
      cacheHints: {
        'tools/list': { ttlMs: 300_000, cacheScope: 'public' },
        'resources/list': { ttlMs: 300_000, cacheScope: 'public' },
        'server/discover': { ttlMs: 300_000, cacheScope: 'public' },
      },
    },
  );

  const argumentsOf = keepDroppedArgumentKeys(server);

  server.setRequestHandler('tools/list', async () => ({ tools: listed }));

  // MCP Apps: the approval card that createVpnPbrRoute's result links to (hosts without MCP Apps ignore it).
  server.setRequestHandler('resources/list', async () => ({ resources: [ROUTE_CHANGE_CARD] }));
  server.setRequestHandler('resources/read', async (request) => {
    if (request.params.uri !== ROUTE_CHANGE_CARD_URI) throw new ResourceNotFoundError(request.params.uri);
    return readRouteChangeCard();
  });

  server.setRequestHandler('tools/call', async (request, extra): Promise<CallToolResult | InputRequiredResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) {
      const hidden = ALL_TOOLS.find((t) => t.name === request.params.name);
      // A client that cached the full tool list still gets an answer it can act on.
      if (hidden) return toCallToolResult(readOnlyRefusal(hidden), config.sandbox);
      const known = tools.map((t) => t.name).join(', ');
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool ${request.params.name}; this server has ${known}`);
    }
    // Issue 16: over the bound, answered at once; nothing is started (and nothing of the call is set up).
    const admitted = deps.admission?.enter(STDIO_CONNECTION);
    if (admitted?.refused) return toCallToolResult(failure(serverBusy(admitted, 'connection').body, notChanged(tool)), config.sandbox);
    // Over HTTP the request's slots (http/call-limits.ts) are this handler's until its work is done.
    const slots = requestSlotsOf(extra.http?.authInfo?.extra);
    if (slots && !slots.claim()) {
      admitted?.leave();
      return toCallToolResult(failure(cancelled(tool.name).body, notChanged(tool)), config.sandbox);
    }
    // From here on the slots are given back however the call ends, even if setting it up throws.
    try {
      const client = clientOf(server, extra);
      const progressToken = extra.mcpReq._meta?.progressToken;
      let progress = 0;
      const principal = principalOf(extra.http?.authInfo);
      const gate = createHumanGate(
        {
          tool: tool.name,
          arguments: request.params.arguments,
          principal,
          state: extra.mcpReq.requestState(),
          answer: carriedAnswer(extra.mcpReq.inputResponses),
          canAsk: canElicitForm(client.capabilities),
        },
        { secret: signingKey(config.confirmSecret), now, ttlSeconds: config.confirmTtlSeconds },
      );
      // Shutdown ends waits early too, so that in-flight changes reach their outcome within the grace period.
      // Over HTTP the client going away ends the call too: on 2025 stateless HTTP the SDK does not cancel it then.
      const gone = extra.http?.req?.signal;
      const signal = AbortSignal.any(gone ? [extra.mcpReq.signal, inFlight.shutdownSignal, gone] : [extra.mcpReq.signal, inFlight.shutdownSignal]);
      const ctx: ToolContext = {
        config,
        // Every API call of this tool call stops at its budget and when it is cancelled (a change restarts the budget after the human's answer).
        cloud: deps.cloud?.withOptions({ signal, deadline: callDeadline(config, now) }),
        logger,
        audit,
        inFlight,
        now,
        client: clientNamed(client, extra),
        traceparent: traceparentOf(extra),
        principal,
        signal,
        pollIntervalMs: deps.pollIntervalMs ?? 500,
        progress: async (message) => {
          if (progressToken === undefined) return;
          progress += 1;
          await extra.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress, message } }).catch(() => {});
        },
        askHuman: (message, facts) => gate.ask(message, facts),
        clientRendersApps: clientRendersApps(client.capabilities),
      };
      const started = performance.now();
      let outcome: ToolOutcome;
      try {
        outcome = await tool.handler(argumentsOf(extra.mcpReq.id, request.params.arguments), ctx);
      } catch (error) {
        const appError = asAppError(error);
        if (appError.code === 'InternalError') logger.error('tool failed unexpectedly', { tool: tool.name, kind: errorKind(error) });
        outcome = failure(appError.body, notChanged(tool));
      }
      const round = gate.round;
      // Issue 16 (metrics): the tool, its outcome (an input_required round is one of its own), the time taken.
      deps.onToolCall?.({ tool: tool.name, outcome: round && !outcome.isError ? 'input_required' : outcomeCode(outcome), seconds: (performance.now() - started) / 1000 });
      if (round && !outcome.isError) {
        // MCP 2026: the client shows the form and calls again with the answer; on a 2025 session the SDK's shim
        // sends it as elicitation/create and calls this handler again itself.
        return inputRequired({
          inputRequests: { [CONFIRM_INPUT_KEY]: inputRequired.elicit({ message: round.message, requestedSchema: round.requestedSchema }) },
          requestState: round.requestState,
        });
      }
      return toCallToolResult(outcome, config.sandbox);
    } finally {
      admitted?.leave();
      slots?.handlerDone();
    }
  });

  return server;
}

function readOnlyRefusal(tool: ToolDefinition): ToolOutcome {
  return failure(readOnlyMode(tool.name).body, notChanged(tool));
}

/** What this request says about its client: MCP 2026 carries it in every request's `_meta`; 2025 in initialize. */
interface ClientOf {
  clientInfo: Implementation | undefined;
  /** undefined = unknown (2025 stateless HTTP: this instance never saw initialize), not "declares nothing". */
  capabilities: ClientCapabilities | undefined;
}

function clientOf(server: Server, ctx: ServerContext): ClientOf {
  // The envelope's published type is `{}`: read it as a record.
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  if (typeof envelope?.[PROTOCOL_VERSION_META_KEY] === 'string') {
    return {
      clientInfo: envelope[CLIENT_INFO_META_KEY] as Implementation | undefined,
      capabilities: (envelope[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ?? {},
    };
  }
  return { clientInfo: server.getClientVersion(), capabilities: server.getClientCapabilities() };
}

/** The answer a retried request carries for the confirmation form, as plain data. */
function carriedAnswer(responses: Record<string, unknown> | undefined): CarriedAnswer {
  const view = inputResponse(responses, CONFIRM_INPUT_KEY);
  if (view.kind === 'missing') return { kind: 'missing' };
  if (view.kind !== 'elicit') return { kind: 'other' };
  return { kind: 'elicit', action: view.action, ...(view.content ? { content: view.content } : {}) };
}

// Free text from the client, cut and without control characters before it reaches an audit line.
const clip = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : text.replace(/[^ -~\u00a0-\uffff]/g, ' ').slice(0, 200) || undefined;

/** For the audit line: the client's own name and version, or (2025 over HTTP, which carries none) its User-Agent. */
function clientNamed(client: ClientOf, ctx: ServerContext): ToolContext['client'] {
  if (client.clientInfo) return { name: clip(client.clientInfo.name), version: clip(client.clientInfo.version) };
  const userAgent = clip(ctx.http?.req?.headers.get('user-agent') ?? undefined);
  return userAgent === undefined ? {} : { userAgent };
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The W3C traceparent the request carries (`_meta.traceparent`, else over HTTP the header), when well formed. */
function traceparentOf(ctx: ServerContext): string | undefined {
  const candidates = [ctx.mcpReq._meta?.[TRACEPARENT_META_KEY], ctx.http?.req?.headers.get('traceparent')];
  for (const value of candidates) {
    if (typeof value === 'string' && TRACEPARENT.test(value.trim()) && !/^ff-|-0{32}-|-0{16}-/.test(value.trim())) return value.trim();
  }
  return undefined;
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
