// Serving MCP over stdio with the SDK's serveStdio: MCP 2026-07-28 and 2025 clients from one factory. Two things
// are ours, both for answers:
//  - stdin reaches the SDK through a stream that we end, not process.stdin: the SDK's transport closes itself on
//    stdin EOF and aborts every call in flight, which would lose the answers the shutdown drain still delivers;
//    and the transport counts the requests it has not answered yet, so that shutdown waits for them to be written.
//  - a JSON-RPC batch (a line that is a JSON array; batches left MCP in 2025-06-18) gets an error line, id null,
//    where the SDK would drop it without a word.
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import {
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type McpServerFactory,
  type Transport,
  type TransportSendOptions,
} from '@modelcontextprotocol/server';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { BATCH_REFUSAL_PREFIX } from './util.js';

const BATCH_REFUSAL = `${BATCH_REFUSAL_PREFIX} line`;

/** A transport that passes everything through and knows which requests are still unanswered. */
class AnswerTracking implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private readonly open = new Set<string | number>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly inner: Transport,
    private readonly onInnerClose: () => void,
  ) {}

  async start(): Promise<void> {
    this.inner.onmessage = (message, extra) => {
      if (isJSONRPCRequest(message)) this.open.add(message.id);
      this.onmessage?.(message, extra);
    };
    this.inner.onclose = () => {
      this.onclose?.();
      this.onInnerClose();
    };
    this.inner.onerror = (error) => this.onerror?.(error);
    await this.inner.start();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    await this.inner.send(message, options);
    if ((isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) && message.id !== undefined && message.id !== null) {
      this.open.delete(message.id);
      if (this.open.size === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Resolves once every request received so far is answered on stdout, or after `ms`. */
  whenAnswered(ms: number): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, ms).unref();
    });
  }
}

/**
 * Passes stdin's lines through, except a line whose first non-blank character is `[` (a batch): that line is
 * dropped and `onBatch` answers it. Streams: a long line is never held in memory here (the SDK caps line length).
 */
function batchRefusingFilter(onBatch: () => void): Transform {
  // 'start': at the beginning of a line, before its first non-blank byte; 'pass' / 'drop': in the rest of it.
  let state: 'start' | 'pass' | 'drop' = 'start';
  let blanks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      let from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] as number;
        if (byte === 0x0a) {
          if (state === 'drop') onBatch();
          else if (state === 'pass') this.push(chunk.subarray(from, i + 1));
          else this.push(Buffer.concat([...blanks, chunk.subarray(from, i + 1)]));
          blanks = [];
          state = 'start';
          from = i + 1;
        } else if (state === 'start' && byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
          if (byte === 0x5b) {
            state = 'drop';
          } else {
            this.push(Buffer.concat([...blanks, chunk.subarray(from, i)]));
            blanks = [];
            state = 'pass';
            from = i;
          }
        }
      }
      if (state === 'pass') this.push(chunk.subarray(from));
      else if (state === 'start' && from < chunk.length) blanks.push(chunk.subarray(from));
      done();
    },
  });
}

export interface StdioService {
  /** Resolves once every request received so far has its answer written, or after `ms`. */
  whenAnswered(ms: number): Promise<void>;
  /** Closes the MCP instance and the transport. */
  close(): Promise<void>;
}

export function serveOverStdio(
  factory: McpServerFactory,
  options: { onClosed: () => void; onError: (error: Error) => void },
): StdioService {
  const input = new PassThrough();
  let transport: StdioServerTransport | undefined;
  const refuseBatch = () => {
    const refusal = { jsonrpc: '2.0' as const, id: null, error: { code: -32600, message: BATCH_REFUSAL } };
    transport?.send(refusal as unknown as JSONRPCMessage).catch(() => {});
  };
  // end: false: stdin's EOF reaches our shutdown (process.stdin 'end'), not the SDK's transport.
  process.stdin.pipe(batchRefusingFilter(refuseBatch)).pipe(input, { end: false });
  transport = new StdioServerTransport(input, process.stdout);
  const wire = new AnswerTracking(transport, options.onClosed);
  const handle = serveStdio(factory, { transport: wire, onerror: options.onError });
  return {
    whenAnswered: (ms) => wire.whenAnswered(ms),
    close: () => handle.close(),
  };
}
