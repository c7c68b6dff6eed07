// HTTP-level refusals in the shape MCP clients expect (a JSON-RPC error without an id).
import type { Response } from 'express';

export function sendJsonRpcError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}
