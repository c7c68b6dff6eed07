// Credentials the way Alibaba Cloud users already have them. End to end: the built server (the bin)
// against the emulator, with HOME pointing at an empty folder so this machine's own ~/.aliyun and
// ~/.alibabacloud files can't interfere. The chain never reaches the network: the metadata service is
// disabled (harness baseEnv) and the only HTTP servers are on loopback.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createCredentialsProvider,
  type CredentialsLibrary,
  detectCredentialSources,
  dropUnfilledPlaceholders,
  hasCredentialSource,
} from '../../src/cloud/credentials.js';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { isAppError } from '../../src/errors/app-error.js';
import { body, nonJsonRpcStdout, type Session, startSession, useEmulator } from '../e2e/harness.js';

const FILE_KEY = { accessKeyId: 'LTAIfileProfileKey01', accessKeySecret: 'file-SECRET-0a1b2c3d4e5f' };
const CLI_KEY = { accessKeyId: 'LTAIcliProfileKey001', accessKeySecret: 'cli-SECRET-9z8y7x6w5v' };
const ENV_KEY = { accessKeyId: 'LTAIenvironmentKey01', accessKeySecret: 'env-SECRET-1q2w3e4r5t' };
const STS = { accessKeyId: 'STS.shipAccessKey001', accessKeySecret: 'sts-SECRET-5t6y7u8i9o', securityToken: 'sts-TOKEN-CAISabcdef0123456789' };
const STS_B = { accessKeyId: 'STS.shipAccessKey002', accessKeySecret: 'sts-SECRET-b-0p9o8i7u', securityToken: 'sts-TOKEN-B-CAISzyx987654321' };
const ALL_SECRETS = [FILE_KEY, CLI_KEY, ENV_KEY, STS, STS_B].flatMap((c) => [c.accessKeySecret, 'securityToken' in c ? c.securityToken : '']).filter(Boolean);

const SEED: EmulatorSeed = {
  credentials: [FILE_KEY, CLI_KEY, ENV_KEY, STS, STS_B],
  applyMs: 0,
  gateways: [{ id: 'vpn-shipcreds01', regionId: 'cn-hangzhou', pbrPriority: true }],
  connections: [{ id: 'vco-shipcreds1', gatewayId: 'vpn-shipcreds01' }],
  routes: [
    { vpnGatewayId: 'vpn-shipcreds01', routeSource: '192.168.7.0/24', routeDest: '10.7.0.0/24', nextHop: 'vco-shipcreds1', weight: 100, priority: 10, publishVpc: true },
  ],
};

const ROUTE = { vpnGatewayId: 'vpn-shipcreds01', routeSource: '192.168.8.0/24', routeDest: '10.8.0.0/24', nextHop: 'vco-shipcreds1', weight: 100, publishVpc: true };

const emulator = useEmulator(SEED);
let home: string;
let sessions: Session[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'vpn-pbr-creds-'));
});
afterAll(async () => rm(home, { recursive: true, force: true }));
afterEach(async () => {
  for (const session of sessions) await session.close();
  sessions = [];
});

/** A fresh, empty HOME for one test, and the environment every server here starts with. */
async function freshHome(): Promise<string> {
  return mkdtemp(join(home, 'home-'));
}

function serverEnv(homeDir: string, extra: Record<string, string | undefined> = {}) {
  return {
    HOME: homeDir,
    USERPROFILE: homeDir,
    ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
    VPN_PBR_MCP_ENDPOINT: emulator.get().url,
    VPN_PBR_MCP_TIMEOUT_MS: '1500',
    VPN_PBR_MCP_MAX_ATTEMPTS: '1',
    ...extra,
  };
}

async function start(env: Record<string, string | undefined>): Promise<Session> {
  const session = await startSession({ env });
  sessions.push(session);
  return session;
}

async function listRoutes(session: Session) {
  return session.call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-shipcreds01' });
}

function expectNoSecrets(session: Session) {
  const output = session.stdout() + session.stderr();
  for (const secret of ALL_SECRETS) expect(output).not.toContain(secret);
  expect(nonJsonRpcStdout(session.stdout())).toEqual([]);
}

