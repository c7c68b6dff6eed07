#!/usr/bin/env -S node --max-old-space-size=128 --max-semi-space-size=2
// Entry: `emulator` and `new-token` sub-commands, or the MCP server on stdio (or HTTP, src/http/). Nothing on stdout but MCP messages.
// The shebang's heap flags (also in manifest.json's args) stop V8 from growing its young generation to
// 32 MB under the churn of route listings: about 70 MB resident instead of 94 after 300 live validations,
// at ~10 ms of start-up (README, Benchmarks). The heap in use stays far below the 128 MB cap.
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
  } catch {
    throw new ConfigError('HTTP mode is not part of this copy of the server (the Claude Desktop bundle is stdio only); run the npm package\'s bin');
  }
  await http.runHttp(config, logger);
}

async function serveStdio(initial: Config): Promise<void> {
  const { config, cloud, audit, closers } = await prepareRuntime(initial, logger);

  const { createServer } = await import('./server.js');
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = createServer({ config, cloud, logger, audit });
  const transport = new StdioServerTransport();

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => {});
    for (const close of closers) await close().catch(() => {});
  };
  process.stdin.on('end', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  server.onclose = () => void shutdown();

  await server.connect(transport);
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
