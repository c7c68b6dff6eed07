// The HTTP front: /healthz, OAuth metadata, and /mcp, stateless Streamable HTTP (no session: any replica can
// answer any request) for MCP 2026-07-28 and 2025 clients. A POST to /mcp goes through one middleware chain:
// guard (open-request count, Origin, authentication) → body parse → batch refusal → call limits → the SDK's handler,
// which builds a fresh Server (createServer) per request. The handler is made once per app and closed at shutdown.
import { hostHeaderValidation } from '@modelcontextprotocol/express';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from '../log.js';
import { createServer, type ServerDeps } from '../server.js';
import { BATCH_REFUSAL_PREFIX } from '../util.js';
import type { HttpAuth } from './auth.js';
import type { OpenRequests } from './open-requests.js';
import { sendJsonRpcError } from './json-rpc-error.js';
import { checkOrigin } from './origin.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  deps: ServerDeps & { logger: Logger };
  auth: HttpAuth;
  /** The MCP requests being answered (for shutdown). */
  requests: OpenRequests;
  /** Hostnames a Host header may name; undefined = any (the server is not on loopback and needs auth). */
  allowedHosts?: string[];
  allowedOrigins?: string[];
  /** Issue 16: the rate limit in tool calls and the concurrent-call bounds (http/call-limits.ts), after the body is read. */
  callLimits: RequestHandler;
  /** Issue 16: GET /metrics behind the same authentication as /mcp; absent when metrics have their own port. */
  metrics?: RequestHandler;
  /** True once shutdown began: new requests are refused with 503. */
  closing: () => boolean;
}

const BATCH_REFUSAL = `${BATCH_REFUSAL_PREFIX} POST`;

// Batches left MCP in 2025-06-18; refused on every protocol revision, before any of their messages is served.
const refuseBatches: RequestHandler = (req, res, next) => {
  if (Array.isArray(req.body)) return sendJsonRpcError(res, 400, -32600, BATCH_REFUSAL);
  next();
};

const answerMcp = (handler: McpHttpHandler, logger: Logger): RequestHandler => {
  // Never an error's message in the log: it may carry request content.
  const node = toNodeHandler(handler, { onerror: (error) => logger.error('answering an MCP request failed', { kind: error.name }) });
  return (req, res) => void node(req, res, req.body);
};

// Body-parser errors (too large, not JSON) as JSON-RPC errors; never the parser's own message.
const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error.type === 'entity.too.large') return sendJsonRpcError(res, 413, -32600, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  if (error.status !== undefined && error.status < 500) return sendJsonRpcError(res, 400, -32700, 'Parse error: the body is not valid JSON');
  sendJsonRpcError(res, 500, -32603, 'Internal server error');
};

export interface HttpApp {
  app: Express;
  /** After the drain: ends the MCP exchanges still open. */
  close(): Promise<void>;
}

export function createHttpApp(options: HttpAppOptions): HttpApp {
  const { deps } = options;
  const handler = createMcpHandler(() => createServer(deps), {
    // Requests the SDK refuses (version, headers) are answered by it; the log says which kind, not what was sent.
    onerror: (error) => deps.logger.debug('MCP request refused or failed', { kind: error.name }),
  });
  const app = express();
  app.disable('x-powered-by');
  // DNS rebinding: on loopback, a page on another name resolving to 127.0.0.1 must not reach us.
  if (options.allowedHosts) app.use(hostHeaderValidation(options.allowedHosts));
  app.use((_req, res, next) => {
    if (!options.closing()) return next();
    res.set({ Connection: 'close', 'Retry-After': '1' });
    sendJsonRpcError(res, 503, -32000, 'The server is shutting down; retry on another replica');
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const { protectedResource } = options.auth;
  if (protectedResource) {
    app.get(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'], (req, res) => {
      res.json(protectedResource(req));
    });
  }

  const guard = [options.requests.track, checkOrigin(options.allowedOrigins), options.auth.middleware];
  app.post('/mcp', ...guard, express.json({ limit: MAX_BODY_BYTES }), refuseBatches, options.callLimits, answerMcp(handler, deps.logger));
  if (options.metrics) app.get('/metrics', ...guard, options.metrics);
  // Stateless: no server-initiated stream and no session to end.
  app.all('/mcp', ...guard, (_req, res) => {
    res.set('Allow', 'POST');
    sendJsonRpcError(res, 405, -32000, 'Method not allowed: this server is stateless, send every message with POST');
  });
  app.use(bodyErrors);
  return { app, close: () => handler.close() };
}
