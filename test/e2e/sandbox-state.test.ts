// A sandbox that outlives its process: one state file shared by consecutive `--sandbox` processes, as a client that
// starts a fresh server per call (the MCP Inspector CLI) needs.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueConfirmationToken, targetDigest } from '../../src/confirm/token.js';
import { DEMO_REGION_ID, DEMO_SEED } from '../../src/emulator/index.js';
import { body, startSession } from './harness.js';

const ROUTE = {
  vpnGatewayId: 'vpn-sandbox0priority01',
  routeSource: '192.168.44.0/24',
  routeDest: '10.44.0.0/24',
  nextHop: 'vco-sandbox0tunnel0a1',
  weight: 100,
  publishVpc: true,
  priority: 5,
};

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'pbr-sandbox-')), 'nested', 'sandbox.json');

/** One tool call in its own sandbox process, like `npx @modelcontextprotocol/inspector --cli … --method tools/call`. */
async function callOnce(args: string[], tool: string, toolArgs: unknown, env: Record<string, string> = {}, stderr?: (text: string) => void) {
  const session = await startSession({ args: ['--sandbox', ...args], env: { VPN_PBR_MCP_WAIT_SECONDS: '5', ...env } });
  try {
    return body(await session.call(tool, toolArgs));
  } finally {
    await session.close();
    stderr?.(session.stderr());
  }
}

const routesOf = (listed: Record<string, any>) => (listed.routes as { routeSource: string }[]).map((r) => r.routeSource);

describe('a sandbox that persists', () => {
  it('confirms in a second process the dry run of a first, and a third lists the route', async () => {
    const file = stateFile();
    const dryRun = await callOnce(['--sandbox-state', file], 'createVpnPbrRoute', ROUTE);
    expect(dryRun.status).toBe('dry_run_passed');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const created = await callOnce(['--sandbox-state', file], 'createVpnPbrRoute', { ...ROUTE, confirmationToken: dryRun.confirmationToken });
    expect(created.status).toBe('created');
    expect(created.sandbox).toBe(true);

    const listed = await callOnce([], 'listVpnPbrRoutes', { vpnGatewayId: ROUTE.vpnGatewayId }, { VPN_PBR_MCP_SANDBOX_STATE: file });
    expect(routesOf(listed)).toContain(ROUTE.routeSource);
    // The state is plain JSON holding the route; never the demo key's secret.
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).emulator.routes.some((r: { routeSource: string }) => r.routeSource === ROUTE.routeSource)).toBe(true);
    expect(text).not.toContain('sandbox-demo-secret-not-a-real-key');
  });

  it('starts over with --sandbox-reset: the demo routes again, and earlier tokens are refused', async () => {
    const file = stateFile();
    const dryRun = await callOnce(['--sandbox-state', file], 'createVpnPbrRoute', ROUTE);
    let log = '';
    const reset = await callOnce(['--sandbox-state', file, '--sandbox-reset'], 'createVpnPbrRoute', { ...ROUTE, confirmationToken: dryRun.confirmationToken }, {}, (text) => {
      log = text;
    });
    expect(reset.error.code).toBe('ConfirmationInvalid');
    expect(reset.routeCreated).toBe(false);
    // The hint names the sandbox's reset, not a secret a sandbox user never set, and says what to do.
    expect(reset.error.hint).toMatch(/^the sandbox was reset \(--sandbox-reset\) .*token key changed: call createVpnPbrRoute without confirmationToken to run phase 1 again/);
    expect(reset.error.hint).not.toContain('VPN_PBR_MCP_CONFIRM_SECRET');
    expect(log).toContain(`sandbox: reset (--sandbox-reset): the demo account as shipped and a new token key in ${file}`);
  });

  it('keeps processes with different state files apart', async () => {
    const dryRun = await callOnce(['--sandbox-state', stateFile()], 'createVpnPbrRoute', ROUTE);
    const elsewhere = await callOnce(['--sandbox-state', stateFile()], 'createVpnPbrRoute', { ...ROUTE, confirmationToken: dryRun.confirmationToken });
    expect(elsewhere.error.code).toBe('ConfirmationInvalid');
  });

  it('stays whole when two sandbox processes write it at once (the last writer wins, no half file)', async () => {
    const file = stateFile();
    const sessions = await Promise.all([0, 1].map(() => startSession({ args: ['--sandbox', '--sandbox-state', file], env: { VPN_PBR_MCP_WAIT_SECONDS: '5' } })));
    const create = async (session: (typeof sessions)[number], i: number) => {
      const route = { ...ROUTE, vpnGatewayId: i === 0 ? ROUTE.vpnGatewayId : 'vpn-sandbox0legacy0001', nextHop: i === 0 ? ROUTE.nextHop : 'vco-sandbox0legacy0a1', priority: i === 0 ? 5 : undefined };
      const dryRun = body(await session.call('createVpnPbrRoute', route));
      return body(await session.call('createVpnPbrRoute', { ...route, confirmationToken: dryRun.confirmationToken })).status;
    };
    expect(await Promise.all(sessions.map((s, i) => create(s, i)))).toEqual(['created', 'created']);
    for (const s of sessions) await s.close();
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const sources = saved.emulator.routes.map((r: { routeSource: string }) => r.routeSource);
    expect(sources.filter((s: string) => s === ROUTE.routeSource).length).toBeGreaterThanOrEqual(1);
  });

  it('starts over, with a warning, from a damaged state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pbr-sandbox-')), 'sandbox.json');
    writeFileSync(file, '{"version": 1, "tokenKey": "not base64 enough"', { mode: 0o600 });
    const session = await startSession({ args: ['--sandbox', '--sandbox-state', file] });
    const listed = body(await session.call('listVpnPbrRoutes', { vpnGatewayId: ROUTE.vpnGatewayId }));
    expect(routesOf(listed)).toEqual(['192.168.10.0/24', '192.168.10.0/24']);
    await session.close();
    expect(session.stderr()).toContain('starting over');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });
});

