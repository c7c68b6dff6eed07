import { describe, expect, it } from 'vitest';
import { ConfigError, OPTIONS, resolveConfig, usage } from '../../src/config.js';
import { isUnset } from '../../src/env.js';

describe('resolveConfig', () => {
  it('uses the contract defaults and never guesses a region', () => {
    const config = resolveConfig([], {});
    expect(config).toMatchObject({ confirmTtlSeconds: 600, timeoutMs: 10000, maxAttempts: 5, waitSeconds: 30, sandbox: false, readOnly: false });
    expect(config.regionId).toBeUndefined();
    expect(config.credentials).toBeUndefined();
    expect(config.endpoint).toBeUndefined();
    expect(config.confirmSecret).toBeUndefined();
  });

  it('reads every variable, and flags win over the environment', () => {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIabc',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sec',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'sts',
      ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
      VPN_PBR_MCP_ENDPOINT: 'http://127.0.0.1:8080/',
      VPN_PBR_MCP_CONFIRM_SECRET: 'a-shared-secret-of-some-length',
      VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '60',
      VPN_PBR_MCP_TIMEOUT_MS: '2000',
      VPN_PBR_MCP_MAX_ATTEMPTS: '1',
      VPN_PBR_MCP_WAIT_SECONDS: '0',
      VPN_PBR_MCP_SANDBOX: '1',
      VPN_PBR_MCP_READ_ONLY: 'true',
      VPN_PBR_MCP_ALLOWED_REGIONS: 'cn-hangzhou, cn-shanghai',
      VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-a1',
      VPN_PBR_MCP_AUDIT_LOG: '/tmp/audit.jsonl',
    };
    const config = resolveConfig(['--region', 'cn-beijing', '--timeout-ms=3000', '--read-only'], env);
    expect(config).toMatchObject({
      credentials: { accessKeyId: 'LTAIabc', accessKeySecret: 'sec', securityToken: 'sts' },
      regionId: 'cn-beijing',
      endpoint: 'http://127.0.0.1:8080',
      confirmTtlSeconds: 60,
      timeoutMs: 3000,
      maxAttempts: 1,
      waitSeconds: 0,
      sandbox: true,
      readOnly: true,
      allowedRegions: ['cn-hangzhou', 'cn-shanghai'],
      allowedGateways: ['vpn-a1'],
      auditLog: '/tmp/audit.jsonl',
    });
    expect(config.confirmSecret?.toString()).toBe('a-shared-secret-of-some-length');
  });

  it('treats an unfilled MCPB placeholder passed as a flag value as unset too', () => {
    const config = resolveConfig(['--region', '${user_config.region}', '--allowed-regions=${user_config.allowed_regions}', '--sandbox=${user_config.sandbox}'], {
      ALIBABA_CLOUD_REGION_ID: 'cn-shanghai',
    });
    expect(config.regionId).toBe('cn-shanghai');
    expect(config.allowedRegions).toBeUndefined();
    expect(config.sandbox).toBe(false);
  });

  it('treats an unfilled MCPB field as unset', () => {
    expect(isUnset('${user_config.region}')).toBe(true);
    const config = resolveConfig([], {
      ALIBABA_CLOUD_REGION_ID: '${user_config.region}',
      ALIBABA_CLOUD_SECURITY_TOKEN: '${user_config.security_token}',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
      VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '${user_config.ttl}',
    });
    expect(config.regionId).toBeUndefined();
    expect(config.credentials).toEqual({ accessKeyId: 'id', accessKeySecret: 'secret' });
    expect(config.confirmTtlSeconds).toBe(600);
  });

  it.each([
    [['--bogus'], {}, /unknown option --bogus/],
    [['--confirm-ttl', '0'], {}, /between 1 and 3600/],
    [[], { VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '3601' }, /VPN_PBR_MCP_CONFIRM_TTL_SECONDS must be between 1 and 3600/],
    [[], { VPN_PBR_MCP_TIMEOUT_MS: 'fast' }, /whole number/],
    [['--endpoint', 'ftp://x'], {}, /http\(s\) URL/],
    [['--endpoint', 'not a url'], {}, /http\(s\) URL/],
    [['--endpoint', 'ftp://id:secret@host'], {}, /^--endpoint must be an http\(s\) URL like http:\/\/127\.0\.0\.1:8080$/],
    [['--region'], {}, /needs a value/],
    [[], { VPN_PBR_MCP_READ_ONLY: 'maybe' }, /true or false/],
    [[], { ALIBABA_CLOUD_ACCESS_KEY_ID: 'only-id' }, /both/],
    [[], { VPN_PBR_MCP_CONFIRM_SECRET: 'short' }, /at least 16/],
    [[], { ALIBABA_CLOUD_REGION_ID: 'Hangzhou' }, /cn-hangzhou/],
    [['--port', '65536'], {}, /between 0 and 65535/],
    [[], { VPN_PBR_MCP_HTTP_RATE_PER_MINUTE: '0' }, /VPN_PBR_MCP_HTTP_RATE_PER_MINUTE must be between 1/],
    [['--oauth-jwks-url', 'file:///keys.json'], {}, /http\(s\) URL/],
    [['--approvers', 'bob,anonymous'], {}, /names "anonymous", a reserved principal/],
    [[], { VPN_PBR_MCP_APPROVERS: 'Anonymous' }, /names "Anonymous", a reserved principal/],
    [[], { VPN_PBR_MCP_APPROVERS: 'bob,carol smith' }, /"carol smith" is not a principal name/],
  ])('refuses bad configuration %j %j', (argv, env, message) => {
    expect(() => resolveConfig(argv as string[], env)).toThrow(ConfigError);
    expect(() => resolveConfig(argv as string[], env)).toThrow(message);
  });

  it('reads the HTTP options: off and loopback by default, flags over the environment', () => {
    expect(resolveConfig([], {})).toMatchObject({ http: false, httpHost: '127.0.0.1', httpPort: 8765, httpRatePerMinute: 120, oauthPrincipalClaim: 'sub' });
    const config = resolveConfig(['--http', '--host', '0.0.0.0', '--port', '0', '--approvers', 'bob, carol'], {
      VPN_PBR_MCP_HTTP_HOST: '10.0.0.1',
      VPN_PBR_MCP_HTTP_TOKENS_FILE: '/etc/tokens',
      VPN_PBR_MCP_OAUTH_ISSUER: 'https://idp.example/',
      VPN_PBR_MCP_OAUTH_AUDIENCE: 'https://pbr.example/mcp',
      VPN_PBR_MCP_OAUTH_JWKS_URL: 'https://idp.example/jwks',
      VPN_PBR_MCP_OAUTH_PRINCIPAL_CLAIM: 'email',
      VPN_PBR_MCP_HTTP_ALLOWED_ORIGINS: 'https://ops.example',
      VPN_PBR_MCP_HTTP_RATE_PER_MINUTE: '30',
    });
    expect(config).toMatchObject({
      http: true,
      httpHost: '0.0.0.0',
      httpPort: 0,
      httpTokensFile: '/etc/tokens',
      oauthIssuer: 'https://idp.example/',
      oauthAudience: 'https://pbr.example/mcp',
      oauthJwksUrl: 'https://idp.example/jwks',
      oauthPrincipalClaim: 'email',
      httpAllowedOrigins: ['https://ops.example'],
      httpRatePerMinute: 30,
      approvers: ['bob', 'carol'],
    });
  });

  it('reads the limits and the metrics listener: bounded and off by default, a bound of 0 refused', () => {
    expect(resolveConfig([], {})).toMatchObject({ maxCallsPerCaller: 8, maxCallsPerConnection: 16, maxCallsTotal: 32, metricsHost: '127.0.0.1' });
    expect(resolveConfig([], {}).metricsPort).toBeUndefined();
    const config = resolveConfig(['--max-calls-per-caller', '2', '--metrics-port', '9464'], { VPN_PBR_MCP_MAX_CALLS_TOTAL: '64', VPN_PBR_MCP_MAX_CALLS_PER_CONNECTION: '4' });
    expect(config).toMatchObject({ maxCallsPerCaller: 2, maxCallsPerConnection: 4, maxCallsTotal: 64, metricsPort: 9464 });
    expect(() => resolveConfig(['--max-calls-total', '0'], {})).toThrow('--max-calls-total must be between 1 and 10000 (got 0)');
  });
});

describe('--help', () => {
  it('lists every option with its meaning starting in one column, however long the flag', () => {
    const lines = usage().split('\n');
    const starts = OPTIONS.map((o) => {
      const line = lines.find((l) => l.includes(` ${o.env} `));
      expect(line, o.env).toBeDefined();
      if (o.flag) expect(line?.trimStart().startsWith(`${o.flag} `), o.env).toBe(true);
      return (line as string).indexOf(o.meaning);
    });
    expect(starts.every((s) => s > 0)).toBe(true);
    expect(new Set(starts).size).toBe(1);
  });
});
