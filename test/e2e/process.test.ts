// The server as a process: configuration, sandbox mode, credentials, token lifetime, other processes.
import { existsSync, mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE, SECRET, STS_TOKEN } from './fixtures.js';
import { body, emulatorEnv, nonJsonRpcStdout, runServerProcess, SERVER_ENTRY, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);
const { realCreates } = emulated;

describe('start-up', () => {
  it.each([
    [['--confirm-ttl', '0'], {}, /between 1 and 3600/],
    [['--no-such-flag'], {}, /unknown option --no-such-flag/],
    [[], { VPN_PBR_MCP_ENDPOINT: 'not a url' }, /VPN_PBR_MCP_ENDPOINT must be an http\(s\) URL/],
    [[], { VPN_PBR_MCP_AUDIT_LOG: '/nonexistent-dir/x/audit.jsonl' }, /cannot open the audit log/],
  ])('stops on bad configuration %j %j with one clear stderr line', async (args, env, message) => {
    const result = await runServerProcess(args, env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  // .ci/run runs this suite on every maintained Node.js line: the server must run on the line under test.
  it.runIf(existsSync('/proc/self/exe'))('runs the built server on the Node.js that runs the tests', async () => {
    const session = await startSession();
    try {
      expect(realpathSync(`/proc/${session.child.pid}/exe`)).toBe(realpathSync(process.execPath));
    } finally {
      await session.close();
    }
  });

  it("keeps V8's compiled code under the user's cache directory where node can (>= 22.1), and the next start uses it", async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pbr-cache-'));
    // Node's own debug lines about its compile cache go to stderr.
    const env = { XDG_CACHE_HOME: cache, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
    const starts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const session = await startSession({ env });
      await session.close();
      expect(nonJsonRpcStdout(session.stdout())).toEqual([]);
      starts.push(session.stderr());
    }
    const directory = join(cache, 'alicloud-vpn-pbr-mcp', 'compile-cache');
    if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
      expect(readdirSync(directory).filter((d) => d.startsWith(`${process.version}-`))).toHaveLength(1);
      expect(starts[1]).toMatch(/main\.mjs was accepted/);
    } else {
      expect(existsSync(directory)).toBe(false);
    }
  });

  it('--help prints usage on stderr, never stdout', async () => {
    const result = await runServerProcess(['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('VPN_PBR_MCP_CONFIRM_TTL_SECONDS');
  });
});

describe('sandbox mode', () => {
  it('runs the whole workflow against the built-in emulator and says so in every result', async () => {
    const session = await startSession({ args: ['--sandbox'] });
    const route = {
      vpnGatewayId: 'vpn-sandbox0priority01',
      routeSource: '192.168.20.0/24',
      routeDest: '10.30.0.0/24',
      nextHop: 'vco-sandbox0tunnel0a1',
      weight: 100,
      publishVpc: true,
      priority: 5,
    };
    const results = [];
    results.push(await session.call('validateRoute', route));
    const dry = await session.call('createVpnPbrRoute', route);
    results.push(dry);
    results.push(await session.call('createVpnPbrRoute', { ...route, confirmationToken: body(dry).confirmationToken }));
    results.push(await session.call('listVpnPbrRoutes', { vpnGatewayId: route.vpnGatewayId }));
    results.push(await session.call('validateRoute', { ...route, weight: 7 }));
    expect(results.map((r) => body(r).sandbox)).toEqual([true, true, true, true, true]);
    expect(body(results[2]!).status).toBe('created');
    expect(body(results[3]!).routes).toHaveLength(3);
    await session.close();
    expect(nonJsonRpcStdout(session.stdout())).toEqual([]);
    expect(session.stderr()).toContain('sandbox');
  });
});

describe('without credentials', () => {
  it('validates offline, says the live checks were skipped, and refuses to create', async () => {
    const session = await startSession({ env: { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' } });
    const validated = body(await session.call('validateRoute', GOOD_ROUTE));
    expect(validated.valid).toBe(true);
    expect(validated.checks.filter((c: { status: string }) => c.status === 'skipped').map((c: { name: string }) => c.name)).toEqual([
      'gateway',
      'nextHop',
      'existingRoutes',
    ]);
    expect(validated.summary).toContain('no credentials are configured');
    const create = await session.call('createVpnPbrRoute', GOOD_ROUTE);
    expect(create.isError).toBe(true);
    expect(body(create).error).toMatchObject({ code: 'CredentialsMissing', source: 'config' });
    expect(body(create).routeCreated).toBe(false);
    // Every tool that reads the account refuses alike, and the start-up line says so.
    const gateway = { vpnGatewayId: GOOD_ROUTE.vpnGatewayId };
    for (const [tool, args] of [
      ['listVpnGateways', {}],
      ['describeVpnGateway', gateway],
      ['listVpnPbrRoutes', gateway],
      ['deleteVpnPbrRoute', { ...gateway, routeSource: GOOD_ROUTE.routeSource, routeDest: GOOD_ROUTE.routeDest, nextHop: GOOD_ROUTE.nextHop, weight: 100 }],
    ] as const) {
      expect(body(await session.call(tool, args)).error?.code, tool).toBe('CredentialsMissing');
    }
    await session.close();
    expect(session.stderr()).toContain(
      'no credentials configured: validateRoute checks offline only; every tool that reads or changes the account refuses with CredentialsMissing',
    );
  });

  it('asks for a region rather than guessing one, and still reports every other problem', async () => {
    const session = await startSession({ env: {} });
    const validated = await session.call('validateRoute', { ...GOOD_ROUTE, weight: 5 });
    expect(validated.isError).toBe(false);
    expect(body(validated).valid).toBe(false);
    expect(body(validated).issues.map((i: { code: string }) => i.code)).toEqual(['RegionRequired', 'VpnRouteEntry.InvalidWeight']);
    expect(body(validated).route).not.toHaveProperty('regionId');

    const created = await session.call('createVpnPbrRoute', GOOD_ROUTE);
    expect(body(created).error).toMatchObject({ code: 'RegionRequired', source: 'input', field: 'regionId' });
    expect(body(created).routeCreated).toBe(false);
    const listed = await session.call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2eprio01' });
    expect(body(listed).error.code).toBe('RegionRequired');
    await session.close();
  });

  it('reports an invalid route as such before saying credentials are missing', async () => {
    const session = await startSession({ env: { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' } });
    const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, routeDest: '10.0.0.1/24' });
    expect(body(result).error).toMatchObject({ code: 'ValidationFailed' });
    expect(body(result).error.issues[0]).toMatchObject({ code: 'InvalidCidrBlock.Malformed', field: 'routeDest' });
    await session.close();
  });
});

describe('live checks that cannot run', () => {
  it('says plainly that the route was checked offline only when the account cannot be read', async () => {
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'a-wrong-secret', VPN_PBR_MCP_MAX_ATTEMPTS: '1' }),
    });
    const b = body(await session.call('validateRoute', GOOD_ROUTE));
    expect(b.checks.filter((c: { status: string }) => c.status === 'error').map((c: { name: string }) => c.name)).toEqual([
      'gateway',
      'nextHop',
      'existingRoutes',
    ]);
    expect(b.summary).toMatch(/^Valid offline: .*but not every live check could run: gateway \(SignatureDoesNotMatch\)/);
    expect(b.issues.every((i: { severity: string; code: string }) => i.severity === 'warning' && i.code === 'SignatureDoesNotMatch')).toBe(true);
    await session.close();
    expect(session.stderr()).not.toContain('a-wrong-secret');
    // The source of static keys is logged by name, never by value.
    expect(session.stderr()).toContain(
      'credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN (environment, STS)\n',
    );
    expect(session.stderr()).not.toContain(STS_TOKEN);
  });
});

describe('confirmation across time and processes', () => {
  it('refuses an expired token and sends nothing', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '1' }) });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    await new Promise((r) => setTimeout(r, 2100));
    const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(result).error.code).toBe('ConfirmationExpired');
    expect(body(result).routeCreated).toBe(false);
    expect(realCreates()).toHaveLength(0);
    await session.close();
  });

  it('a process with the same secret accepts the token and replays create no second route; another secret refuses', async () => {
    const shared = { VPN_PBR_MCP_CONFIRM_SECRET: 'team-shared-secret-0123456789' };
    const a = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, shared) });
    const b = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, shared) });
    const c = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const token = body(await a.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;

    const refused = await c.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(refused).error.code).toBe('ConfirmationInvalid');
    expect(realCreates()).toHaveLength(0);

    expect(body(await b.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token })).status).toBe('created');
    expect(body(await a.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token })).status).toBe('created');
    expect(emulated.get().routes('vpn-e2eprio01').filter((r) => r.routeDest === GOOD_ROUTE.routeDest)).toHaveLength(1);
    expect(new Set(realCreates().map((r) => r.params.ClientToken)).size).toBe(1);
    // Same secret, but a server whose creates go elsewhere (its own sandbox) never accepts this dry run.
    const d = await startSession({ args: ['--sandbox'], env: shared });
    const elsewhere = await d.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(elsewhere).error.code).toBe('ConfirmationMismatch');
    expect(body(elsewhere).routeCreated).toBe(false);
    await d.close();
    for (const s of [a, b, c]) {
      await s.close();
      expect(s.stderr()).not.toContain(SECRET);
      expect(s.stderr()).not.toContain(STS_TOKEN);
    }
  });

  it('reports "submitted" when the wait is off, and a clientToken given at the dry run is the one sent', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_WAIT_SECONDS: '0' }) });
    const token = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, clientToken: 'my-own-token-1' })).confirmationToken;
    const other = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token, clientToken: 'my-own-token-2' }));
    expect(other.error.code).toBe('ConfirmationMismatch');
    expect(other.error.issues.map((i: { field: string }) => i.field)).toEqual(['clientToken']);
    const result = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token, clientToken: 'my-own-token-1' }));
    expect(result.status).toBe('submitted');
    expect(result.routeCreated).toBe(true);
    expect(result.summary).toContain('listVpnPbrRoutes');
    expect(realCreates().map((r) => r.params.ClientToken)).toEqual(['my-own-token-1']);
    await session.close();
  });

  it('sends progress notifications while it waits for the gateway, when the client asks', async () => {
    const slow = await startEmulator({ seed: { ...E2E_SEED, applyMs: 1500 }, port: 0 });
    const session = await startSession({ env: emulatorEnv(slow, E2E_SEED) });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const progress: string[] = [];
    const result = await session.call(
      'createVpnPbrRoute',
      { ...GOOD_ROUTE, confirmationToken: token },
      { onprogress: (p) => progress.push(p.message ?? '') },
    );
    expect(body(result).status).toBe('created');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/updating/);
    await session.close();
    await slow.close();
  });
});

