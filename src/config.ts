// Configuration: defaults < environment < command-line flags. One table drives both, --help, docs/configuration.md and the manifest.
import type { StaticCredentials } from './cloud/vpc-client.js';
import { isRegionId } from './domain/ids.js';
import { isUnset, readEnv } from './env.js';
import { isPrincipal, isReservedPrincipal } from './principal.js';
import { stripUndefined } from './util.js';

export interface Config {
  credentials?: StaticCredentials;
  regionId?: string;
  endpoint?: string;
  /** VPN_PBR_MCP_CONFIRM_SECRET; absent = a random key per process (confirm/token.ts signingKey). */
  confirmSecret?: Buffer;
  confirmTtlSeconds: number;
  timeoutMs: number;
  maxAttempts: number;
  waitSeconds: number;
  /** Most time one tool call may take, waits and retries included (the human's answer excluded). */
  callBudgetSeconds: number;
  sandbox: boolean;
  /** Where --sandbox keeps its demo account and token key; default under the user's cache directory (sandbox.ts). */
  sandboxState?: string;
  /** --sandbox starts over from the demo account (a new token key too). */
  sandboxReset: boolean;
  readOnly: boolean;
  allowedRegions?: string[];
  allowedGateways?: string[];
  auditLog?: string;
  /** Where the client renders MCP Apps, a change is confirmed only from the approval card (src/ui/). */
  requireAppApproval: boolean;
  /** Streamable HTTP mode (src/http/); the rest of this group applies only there, except approvers. */
  http: boolean;
  httpHost: string;
  httpPort: number;
  httpTokensFile?: string;
  oauthIssuer?: string;
  oauthAudience?: string;
  oauthJwksUrl?: string;
  oauthPrincipalClaim: string;
  httpAllowedOrigins?: string[];
  httpRatePerMinute: number;
  /** Tool calls running at once: per principal over HTTP, per connection over stdio, and in the whole process (lifecycle/admission.ts). */
  maxCallsPerCaller: number;
  maxCallsPerConnection: number;
  maxCallsTotal: number;
  /** Prometheus metrics on their own listener (no authentication) instead of /metrics behind it (metrics/). */
  metricsPort?: number;
  metricsHost: string;
  /** Principals who may confirm a change; the requester may not confirm their own (confirm/approval.ts). */
  approvers?: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Kind = 'string' | 'url' | 'integer' | 'boolean' | 'list' | 'secret';

export interface OptionSpec {
  key: keyof Config | 'confirmSecretText';
  env: string;
  flag?: string;
  kind: Kind;
  min?: number;
  max?: number;
  default?: string;
  meaning: string;
}

/** Every option of the server. Credentials are read separately (the Alibaba Cloud standard names). */
export const OPTIONS: readonly OptionSpec[] = [
  { key: 'regionId', env: 'ALIBABA_CLOUD_REGION_ID', flag: '--region', kind: 'string', meaning: 'Region used when a call gives no regionId (never guessed).' },
  { key: 'endpoint', env: 'VPN_PBR_MCP_ENDPOINT', flag: '--endpoint', kind: 'url', meaning: 'VPC API base URL; default https://vpc.<region>.aliyuncs.com.' },
  { key: 'confirmSecretText', env: 'VPN_PBR_MCP_CONFIRM_SECRET', kind: 'secret', meaning: 'Key that signs confirmation tokens (share it between processes that must accept each other\'s tokens); default random per process.' },
  { key: 'confirmTtlSeconds', env: 'VPN_PBR_MCP_CONFIRM_TTL_SECONDS', flag: '--confirm-ttl', kind: 'integer', min: 1, max: 3600, default: '600', meaning: 'Lifetime of a confirmation token in seconds.' },
  { key: 'timeoutMs', env: 'VPN_PBR_MCP_TIMEOUT_MS', flag: '--timeout-ms', kind: 'integer', min: 100, max: 600000, default: '10000', meaning: 'Timeout of one HTTP request to the API, in ms.' },
  { key: 'maxAttempts', env: 'VPN_PBR_MCP_MAX_ATTEMPTS', flag: '--max-attempts', kind: 'integer', min: 1, max: 20, default: '5', meaning: 'Attempts for a retryable failure (1 = no retry).' },
  { key: 'waitSeconds', env: 'VPN_PBR_MCP_WAIT_SECONDS', flag: '--wait-seconds', kind: 'integer', min: 0, max: 3600, default: '30', meaning: 'How long a change (create or delete) waits for the gateway to finish applying it (0 = don\'t wait); never past the call budget.' },
  { key: 'callBudgetSeconds', env: 'VPN_PBR_MCP_CALL_BUDGET_SECONDS', flag: '--call-budget-seconds', kind: 'integer', min: 2, max: 600, default: '45', meaning: 'Most time one tool call may take, in seconds: the wait for a busy gateway, every attempt and backoff, and the wait for the change to apply together. Keep it under the client\'s request timeout (60 s is common).' },
  { key: 'sandbox', env: 'VPN_PBR_MCP_SANDBOX', flag: '--sandbox', kind: 'boolean', default: 'false', meaning: 'Start the built-in VPC emulator with a demo account and use it instead of Alibaba Cloud.' },
  { key: 'sandboxState', env: 'VPN_PBR_MCP_SANDBOX_STATE', flag: '--sandbox-state', kind: 'string', meaning: 'State file where --sandbox keeps its demo account and token key between processes (0600; default $XDG_CACHE_HOME or ~/.cache/alicloud-vpn-pbr-mcp/sandbox.json).' },
  { key: 'sandboxReset', env: 'VPN_PBR_MCP_SANDBOX_RESET', flag: '--sandbox-reset', kind: 'boolean', default: 'false', meaning: 'Start the sandbox over: the demo account as shipped and a new token key.' },
  { key: 'readOnly', env: 'VPN_PBR_MCP_READ_ONLY', flag: '--read-only', kind: 'boolean', default: 'false', meaning: 'List no tool that changes anything.' },
  { key: 'allowedRegions', env: 'VPN_PBR_MCP_ALLOWED_REGIONS', flag: '--allowed-regions', kind: 'list', meaning: 'Comma-separated regions a route may be in (default: any).' },
  { key: 'allowedGateways', env: 'VPN_PBR_MCP_ALLOWED_GATEWAYS', flag: '--allowed-gateways', kind: 'list', meaning: 'Comma-separated gateway IDs a route may be on (default: any).' },
  { key: 'requireAppApproval', env: 'VPN_PBR_MCP_REQUIRE_APP_APPROVAL', flag: '--require-app-approval', kind: 'boolean', default: 'false', meaning: 'A change is confirmed only from the approval card, in a host whose request shows it renders MCP Apps: the model\'s own confirmation is refused (ApprovalRequired), and every confirm from a client that does not show MCP Apps (2025 over HTTP included) too.' },
  { key: 'auditLog', env: 'VPN_PBR_MCP_AUDIT_LOG', flag: '--audit-log', kind: 'string', meaning: 'Append one JSON line per tool call (validate, list, dry run, create, delete; a change also writes a "sending" line before it is sent) to this file: a regular file of this user, created 0600; no symlink, none in its directory path.' },
  { key: 'http', env: 'VPN_PBR_MCP_HTTP', flag: '--http', kind: 'boolean', default: 'false', meaning: 'Serve MCP Streamable HTTP (stateless) at /mcp instead of stdio.' },
  { key: 'httpHost', env: 'VPN_PBR_MCP_HTTP_HOST', flag: '--host', kind: 'string', default: '127.0.0.1', meaning: 'Address the HTTP server listens on; any but loopback needs a tokens file or OAuth.' },
  { key: 'httpPort', env: 'VPN_PBR_MCP_HTTP_PORT', flag: '--port', kind: 'integer', min: 0, max: 65535, default: '8765', meaning: 'Port of the HTTP server (0 picks a free one).' },
  { key: 'httpTokensFile', env: 'VPN_PBR_MCP_HTTP_TOKENS_FILE', flag: '--http-tokens-file', kind: 'string', meaning: 'Static bearer tokens: lines principal:sha256hex-of-token (see new-token).' },
  { key: 'oauthIssuer', env: 'VPN_PBR_MCP_OAUTH_ISSUER', flag: '--oauth-issuer', kind: 'string', meaning: 'OAuth 2.1: the issuer (iss) every JWT must name.' },
  { key: 'oauthAudience', env: 'VPN_PBR_MCP_OAUTH_AUDIENCE', flag: '--oauth-audience', kind: 'string', meaning: 'OAuth 2.1: the audience (aud) every JWT must name, usually this server\'s /mcp URL.' },
  { key: 'oauthJwksUrl', env: 'VPN_PBR_MCP_OAUTH_JWKS_URL', flag: '--oauth-jwks-url', kind: 'url', meaning: 'OAuth 2.1: URL of the issuer\'s JSON Web Key Set.' },
  { key: 'oauthPrincipalClaim', env: 'VPN_PBR_MCP_OAUTH_PRINCIPAL_CLAIM', flag: '--oauth-principal-claim', kind: 'string', default: 'sub', meaning: 'OAuth 2.1: the JWT claim that names the caller.' },
  { key: 'httpAllowedOrigins', env: 'VPN_PBR_MCP_HTTP_ALLOWED_ORIGINS', flag: '--http-allowed-origins', kind: 'list', meaning: 'Comma-separated origins a browser page may call from (default: none).' },
  { key: 'httpRatePerMinute', env: 'VPN_PBR_MCP_HTTP_RATE_PER_MINUTE', flag: '--http-rate-per-minute', kind: 'integer', min: 1, max: 1000000, default: '120', meaning: 'Tool calls per principal per minute over HTTP; more are answered 429 (other messages count apart, 5 times as many).' },
  { key: 'maxCallsPerCaller', env: 'VPN_PBR_MCP_MAX_CALLS_PER_CALLER', flag: '--max-calls-per-caller', kind: 'integer', min: 1, max: 10000, default: '8', meaning: 'Tool calls one principal may have running at once over HTTP; more are answered 429 at once.' },
  { key: 'maxCallsPerConnection', env: 'VPN_PBR_MCP_MAX_CALLS_PER_CONNECTION', flag: '--max-calls-per-connection', kind: 'integer', min: 1, max: 10000, default: '16', meaning: 'Tool calls running at once on one stdio connection; more are answered ServerBusy at once.' },
  { key: 'maxCallsTotal', env: 'VPN_PBR_MCP_MAX_CALLS_TOTAL', flag: '--max-calls-total', kind: 'integer', min: 1, max: 10000, default: '32', meaning: 'Tool calls running at once in the whole process, all callers together; more are refused at once (429 over HTTP, ServerBusy over stdio).' },
  { key: 'metricsPort', env: 'VPN_PBR_MCP_METRICS_PORT', flag: '--metrics-port', kind: 'integer', min: 0, max: 65535, meaning: 'Serve Prometheus metrics at /metrics on this port, without authentication, instead of at /metrics of the HTTP server behind its authentication (0 picks a free port).' },
  { key: 'metricsHost', env: 'VPN_PBR_MCP_METRICS_HOST', flag: '--metrics-host', kind: 'string', default: '127.0.0.1', meaning: 'Address the --metrics-port listener binds to.' },
  { key: 'approvers', env: 'VPN_PBR_MCP_APPROVERS', flag: '--approvers', kind: 'list', meaning: 'Comma-separated principals who may confirm a change; the requester may not confirm their own (default: the requester confirms).' },
];

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

function parseValue(spec: OptionSpec, raw: string, origin: string): unknown {
  switch (spec.kind) {
    case 'string':
    case 'secret':
      return raw;
    case 'url': {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigError(`${origin} must be an http(s) URL like http://127.0.0.1:8080`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new ConfigError(`${origin} must be an http(s) URL like http://127.0.0.1:8080`);
      }
      if (url.search || url.hash || url.username || url.password) {
        throw new ConfigError(`${origin} must be a plain base URL without query, fragment or credentials`);
      }
      return url.origin + url.pathname.replace(/\/+$/, '');
    }
    case 'integer': {
      if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${origin} must be a whole number (got "${raw}")`);
      const n = Number(raw);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw new ConfigError(`${origin} must be between ${spec.min} and ${spec.max} (got ${raw})`);
      }
      return n;
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      throw new ConfigError(`${origin} must be true or false (got "${raw}")`);
    }
    case 'list': {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      if (items.length === 0) throw new ConfigError(`${origin} must list at least one value`);
      return items;
    }
  }
}

/** Splits argv into option flags; returns the raw flag values. Unknown flags are an error. */
function readFlags(argv: readonly string[]): Map<OptionSpec, string> {
  const byFlag = new Map(OPTIONS.filter((o) => o.flag).map((o) => [o.flag as string, o]));
  const values = new Map<OptionSpec, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = byFlag.get(name);
    if (!spec) throw new ConfigError(`unknown option ${name} (see --help)`);
    if (spec.kind === 'boolean') {
      values.set(spec, eq > 0 ? arg.slice(eq + 1) : 'true');
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new ConfigError(`option ${name} needs a value`);
    values.set(spec, value);
  }
  return values;
}

export function resolveConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const flags = readFlags(argv);
  const resolved: Record<string, unknown> = {};
  for (const spec of OPTIONS) {
    // An MCPB host may put `${user_config.NAME}` in args as well as in env: unset either way.
    const given = flags.get(spec);
    const flagValue = isUnset(given) ? undefined : given;
    const envValue = readEnv(env, spec.env);
    let raw: string | undefined;
    let origin: string;
    if (flagValue !== undefined) {
      raw = flagValue;
      origin = spec.flag as string;
    } else if (envValue !== undefined) {
      raw = envValue;
      origin = spec.env;
    } else {
      raw = spec.default;
      origin = spec.env;
    }
    if (raw !== undefined) resolved[spec.key] = parseValue(spec, raw, origin);
  }

  const secretText = resolved.confirmSecretText as string | undefined;
  if (secretText !== undefined && secretText.length < 16) {
    throw new ConfigError('VPN_PBR_MCP_CONFIRM_SECRET must be at least 16 characters');
  }
  for (const approver of (resolved.approvers as string[] | undefined) ?? []) {
    if (isReservedPrincipal(approver)) {
      throw new ConfigError(`VPN_PBR_MCP_APPROVERS names "${approver}", a reserved principal (every unauthenticated caller's name); list authenticated principals only`);
    }
    if (!isPrincipal(approver)) throw new ConfigError(`VPN_PBR_MCP_APPROVERS: "${approver}" is not a principal name (letters, digits and . _ @ + -)`);
  }
  const regionId = resolved.regionId as string | undefined;
  if (regionId !== undefined && !isRegionId(regionId)) {
    throw new ConfigError(`region must look like cn-hangzhou (got "${regionId}")`);
  }

  const config: Config = {
    credentials: readCredentials(env),
    regionId,
    endpoint: resolved.endpoint as string | undefined,
    confirmSecret: secretText !== undefined ? Buffer.from(secretText, 'utf8') : undefined,
    confirmTtlSeconds: resolved.confirmTtlSeconds as number,
    timeoutMs: resolved.timeoutMs as number,
    maxAttempts: resolved.maxAttempts as number,
    waitSeconds: resolved.waitSeconds as number,
    callBudgetSeconds: resolved.callBudgetSeconds as number,
    sandbox: resolved.sandbox as boolean,
    sandboxState: resolved.sandboxState as string | undefined,
    sandboxReset: resolved.sandboxReset as boolean,
    readOnly: resolved.readOnly as boolean,
    allowedRegions: resolved.allowedRegions as string[] | undefined,
    allowedGateways: resolved.allowedGateways as string[] | undefined,
    auditLog: resolved.auditLog as string | undefined,
    requireAppApproval: resolved.requireAppApproval as boolean,
    http: resolved.http as boolean,
    httpHost: resolved.httpHost as string,
    httpPort: resolved.httpPort as number,
    httpTokensFile: resolved.httpTokensFile as string | undefined,
    oauthIssuer: resolved.oauthIssuer as string | undefined,
    oauthAudience: resolved.oauthAudience as string | undefined,
    oauthJwksUrl: resolved.oauthJwksUrl as string | undefined,
    oauthPrincipalClaim: resolved.oauthPrincipalClaim as string,
    httpAllowedOrigins: resolved.httpAllowedOrigins as string[] | undefined,
    httpRatePerMinute: resolved.httpRatePerMinute as number,
    maxCallsPerCaller: resolved.maxCallsPerCaller as number,
    maxCallsPerConnection: resolved.maxCallsPerConnection as number,
    maxCallsTotal: resolved.maxCallsTotal as number,
    metricsPort: resolved.metricsPort as number | undefined,
    metricsHost: resolved.metricsHost as string,
    approvers: resolved.approvers as string[] | undefined,
  };
  return stripUndefined(config);
}

function readCredentials(env: NodeJS.ProcessEnv): StaticCredentials | undefined {
  const accessKeyId = readEnv(env, 'ALIBABA_CLOUD_ACCESS_KEY_ID');
  const accessKeySecret = readEnv(env, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  const securityToken = readEnv(env, 'ALIBABA_CLOUD_SECURITY_TOKEN');
  if (accessKeyId === undefined && accessKeySecret === undefined) return undefined;
  if (accessKeyId === undefined || accessKeySecret === undefined) {
    throw new ConfigError('set both ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or neither');
  }
  return securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
}

export function usage(): string {
  const lines = [
    'Usage: alicloud-vpn-pbr-mcp [options]            MCP server on stdio',
    '       alicloud-vpn-pbr-mcp --http [options]     MCP server over Streamable HTTP at /mcp',
    '       alicloud-vpn-pbr-mcp new-token PRINCIPAL  a bearer token and its line for the tokens file',
    '       alicloud-vpn-pbr-mcp emulator [--port N] [--seed FILE]',
    '',
    'Options (flag / environment variable):',
  ];
  // Columns as wide as their longest entry, so that every meaning starts in the same column.
  const flagWidth = Math.max(...OPTIONS.map((o) => (o.flag ?? '').length));
  const envWidth = Math.max(...OPTIONS.map((o) => o.env.length));
  for (const o of OPTIONS) {
    lines.push(`  ${(o.flag ?? '').padEnd(flagWidth)}  ${o.env.padEnd(envWidth)}  ${o.meaning}${o.default ? ` Default ${o.default}.` : ''}`);
  }
  lines.push(
    '  Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN;',
    '    else the Alibaba Cloud credential chain: OIDC role (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,',
    '    ALIBABA_CLOUD_OIDC_TOKEN_FILE), aliyun CLI profile (~/.aliyun/config.json), credentials file',
    '    (ALIBABA_CLOUD_CREDENTIALS_FILE, default ~/.alibabacloud/credentials; profile ALIBABA_CLOUD_PROFILE),',
    '    ECS RAM role (ALIBABA_CLOUD_ECS_METADATA=<role name>), ALIBABA_CLOUD_CREDENTIALS_URI.',
  );
  return lines.join('\n');
}