const signedWith = () => new Set(emulator.get().requests.map((r) => r.params.AccessKeyId));

describe('credential sources, end to end against the emulator', () => {
  it('environment variables', async () => {
    const session = await start(serverEnv(await freshHome(), {
      ALIBABA_CLOUD_ACCESS_KEY_ID: ENV_KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: ENV_KEY.accessKeySecret,
    }));
    const result = await listRoutes(session);
    expect(result.isError).toBe(false);
    expect(body(result).routes).toHaveLength(1);
    expect(signedWith()).toEqual(new Set([ENV_KEY.accessKeyId]));
    expectNoSecrets(session);
  });

  it('a credentials file with a named profile (ALIBABA_CLOUD_CREDENTIALS_FILE + ALIBABA_CLOUD_PROFILE)', async () => {
    const dir = await freshHome();
    const file = join(dir, 'team-credentials.ini');
    await writeFile(
      file,
      [
        '[default]',
        'type = access_key',
        'access_key_id = LTAIwrongDefaultKey1',
        'access_key_secret = wrong-default-secret',
        '',
        '[vpn-admin]',
        'type = access_key',
        `access_key_id = ${FILE_KEY.accessKeyId}`,
        `access_key_secret = ${FILE_KEY.accessKeySecret}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const session = await start(serverEnv(dir, { ALIBABA_CLOUD_CREDENTIALS_FILE: file, ALIBABA_CLOUD_PROFILE: 'vpn-admin' }));
    const validated = body(await session.call('validateRoute', { ...ROUTE }));
    expect(validated.checks.find((c: { name: string }) => c.name === 'gateway').status).toBe('passed');
    expect((await listRoutes(session)).isError).toBe(false);
    expect(signedWith()).toEqual(new Set([FILE_KEY.accessKeyId]));
    expect(session.stderr()).toContain('credentials file');
    expectNoSecrets(session);
  });

  it('the aliyun CLI profile in ~/.aliyun/config.json (current profile)', async () => {
    const dir = await freshHome();
    await mkdir(join(dir, '.aliyun'));
    await writeFile(
      join(dir, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'ops',
        profiles: [
          { name: 'default', mode: 'AK', access_key_id: 'LTAIwrongDefaultKey1', access_key_secret: 'wrong', region_id: 'cn-hangzhou' },
          { name: 'ops', mode: 'AK', access_key_id: CLI_KEY.accessKeyId, access_key_secret: CLI_KEY.accessKeySecret, region_id: 'cn-hangzhou' },
        ],
      }),
    );
    const session = await start(serverEnv(dir));
    expect((await listRoutes(session)).isError).toBe(false);
    expect(signedWith()).toEqual(new Set([CLI_KEY.accessKeyId]));
    expectNoSecrets(session);
  });

  it('an unfilled MCPB field (${user_config.profile}) is no profile name: the [default] profile is used', async () => {
    const dir = await freshHome();
    await mkdir(join(dir, '.alibabacloud'));
    await writeFile(
      join(dir, '.alibabacloud', 'credentials'),
      `[default]\ntype = access_key\naccess_key_id = ${FILE_KEY.accessKeyId}\naccess_key_secret = ${FILE_KEY.accessKeySecret}\n`,
    );
    const session = await start(serverEnv(dir, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: '${user_config.access_key_id}',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: '${user_config.access_key_secret}',
      ALIBABA_CLOUD_SECURITY_TOKEN: '${user_config.security_token}',
      ALIBABA_CLOUD_PROFILE: '${user_config.profile}',
    }));
    expect((await listRoutes(session)).isError).toBe(false);
    expect(signedWith()).toEqual(new Set([FILE_KEY.accessKeyId]));
    expectNoSecrets(session);
  });

  it('a profile that does not exist is CredentialsMissing with a hint, and nothing is sent', async () => {
    const dir = await freshHome();
    const file = join(dir, 'credentials');
    await writeFile(file, `[default]\ntype = access_key\naccess_key_id = ${FILE_KEY.accessKeyId}\naccess_key_secret = ${FILE_KEY.accessKeySecret}\n`);
    const session = await start(serverEnv(dir, { ALIBABA_CLOUD_CREDENTIALS_FILE: file, ALIBABA_CLOUD_PROFILE: 'no-such-profile' }));
    const result = await listRoutes(session);
    expect(result.isError).toBe(true);
    expect(body(result).error).toMatchObject({ code: 'CredentialsMissing', source: 'config' });
    expect(body(result).error.hint).toContain('ALIBABA_CLOUD_PROFILE');
    expect(emulator.get().requests).toHaveLength(0);
    expectNoSecrets(session);
  });

  it('an STS token: the right token works; a wrong one is a clean cloud error that leaks nothing', async () => {
    const dir = await freshHome();
    const sts = { ALIBABA_CLOUD_ACCESS_KEY_ID: STS.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.accessKeySecret };
    const good = await start(serverEnv(dir, { ...sts, ALIBABA_CLOUD_SECURITY_TOKEN: STS.securityToken }));
    expect((await listRoutes(good)).isError).toBe(false);
    expect(emulator.get().requests.every((r) => r.params.SecurityToken === STS.securityToken)).toBe(true);

    const wrongToken = 'sts-TOKEN-wrong-CAIS000000000000';
    const bad = await start(serverEnv(dir, { ...sts, ALIBABA_CLOUD_SECURITY_TOKEN: wrongToken }));
    const result = await listRoutes(bad);
    expect(result.isError).toBe(true);
    expect(body(result).error).toMatchObject({ code: 'InvalidSecurityToken.Mismatch', source: 'cloud', retryable: false });
    const text = JSON.stringify(result) + bad.stderr() + bad.stdout();
    expect(text).not.toContain(wrongToken);
    expectNoSecrets(good);
    expectNoSecrets(bad);
  });

  it('asks the chain on every request, so a refreshed STS credential is used as soon as it is issued', async () => {
    // A credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI) on loopback hands out STS credentials that
    // expire within the library's 15-minute refresh window, so each request gets the current one.
    let current: typeof STS = STS;
    let served = 0;
    const uri: Server = createServer((_req, res) => {
      served++;
      const expiration = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Code: 'Success', AccessKeyId: current.accessKeyId, AccessKeySecret: current.accessKeySecret, SecurityToken: current.securityToken, Expiration: expiration }));
    });
    await new Promise<void>((done) => uri.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(uri.address() as AddressInfo).port}/credentials`;
      const session = await start(serverEnv(await freshHome(), { ALIBABA_CLOUD_CREDENTIALS_URI: url }));
      expect((await listRoutes(session)).isError).toBe(false);
      expect(signedWith()).toEqual(new Set([STS.accessKeyId]));
      current = STS_B;
      emulator.get().reset();
      expect((await listRoutes(session)).isError).toBe(false);
      expect(signedWith()).toEqual(new Set([STS_B.accessKeyId]));
      expect(served).toBeGreaterThanOrEqual(2);
      expectNoSecrets(session);
    } finally {
      await new Promise((done) => uri.close(done));
    }
  });

  it('no source at all: live checks are skipped and the chain is never loaded or asked', async () => {
    const session = await start(serverEnv(await freshHome()));
    const validated = body(await session.call('validateRoute', { ...ROUTE }));
    expect(validated.checks.find((c: { name: string }) => c.name === 'gateway').status).toBe('skipped');
    const result = await listRoutes(session);
    expect(body(result).error.code).toBe('CredentialsMissing');
    expect(emulator.get().requests).toHaveLength(0);
  });
});

describe('detectCredentialSources (cheap, synchronous)', () => {
  it('finds each source from the environment and the files that exist, and ignores MCPB placeholders', async () => {
    const dir = await freshHome();
    expect(detectCredentialSources({ HOME: dir })).toEqual([]);
    expect(hasCredentialSource({ HOME: dir, ALIBABA_CLOUD_ACCESS_KEY_ID: '${user_config.access_key_id}', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'x' })).toBe(false);
    expect(detectCredentialSources({ HOME: dir, ALIBABA_CLOUD_ACCESS_KEY_ID: 'a', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'b' })).toEqual(['environment']);
    expect(detectCredentialSources({ HOME: dir, ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/r', ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/p', ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/token' })).toEqual(['oidc']);
    expect(detectCredentialSources({ HOME: dir, ALIBABA_CLOUD_ECS_METADATA: 'my-role' })).toEqual(['ecs-ram-role']);
    expect(detectCredentialSources({ HOME: dir, ALIBABA_CLOUD_ECS_METADATA: 'my-role', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' })).toEqual([]);
    expect(detectCredentialSources({ HOME: dir, ALIBABA_CLOUD_CREDENTIALS_FILE: join(dir, 'missing') })).toEqual([]);
    await mkdir(join(dir, '.aliyun'));
    await writeFile(join(dir, '.aliyun', 'config.json'), '{}');
    await mkdir(join(dir, '.alibabacloud'));
    await writeFile(join(dir, '.alibabacloud', 'credentials'), '');
    expect(detectCredentialSources({ HOME: dir })).toEqual(['aliyun-cli', 'credentials-file']);
    expect(detectCredentialSources({ HOME: dir, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' })).toEqual(['credentials-file']);
  });

  it('dropUnfilledPlaceholders deletes only ${user_config.*} values', () => {
    const env: NodeJS.ProcessEnv = { A: '${user_config.a}', B: ' ${user_config.b} ', C: 'keep', D: 'prefix ${user_config.d}' };
    dropUnfilledPlaceholders(env);
    expect(env).toEqual({ C: 'keep', D: 'prefix ${user_config.d}' });
  });
});

describe('createCredentialsProvider', () => {
  const fakeLibrary = (answers: Array<() => Promise<Record<string, string>>>) => {
    let calls = 0;
    let loads = 0;
    const provider = { getCredentials: async () => (answers[Math.min(calls++, answers.length - 1)] as () => Promise<Record<string, string>>)() };
    const builder = () => ({ build: () => provider });
    const library = { environment: builder, oidc: builder, 'aliyun-cli': builder, 'credentials-file': builder, 'ecs-ram-role': builder, 'credentials-uri': builder } as CredentialsLibrary;
    const load = async () => {
      loads++;
      return library;
    };
    return { load, calls: () => calls, loads: () => loads };
  };
  const env = { HOME: '/nonexistent-home', ALIBABA_CLOUD_ECS_METADATA: 'role', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false' };

  it('loads the library once, on first use, and asks its provider on every call', async () => {
    const fake = fakeLibrary([
      async () => ({ accessKeyId: 'STS.a', accessKeySecret: 's1', securityToken: 't1' }),
      async () => ({ accessKeyId: 'STS.b', accessKeySecret: 's2', securityToken: 't2' }),
    ]);
    const provider = createCredentialsProvider(env, { load: fake.load });
    expect(fake.loads()).toBe(0);
    expect(await provider.getCredentials()).toEqual({ accessKeyId: 'STS.a', accessKeySecret: 's1', securityToken: 't1' });
    expect(await provider.getCredentials()).toEqual({ accessKeyId: 'STS.b', accessKeySecret: 's2', securityToken: 't2' });
    expect(fake.loads()).toBe(1);
    expect(fake.calls()).toBe(2);
  });

  it('turns a failure into CredentialsMissing without the library message, then tries again on the next call', async () => {
    const fake = fakeLibrary([
      async () => {
        throw new Error('parse aliyun cli config failed: {"access_key_secret":"LEAKED-SECRET"}');
      },
      async () => ({ accessKeyId: 'LTAIok', accessKeySecret: 'ok' }),
    ]);
    const provider = createCredentialsProvider(env, { load: fake.load });
    const error = await provider.getCredentials().catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect(isAppError(error) && error.body).toMatchObject({ code: 'CredentialsMissing', source: 'config', retryable: false });
    expect(JSON.stringify(isAppError(error) && error.body)).not.toContain('LEAKED-SECRET');
    expect(await provider.getCredentials()).toEqual({ accessKeyId: 'LTAIok', accessKeySecret: 'ok' });
  });

  it('an answer without a key is no credential', async () => {
    const fake = fakeLibrary([async () => ({ accessKeyId: '', accessKeySecret: '' })]);
    const error = await createCredentialsProvider(env, { load: fake.load }).getCredentials().catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('CredentialsMissing');
  });
});
