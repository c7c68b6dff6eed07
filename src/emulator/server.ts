// startEmulator: the HTTP front end that authenticates, applies faults and dispatches to the actions.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostInUrl } from '../util.js';
import { ACTIONS } from './actions/index.js';
import { ApiError } from './api-error.js';
import { authenticate } from './auth.js';
import { FaultQueue, foreignRoute } from './faults.js';
import { collectParams, readBody, sendError, sendJson, sendProxyPage } from './http-io.js';
import { normaliseSeed } from './seed.js';
import { EmulatorState } from './state.js';
import type { EmulatorOptions, RecordedRequest, RunningEmulator } from './types.js';

// Longer than Node's 5 s default so a client's pooled socket is rarely closed under it between calls.
const KEEP_ALIVE_TIMEOUT_MS = 15_000;

/** Resolves true after ms, or false as soon as one of the signals aborts. */
function wait(ms: number, ...signals: AbortSignal[]): Promise<boolean> {
  if (signals.some((s) => s.aborted)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (elapsed: boolean) => {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', onAbort);
      resolve(elapsed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
  });
}

function checkOptions(options: EmulatorOptions): void {
  const { port, latencyMs } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) throw new RangeError(`latencyMs must be 0 or more, got ${latencyMs}`);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const state = new EmulatorState(normaliseSeed(options.seed ?? {}), options.now ?? Date.now);
  if (options.snapshot !== undefined) state.restore(options.snapshot);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  const latencyMs = options.latencyMs ?? 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID().toUpperCase();
    // Set when the client goes away before its answer: a hanging request then stops without processing.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    // The API's clock, as its front end tells it: the same clock as the CreateTime in its answers.
    res.setHeader('date', new Date(state.now()).toUTCString());

    const method = req.method;
    if (method !== 'GET' && method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return sendError(res, requestId, new ApiError('UnsupportedHTTPMethod', `HTTP method ${method} is not supported; use GET or POST.`));
    }
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const body = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    if (body === undefined) return sendError(res, requestId, new ApiError('RequestBodyTooLarge', 'The request body is larger than 1 MB.'));
    if (latencyMs > 0 && !(await wait(latencyMs, closing.signal, gone.signal))) return;
    if (url.pathname !== '/') return sendError(res, requestId, new ApiError('InvalidAction.NotFound', `Path ${url.pathname} is not served; RPC calls go to /.`));
    const contentType = req.headers['content-type'] ?? '';
    if (body.length > 0 && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
      return sendError(res, requestId, new ApiError('UnsupportedMediaType', 'A POST body must be application/x-www-form-urlencoded.'));
    }

    let action: string;
    let params: Record<string, string>;
    let accessKeyId: string;
    let signature: 'v1' | 'v3';
    try {
      params = collectParams(url.searchParams, body.toString('utf8'));
      ({ accessKeyId, action, signature } = authenticate({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headersDistinct,
        body,
        params,
        credentials: state.credentials,
        nonces: state.nonces,
        now: state.now(),
      }));
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, requestId, error);
      throw error;
    }
    const { Signature: _signature, ...recorded } = params;
    requests.push({ action, params: recorded, accessKeyId, at: state.now(), method, signature });

    const fault = faults.take(action);
    if (fault?.kind === 'error') return sendError(res, requestId, new ApiError(fault.code, fault.message, fault.httpStatus));
    if (fault?.kind === 'non-json') return sendProxyPage(res, fault.status);
    if (fault?.kind === 'hang' && !(await wait(fault.ms, closing.signal, gone.signal))) return;
    if (fault?.kind === 'lose-request') {
      if (fault.insertRoute) state.addRoute(foreignRoute(fault.insertRoute, state.now()));
      return; // never answered: the client's timeout or close() ends the socket
    }
    // Committed whether or not the client is still waiting.
    if (fault?.kind === 'late-commit' && !(await wait(fault.ms, closing.signal))) return;

    const handler = ACTIONS.get(action);
    const changesBefore = state.changes;
    let answer: Record<string, unknown> | ApiError;
    try {
      if (handler === undefined) throw new ApiError('InvalidAction.NotFound');
      answer = handler({ action, params, accessKeyId, state });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer = error;
    }

    if (state.changes !== changesBefore) options.onChange?.(state.snapshot());

    if (fault?.kind === 'lose-answer') {
      // The work is committed; only the answer is lost.
      if (fault.after === 'non-json') return sendProxyPage(res, 502);
      if (fault.after === 'destroy') {
        req.socket.destroy();
        return;
      }
      return; // hang: never answer; the client's timeout or close() ends the socket
    }
    if (gone.signal.aborted) return;
    if (answer instanceof ApiError) return sendError(res, requestId, answer);
    return sendJson(res, requestId, answer);
  }

  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug or a broken connection must not crash the emulator: answer InternalError if still possible.
      const message = error instanceof Error ? error.message : String(error);
      sendError(res, randomUUID().toUpperCase(), new ApiError('InternalError', `Emulator internal error: ${message}`, 500));
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = hostInUrl(host);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };

  const knownGateway = (id: string) => {
    const gateway = state.gateway(id);
    if (gateway === undefined) throw new Error(`the emulator has no gateway ${id}`);
    return gateway;
  };

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close,
    faults,
    requests,
    routes: (id) => state.routesOf(knownGateway(id).id).map((r) => ({ ...r })),
    gatewayStatus: (id) => state.status(knownGateway(id)),
    snapshot: () => state.snapshot(),
    reset: () => {
      state.reset();
      faults.clear();
      requests.length = 0;
    },
  };
}
