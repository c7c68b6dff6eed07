// The HTTP front: /healthz, OAuth metadata, and /mcp, where every POST gets a fresh Server and a
// stateless Streamable HTTP transport (no session: any replica can answer any request).
import { hostHeaderValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from '../log.js';
import { createServer, type ServerDeps } from '../server.js';
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

const answerMcp = (deps: HttpAppOptions['deps']): RequestHandler => async (req, res) => {
  const server = createServer(deps);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    deps.logger.error('answering an MCP request failed', { kind: error instanceof Error ? error.name : typeof error });
    if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal server error');
  }
};

// Body-parser errors (too large, not JSON) as JSON-RPC errors; never the parser's own message.
const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error.type === 'entity.too.large') return sendJsonRpcError(res, 413, -32600, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  if (error.status !== undefined && error.status < 500) return sendJsonRpcError(res, 400, -32700, 'Parse error: the body is not valid JSON');
  sendJsonRpcError(res, 500, -32603, 'Internal server error');
};

export function createHttpApp(options: HttpAppOptions): Express {
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
  app.post('/mcp', ...guard, express.json({ limit: MAX_BODY_BYTES }), options.callLimits, answerMcp(options.deps));
  if (options.metrics) app.get('/metrics', ...guard, options.metrics);
  // Stateless: no server-initiated stream and no session to end.
  app.all('/mcp', ...guard, (_req, res) => {
    res.set('Allow', 'POST');
    sendJsonRpcError(res, 405, -32000, 'Method not allowed: this server is stateless, send every message with POST');
  });
  app.use(bodyErrors);
  return app;
}