describe('emulator sub-command', () => {
  it('`emulator --port 0 --seed FILE` prints the listening line on stderr and serves the seed', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const seedFile = join(mkdtempSync(join(tmpdir(), 'pbr-seed-')), 'seed.json');
    writeFileSync(seedFile, JSON.stringify(E2E_SEED));
    const child = spawn(process.execPath, [SERVER_ENTRY, 'emulator', '--port', '0', '--seed', seedFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const url = await new Promise<string>((done, fail) => {
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stderr);
        if (match?.[1]) done(match[1]);
      });
      child.on('exit', () => fail(new Error(`exited early: ${stderr}`)));
    });
    // The server, pointed at it with the seed's STS credential, sees the seeded gateway.
    const session = await startSession({ env: { ...emulatorEnv({ url } as never, E2E_SEED) } });
    const listed = body(await session.call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2eprio01' }));
    expect(listed.routes).toHaveLength(1);
    await session.close();
    child.kill('SIGTERM');
    const code = await new Promise((done) => child.on('exit', done));
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});

describe('npm run demo', () => {
  it("drives the built server through the whole workflow, exits 0 and leaves the user's own sandbox state alone", async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join, resolve } = await import('node:path');
    // A user whose sandbox holds routes and tokens: under ~/.cache, and under $XDG_CACHE_HOME, which wins.
    const home = mkdtempSync(join(tmpdir(), 'pbr-demo-home-'));
    const states = [join(home, '.cache'), join(home, 'xdg-cache')].map((cache) => {
      const file = join(cache, 'alicloud-vpn-pbr-mcp', 'sandbox.json');
      mkdirSync(join(cache, 'alicloud-vpn-pbr-mcp'), { recursive: true });
      writeFileSync(file, `${JSON.stringify({ version: 1, tokenKey: Buffer.alloc(32, 1).toString('base64'), emulator: { mine: true } })}\n`, { mode: 0o600 });
      return { file, bytes: readFileSync(file) };
    });
    const demo = resolve(import.meta.dirname, '../../scripts/demo.mjs');
    const run = spawnSync(process.execPath, [demo], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, 'xdg-cache') },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ demo finished');
    expect(run.stdout).toContain('InvalidCidrBlock.Malformed');
    expect(run.stdout).toContain('ConfirmationMismatch');
    for (const { file, bytes } of states) expect(readFileSync(file).equals(bytes), file).toBe(true);
    rmSync(home, { recursive: true, force: true });
  });
});
