// Reading requests and writing answers the way the API's front end does: form bodies in, JSON (or a proxy's HTML) out.
import { type IncomingMessage, STATUS_CODES, type ServerResponse } from 'node:http';
import { ApiError, errorBody } from './api-error.js';

/** Larger bodies are answered with 413; even larger ones are cut off instead of being drained. */
export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

/** The body, or undefined when it was over MAX_BODY_BYTES (drained so the 413 answer can be read). */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.socket.destroy();
        reject(new Error('request body far too large'));
      } else if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

/** Query and form parameters together; a name given twice is refused, since which one was signed is ambiguous. */
export function collectParams(query: URLSearchParams, body: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const source of [query, new URLSearchParams(body)]) {
    for (const [key, value] of source) {
      if (Object.hasOwn(params, key)) throw new ApiError('InvalidParameter', `The parameter "${key}" is given more than once.`);
      // defineProperty, so a parameter named __proto__ stays a plain parameter.
      Object.defineProperty(params, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return params;
}

function write(res: ServerResponse, status: number, contentType: string, text: string, requestId?: string): void {
  if (res.destroyed || res.headersSent) return;
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': body.length,
    ...(requestId === undefined ? {} : { 'x-acs-request-id': requestId }),
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, requestId: string, body: Record<string, unknown>): void {
  write(res, 200, 'application/json;charset=utf-8', JSON.stringify({ RequestId: requestId, ...body }), requestId);
}

export function sendError(res: ServerResponse, requestId: string, error: ApiError): void {
  write(res, error.httpStatus, 'application/json;charset=utf-8', JSON.stringify(errorBody(requestId, error.code, error.message)), requestId);
}

/** What a load balancer in front of the API answers when the backend fails: HTML, not JSON. */
export function sendProxyPage(res: ServerResponse, status = 502): void {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  write(res, status, 'text/html', `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`);
}
