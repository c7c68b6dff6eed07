// What both transports (stdio in index.ts, HTTP in http/serve.ts) need before serving: the sandbox if
// asked for, the audit log, and the cloud client. Bad set-up is a ConfigError (one line, exit 2).
import { createCredentialsProvider, describeCredentialSources, describeStaticCredentials, hasCredentialSource } from './cloud/credentials.js';
import type { ApiCallObserver } from './cloud/transport.js';
import type { VpcClient } from './cloud/vpc-client.js';
import { ConfigError, type Config } from './config.js';
import type { AuditLog } from './audit/entry.js';
import type { Logger } from './log.js';
import { hideOutsideAllowlists } from './policy.js';

export interface Runtime {
  config: Config;
  cloud?: VpcClient;
  audit: AuditLog;
  /** Run in order at shutdown, after the transport stopped. */
  closers: (() => Promise<void>)[];
}

export interface RuntimeHooks {
  /** Told once per signed API request (HTTP mode's metrics); cloud/ never imports what listens. */
  onApiCall?: ApiCallObserver;
}

export async function prepareRuntime(initial: Config, logger: Logger, hooks: RuntimeHooks = {}): Promise<Runtime> {
  let config = initial;
  const closers: Runtime['closers'] = [];
  if (config.sandbox) {
    const { startSandbox } = await import('./sandbox.js');
    const sandbox = await startSandbox(config, logger);
    config = sandbox.config;
    closers.push(sandbox.close);
  }

  const { noAuditLog } = await import('./audit/entry.js');
  let audit = noAuditLog;
  if (config.auditLog) {
    // Fail at start, not at the first create, when the audit log cannot be written safely.
    const { openAuditLog, AuditFileRefused } = await import('./audit/file.js');
    try {
      audit = await openAuditLog(config.auditLog);
    } catch (error) {
      for (const close of closers) await close().catch(() => {});
      if (error instanceof AuditFileRefused) throw new ConfigError(`${error.message} (VPN_PBR_MCP_AUDIT_LOG / --audit-log)`);
      throw error;
    }
    // Last of the closers: every outcome is written before the file is closed.
    closers.push(() => audit.close());
  }

  let cloud: VpcClient | undefined;
  // Static keys from the environment (or the sandbox), else the Alibaba Cloud credential chain when a
  // source is configured; the chain's library is loaded on the first API call.
  const credentials =
    config.credentials ?? (hasCredentialSource(process.env) ? createCredentialsProvider(process.env) : undefined);
  if (credentials) {
    // Where they come from, never their values; the sandbox's demo key is named by the sandbox's own line.
    if (!config.credentials) logger.info(`credentials: ${describeCredentialSources(process.env)} (resolved on first use)`);
    else if (!config.sandbox) logger.info(`credentials: ${describeStaticCredentials(config.credentials)}`);
    const { createPopVpcClient } = await import('./cloud/pop-vpc-client.js');
    cloud = createPopVpcClient({
      credentials,
      endpoint: config.endpoint,
      timeoutMs: config.timeoutMs,
      maxAttempts: config.maxAttempts,
      logger,
      // No API message names a gateway or region the allowlists hide.
      hideText: (text) => hideOutsideAllowlists(text, config),
      onApiCall: hooks.onApiCall,
    });
  } else {
    logger.info(
      'no credentials configured: validateRoute checks offline only; every tool that reads or changes the account refuses with CredentialsMissing (try --sandbox to use a demo account)',
    );
  }
  return { config, cloud, audit, closers };
}
