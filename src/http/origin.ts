// A browser always sends Origin on a cross-site request; only listed origins may drive the server
// (none by default). Clients that are not browsers send no Origin and pass. The server's own origin
// passes too: it serves no page, so no script can run there (with DNS rebinding the Host differs).
import type { RequestHandler } from 'express';
import { sendJsonRpcError } from './json-rpc-error.js';

export function checkOrigin(allowed: readonly string[] = []): RequestHandler {
  const origins = new Set(allowed.map((o) => o.replace(/\/+$/, '')));
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined || origins.has(origin) || origin === `${req.protocol}://${req.headers.host}`) return next();
    sendJsonRpcError(res, 403, -32000, 'Origin not allowed (VPN_PBR_MCP_HTTP_ALLOWED_ORIGINS)');
  };
}
