// `--http`: the same server over Streamable HTTP. Refuses to start on a non-loopback address without
// authentication; on SIGTERM stops accepting, lets in-flight calls (creates included) finish and
// record their outcomes, then exits.
import { createServer as createNodeServer, type Server as NodeHttpServer } from 'node:http';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { prepareRuntime } from '../runtime.js';
import { VERSION } from '../version.js';
import { createHttpApp } from './app.js';
import { createHttpAuth, hasAuthentication } from './auth.js';
import { createInFlight } from './in-flight.js';

// Every call ends within its budget (src/change/): a few seconds more let its answer reach the client.
const drainLimitMs = (config: Config) => (config.callBudgetSeconds + 5) * 1000;

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
  const { config, cloud, audit, closers } = await prepareRuntime(initial, logger);
  const inFlight = createInFlight();
  let closing = false;
  const loopback = isLoopback(config.httpHost);
  const app = createHttpApp({
    deps: { config, cloud, logger, audit },
    auth,
    inFlight,
    allowedHosts: loopback ? ['localhost', '127.0.0.1', '[::1]', config.httpHost] : undefined,
    allowedOrigins: config.httpAllowedOrigins,
    ratePerMinute: config.httpRatePerMinute,
    closing: () => closing,
  });
  const server = createNodeServer(app);
  const port = await listen(server, config.httpHost, config.httpPort);
  const host = config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost;

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: no new requests; waiting for ${inFlight.count} in flight`);
    const stopped = new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
    const drained = await inFlight.drained(drainLimitMs(config));
    if (!drained) logger.warn('shutdown: requests still in flight after the drain limit', { inFlight: inFlight.count });
    server.closeAllConnections();
    await stopped;
    for (const close of closers) await close().catch(() => {});
    logger.info('stopped');
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  process.stderr.write(`listening on http://${host}:${port}/mcp\n`);
  const modes = [config.sandbox && 'sandbox', config.readOnly && 'read-only', config.approvers && 'two-person approval'].filter(Boolean);
  logger.info(
    `alicloud-vpn-pbr-mcp ${VERSION} ready over HTTP; ${hasAuthentication(config) ? 'bearer authentication required' : 'no authentication (loopback only)'}` +
      (modes.length > 0 ? ` (${modes.join(', ')})` : ''),
  );
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
