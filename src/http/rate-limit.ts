// At most N requests per principal per minute (express-rate-limit, in memory per replica); more get 429.
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendJsonRpcError } from './json-rpc-error.js';

export function limitPerPrincipal(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Runs after authentication, so every request has a principal.
    keyGenerator: (req: Request) => String((req as Request & { auth?: AuthInfo }).auth?.extra?.principal ?? ''),
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, res) => sendJsonRpcError(res, 429, -32000, `Rate limit: at most ${perMinute} requests per minute per caller; retry later`),
  });
}
