// Entry: `emulator` and `new-token` sub-commands, or the MCP server on stdio (or HTTP, src/http/). Nothing on stdout but MCP messages.
// Loaded by the bin, src/bin.ts (the node flags, the compile cache).
import { Console } from 'node:console';
import { dropUnfilledPlaceholders } from './cloud/credentials.js';
import { ConfigError, resolveConfig, usage, type Config } from './config.js';
import { createLogger } from './log.js';
import { prepareRuntime } from './runtime.js';
import { VERSION } from './version.js';

const logger = createLogger();

function fail(message: string, code = 2): void {
  process.stderr.write(`alicloud-vpn-pbr-mcp: ${message}\n`);
  process.exitCode = code;
}

async function runServer(argv: string[]): Promise<void> {
  // stdout carries MCP messages only: a library that logs with console.log/info/debug goes to stderr.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  // Unfilled MCPB fields arrive as `${user_config.NAME}`: unset, also for libraries that read process.env.
  dropUnfilledPlaceholders(process.env);
  try {
    const config = resolveConfig(argv, process.env);
    await (config.http ? serveHttp(config) : serveStdio(config));
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
}

// HTTP mode lives in its own file of the bundle (dist/http.js, scripts/build.mjs): express and jose
// are never parsed by a stdio start.
async function serveHttp(config: Config): Promise<void> {
  let http: typeof import('./http/serve.js');
  try {
    http = await import('./http/serve.js');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new ConfigError('HTTP mode is not part of this copy of the server (the Claude Desktop bundle is stdio only); run the npm package\'s bin');
  }
  await http.runHttp(config, logger);
}

async function serveStdio(initial: Config): Promise<void> {
  const { config, cloud, audit, closers } = await prepareRuntime(initial, logger);

  const { createServer } = await import('./server.js');
  const { serveOverStdio } = await import('./stdio.js');
  const { createInFlightChanges } = await import('./lifecycle/in-flight.js');
  const { createShutdown } = await import('./lifecycle/shutdown.js');
  const { createAdmission } = await import('./lifecycle/admission.js');
  const inFlight = createInFlightChanges();
  // Issue 16: one connection on stdio, so both bounds apply to it.
  const admission = createAdmission({ perKey: config.maxCallsPerConnection, total: config.maxCallsTotal });

  let stop: (reason: string) => void = () => {};
  // One MCP instance per connection (a 2026 client's discovery probe may get one of its own first).
  const stdio = serveOverStdio(() => createServer({ config, cloud, logger, audit, inFlight, admission }), {
    onClosed: () => stop('transport closed'),
    onError: (error) => logger.warn('stdio: message not served', { kind: error.name }),
  });

  // After the drain: the answers still owed, the MCP instance, then the runtime's closers (the sandbox emulator, the audit log last).
  const shutdown = createShutdown({
    inFlight,
    logger,
    closers: [() => stdio.whenAnswered(2000), () => stdio.close(), ...closers],
  });
  stop = (reason: string) =>
    void shutdown(reason).then(() => {
      // Whatever still holds the event loop (stdin after a signal, pooled sockets) must not keep the process.
      setTimeout(() => process.exit(), 500).unref();
    });
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal means "now": the first one's drain is abandoned.
    if (signalled) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    signalled = true;
    stop(signal);
  };
  process.stdin.on('end', () => stop('stdin closed'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  logger.info(`alicloud-vpn-pbr-mcp ${VERSION} ready on stdio${config.sandbox ? ' (sandbox)' : ''}${config.readOnly ? ' (read-only)' : ''}`);
}

async function main(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === 'emulator') {
    const { runEmulatorCli } = await import('./emulator/cli.js');
    const code = await runEmulatorCli(rest);
    if (code !== undefined) process.exitCode = code;
    return;
  }
  if (first === 'new-token') {
    const { runNewToken } = await import('./http/new-token.js');
    process.exitCode = runNewToken(rest);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(`${usage()}\n`);
    return;
  }
  if (argv.includes('--version')) {
    process.stderr.write(`${VERSION}\n`);
    return;
  }
  await runServer(argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Never print the error's message: it may hold a signed URL.
  fail(`failed to start (${error instanceof Error ? error.name : 'error'})`, 1);
});
