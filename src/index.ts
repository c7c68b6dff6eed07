#!/usr/bin/env -S node --max-old-space-size=128 --max-semi-space-size=2
// Entry: `emulator` sub-command, or the MCP server on stdio. Nothing on stdout but MCP messages.
// The shebang's heap flags (also in manifest.json's args) stop V8 from growing its young generation to
// 32 MB under the churn of route listings: about 70 MB resident instead of 94 after 300 live validations,
// at ~10 ms of start-up (README, Benchmarks). The heap in use stays far below the 128 MB cap.
import { Console } from 'node:console';
import { createCredentialsProvider, describeCredentialSources, dropUnfilledPlaceholders, hasCredentialSource } from './cloud/credentials.js';
import { ConfigError, resolveConfig, usage, type Config } from './config.js';
import { createLogger } from './log.js';
import { VERSION } from './version.js';

const logger = createLogger();

function fail(message: string, code = 2): void {
  process.stderr.write(`alicloud-vpn-pbr-mcp: ${message}\n`);
  process.exitCode = code;
}

async function startSandbox(config: Config): Promise<{ config: Config; close: () => Promise<void> }> {
  const { startEmulator, DEMO_SEED } = await import('./emulator/index.js');
  const emulator = await startEmulator({ seed: DEMO_SEED, port: 0 });
  const [credential] = DEMO_SEED.credentials;
  logger.info(`sandbox mode: using the built-in VPC emulator at ${emulator.url} with the demo account; nothing reaches Alibaba Cloud`);
  return {
    config: {
      ...config,
      endpoint: emulator.url,
      credentials: credential,
      regionId: config.regionId ?? DEMO_SEED.gateways[0]?.regionId ?? 'cn-hangzhou',
    },
    close: () => emulator.close(),
  };
}

async function runServer(argv: string[]): Promise<void> {
  // stdout carries MCP messages only: a library that logs with console.log/info/debug goes to stderr.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  // Unfilled MCPB fields arrive as `${user_config.NAME}`: unset, also for libraries that read process.env.
  dropUnfilledPlaceholders(process.env);
  let config: Config;
  try {
    config = resolveConfig(argv, process.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const closers: (() => Promise<void>)[] = [];
  if (config.sandbox) {
    const sandbox = await startSandbox(config);
    config = sandbox.config;
    closers.push(sandbox.close);
  }

  const { noAuditLog } = await import('./audit.js');
  let audit = noAuditLog;
  if (config.auditLog) {
    // Fail at start, not at the first create, when the audit log cannot be written safely.
    const { openAuditLog, AuditFileRefused } = await import('./audit-file.js');
    try {
      audit = await openAuditLog(config.auditLog);
    } catch (error) {
      for (const close of closers) await close().catch(() => {});
      if (error instanceof AuditFileRefused) return fail(`${error.message} (VPN_PBR_MCP_AUDIT_LOG / --audit-log)`);
      throw error;
    }
  }

  let cloud: import('./cloud/vpc-client.js').VpcClient | undefined;
  // Static keys from the environment (or the sandbox), else the Alibaba Cloud credential chain when a
  // source is configured; the chain's library is loaded on the first API call.
  const credentials =
    config.credentials ?? (hasCredentialSource(process.env) ? createCredentialsProvider(process.env) : undefined);
  if (credentials) {
    if (!config.credentials) logger.info(`credentials: ${describeCredentialSources(process.env)} (resolved on first use)`);
    const { createPopVpcClient } = await import('./cloud/pop-vpc-client.js');
    cloud = createPopVpcClient({
      credentials,
      endpoint: config.endpoint,
      timeoutMs: config.timeoutMs,
      maxAttempts: config.maxAttempts,
      logger,
    });
  } else {
    logger.info('no credentials configured: validateRoute checks offline only; createVpnPbrRoute and listVpnPbrRoutes will refuse');
  }

  const { createServer } = await import('./server.js');
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const { createInFlightChanges } = await import('./lifecycle/in-flight.js');
  const { createShutdown } = await import('./lifecycle/shutdown.js');
  const inFlight = createInFlightChanges();
  const server = createServer({ config, cloud, logger, audit, inFlight });
  const transport = new StdioServerTransport();

  // The server closes first (after the drain), then the sandbox emulator; the audit log is closed last.
  const shutdown = createShutdown({ inFlight, audit, logger, closers: [() => server.close(), ...closers] });
  const stop = (reason: string) =>
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
  server.onclose = () => stop('transport closed');

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
