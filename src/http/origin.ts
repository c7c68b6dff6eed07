// A browser always sends Origin on a cross-site request; only listed origins may drive the server
// (none by default), and they get the CORS answers a browser needs. Clients that are not browsers
// send no Origin and pass. The server's own origin passes too: it serves no page, so no script runs
// there (with DNS rebinding the Host differs, and the Host check refuses it).
import type { RequestHandler } from 'express';
import { sendJsonRpcError } from './json-rpc-error.js';

// Mcp-Method and Mcp-Name are required on MCP 2026-07-28 requests; traceparent/tracestate carry the caller's trace.
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Session-Id, Last-Event-ID, traceparent, tracestate';
const EXPOSED_HEADERS = 'WWW-Authenticate, Mcp-Session-Id, Mcp-Protocol-Version, Retry-After';

export function checkOrigin(allowed: readonly string[] = []): RequestHandler {
  const origins = new Set(allowed.map((o) => o.replace(/\/+$/, '')));
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined || origin === `${req.protocol}://${req.headers.host}`) return next();
    if (!origins.has(origin)) return sendJsonRpcError(res, 403, -32000, 'Origin not allowed (VPN_PBR_MCP_HTTP_ALLOWED_ORIGINS)');
    res.vary('Origin');
    res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS });
    if (req.method !== 'OPTIONS') return next();
    // The preflight carries no credentials: it is answered before authentication.
    res.set({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': ALLOWED_HEADERS, 'Access-Control-Max-Age': '600' });
    res.status(204).end();
  };
}
