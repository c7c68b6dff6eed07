// `--http`: the same server over Streamable HTTP. Refuses to start on a non-loopback address without
// authentication. On SIGTERM it stops accepting, drains the changes in flight through the one shutdown
// path (lifecycle/: their outcomes are written), lets their answers reach the clients, then exits.
import { createServer as createNodeServer, type Server as NodeHttpServer } from 'node:http';
import { Server as NetServer } from 'node:net';
import express from 'express';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { createAdmission } from '../lifecycle/admission.js';
import { createInFlightChanges } from '../lifecycle/in-flight.js';
import { createShutdown } from '../lifecycle/shutdown.js';
import { createMetrics } from '../metrics/prometheus.js';
import { prepareRuntime } from '../runtime.js';
import { ALL_TOOLS } from '../tools/index.js';
import { hostInUrl } from '../util.js';
import { VERSION } from '../version.js';
import { createHttpApp } from './app.js';
import { createHttpAuth, hasAuthentication } from './auth.js';
import { limitCalls } from './call-limits.js';
import { createOpenRequests } from './open-requests.js';

// After the changes are drained, their answers are on the way: a few seconds to write them out.
const ANSWER_DRAIN_MS = 5000;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkHttpConfig(config: Config): void {
  const oauth = [config.oauthIssuer, config.oauthAudience, config.oauthJwksUrl];
  if (oauth.some((v) => v !== undefined) && oauth.some((v) => v === undefined)) {
    throw new ConfigError('OAuth needs all three of VPN_PBR_MCP_OAUTH_ISSUER, VPN_PBR_MCP_OAUTH_AUDIENCE and VPN_PBR_MCP_OAUTH_JWKS_URL');
  }
  if (!isLoopback(config.httpHost) && !hasAuthentication(config)) {
    throw new ConfigError(
      `refusing to serve HTTP on ${config.httpHost} without authentication: set VPN_PBR_MCP_HTTP_TOKENS_FILE or the VPN_PBR_MCP_OAUTH_* options, or use a loopback --host`,
    );
  }
}

function listen(server: NodeHttpServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', () => reject(new ConfigError(`cannot listen on ${host}:${port} (in use or not an address of this machine)`)));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function serve(initial: Config, logger: Logger): Promise<void> {
  checkHttpConfig(initial);
  const auth = await createHttpAuth(initial);
  // One registry for every per-request server, so that shutdown sees every change in flight.
  const changes = createInFlightChanges();
  // Issue 16: tool calls running at once, per principal and in total; metrics of all of it.
  const admission = createAdmission({ perKey: initial.maxCallsPerCaller, total: initial.maxCallsTotal });
  const metrics = createMetrics({ toolNames: ALL_TOOLS.map((t) => t.name), changesInFlight: () => changes.size, callsRunning: () => admission.running });
  const { config, cloud, audit, closers } = await prepareRuntime(initial, logger, { onApiCall: metrics.apiCall });
  const requests = createOpenRequests();
  let closing = false;
  const loopback = isLoopback(config.httpHost);
  const { app, close: closeMcp } = createHttpApp({
    deps: { config, cloud, logger, audit, inFlight: changes, onToolCall: metrics.toolCall },
    auth: { ...auth, middleware: metrics.countingAuthRefusals(auth.middleware) },
    requests,
    allowedHosts: loopback ? ['localhost', '127.0.0.1', '[::1]', config.httpHost] : undefined,
    allowedOrigins: config.httpAllowedOrigins,
    callLimits: limitCalls({ ratePerMinute: config.httpRatePerMinute, admission, onRefused: metrics.refusal }),
    metrics: config.metricsPort === undefined ? metrics.serve : undefined,
    closing: () => closing,
  });
  // --metrics-port: the metrics alone on their own listener, without authentication (loopback by default).
  const metricsServer = config.metricsPort === undefined ? undefined : createNodeServer(express().get('/metrics', metrics.serve));
  if (metricsServer) {
    const metricsPort = await listen(metricsServer, config.metricsHost, config.metricsPort ?? 0);
    process.stderr.write(`metrics on http://${hostInUrl(config.metricsHost)}:${metricsPort}/metrics\n`);
  }
  const server = createNodeServer(app);
  const port = await listen(server, config.httpHost, config.httpPort);
  const host = hostInUrl(config.httpHost);

  const stopped = new Promise<void>((done) => server.once('close', () => done()));
  const answered = async () => {
    if (!(await requests.drained(ANSWER_DRAIN_MS))) logger.warn('shutdown: answers still unsent', { requests: requests.count });
    await closeMcp();
    server.closeAllConnections();
    metricsServer?.close();
    metricsServer?.closeAllConnections();
    await stopped;
  };
  // After the drain: the listener and its answers, then the runtime's closers (the audit log last).
  const shutdown = createShutdown({ inFlight: changes, logger, closers: [answered, ...closers] });
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal means "now": the first one's drain is abandoned.
    if (closing) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    closing = true;
    logger.info(`${signal}: no new requests; waiting for ${requests.count} in flight`);
    // Stop accepting connections, but keep the idle keep-alive ones open until the drain is over: a request
    // on one is answered 503 (Connection: close), not reset. http.Server#close() would close them at once (Node 19+).
    NetServer.prototype.close.call(server);
    void shutdown(signal).then(() => logger.info('stopped'));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  process.stderr.write(`listening on http://${host}:${port}/mcp\n`);
  const modes = [
    config.sandbox && 'sandbox',
    config.readOnly && 'read-only',
    config.approvers && 'two-person approval',
    hasAuthentication(config) ? 'bearer authentication required' : 'no authentication: loopback only',
  ].filter(Boolean);
  logger.info(`alicloud-vpn-pbr-mcp ${VERSION} ready over HTTP (${modes.join(', ')})`);
}

/** Entry from src/index.ts. This file is its own bundle (dist/http.js), so its ConfigError is handled here. */
export async function runHttp(config: Config, logger: Logger): Promise<void> {
  try {
    await serve(config, logger);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`alicloud-vpn-pbr-mcp: ${error.message}\n`);
    process.exitCode = 2;
  }
}