/** A token for ROUTE signed with `key`, made without any dry run: what whoever knows the sandbox's key can do. */
function forgeToken(key: Buffer): string {
  const account = createHash('sha256').update(`account\n${DEMO_SEED.credentials[0]?.accessKeyId}`).digest('base64url').slice(0, 16);
  const target = targetDigest(['createVpnPbrRoute', 'sandbox', 'built-in emulator', account]);
  return issueConfirmationToken({ regionId: DEMO_REGION_ID, ...ROUTE }, 'never-dry-run', { secret: key, ttlSeconds: 600, target }).token;
}

function plantState(file: string, key: Buffer, mode: number): void {
  writeFileSync(file, JSON.stringify({ version: 1, tokenKey: key.toString('base64') }), { mode });
  execFileSync('chmod', [mode.toString(8), file]);
}

describe('a state file someone else could have written', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'pbr-sandbox-planted-'));

  it('a key in a 0600 state file of ours is the sandbox key (so the forgery below is a real one)', async () => {
    const file = join(dir(), 'sandbox.json');
    const key = randomBytes(32);
    plantState(file, key, 0o600);
    const created = await callOnce(['--sandbox-state', file], 'createVpnPbrRoute', { ...ROUTE, confirmationToken: forgeToken(key) });
    expect(created.status).toBe('created');
  });

  it('a world-writable state file: its key forges nothing, and start-up says it started over', async () => {
    const file = join(dir(), 'sandbox.json');
    const key = randomBytes(32);
    plantState(file, key, 0o666);
    const session = await startSession({ args: ['--sandbox', '--sandbox-state', file], env: { VPN_PBR_MCP_WAIT_SECONDS: '5' } });
    const forged = body(await session.call('createVpnPbrRoute', { ...ROUTE, confirmationToken: forgeToken(key) }));
    expect(forged.error.code).toBe('ConfirmationInvalid');
    expect(forged.routeCreated).toBe(false);
    const listed = body(await session.call('listVpnPbrRoutes', { vpnGatewayId: ROUTE.vpnGatewayId }));
    expect(routesOf(listed)).not.toContain(ROUTE.routeSource);
    await session.close();
    expect(session.stderr()).toMatch(/sandbox: the state file .*sandbox\.json is writable by group or others \(mode 0666\); starting over with a new token key/);
    // Replaced by a fresh 0600 file with another key.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).tokenKey).not.toBe(key.toString('base64'));
  });

  it('a state file that is a symlink, or not a regular file, is not read (a FIFO never hangs the start)', async () => {
    const d = dir();
    const key = randomBytes(32);
    plantState(join(d, 'elsewhere.json'), key, 0o600);
    symlinkSync(join(d, 'elsewhere.json'), join(d, 'link.json'));
    const viaLink = await callOnce(['--sandbox-state', join(d, 'link.json')], 'createVpnPbrRoute', { ...ROUTE, confirmationToken: forgeToken(key) });
    expect(viaLink.error.code).toBe('ConfirmationInvalid');
    execFileSync('mkfifo', ['-m', '0600', join(d, 'fifo.json')]);
    const session = await startSession({ args: ['--sandbox', '--sandbox-state', join(d, 'fifo.json')] });
    expect(body(await session.call('listVpnPbrRoutes', { vpnGatewayId: ROUTE.vpnGatewayId })).routes).toEqual(expect.any(Array));
    await session.close();
    expect(session.stderr()).toMatch(/fifo\.json is not a regular file \(a FIFO\); starting over/);
  });

  it.runIf(process.getuid?.() === 0)('a state file of another user is not trusted (chown: root only)', async () => {
    const d = dir();
    mkdirSync(join(d, 'state'));
    const file = join(d, 'state', 'sandbox.json');
    const key = randomBytes(32);
    plantState(file, key, 0o600);
    chownSync(file, 65534, 65534);
    const forged = await callOnce(['--sandbox-state', file], 'createVpnPbrRoute', { ...ROUTE, confirmationToken: forgeToken(key) });
    expect(forged.error.code).toBe('ConfirmationInvalid');
  });
});
