// The Claude Desktop bundle: `npm run pack` (scripts/pack.mjs) builds alicloud-vpn-pbr-mcp.mcpb; it is
// unpacked into an empty folder outside the repository (no node_modules within reach) and started the
// way Claude Desktop starts it: the manifest's command and args with ${__dirname} substituted, the
// user's values put into the manifest's env, unfilled optional fields left as `${user_config.NAME}`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { unpackExtension } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { SERVER_ENTRY, useEmulator } from '../e2e/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'bundle-SECRET-6f5e4d3c2b1a';
const KEY_ID = 'LTAIbundleTestKey001';
const SEED: EmulatorSeed = {
  credentials: [{ accessKeyId: KEY_ID, accessKeySecret: SECRET }],
  applyMs: 0,
  gateways: [{ id: 'vpn-bundle0001', regionId: 'cn-hangzhou', pbrPriority: true }],
  connections: [{ id: 'vco-bundle01', gatewayId: 'vpn-bundle0001' }],
};
const ROUTE = { vpnGatewayId: 'vpn-bundle0001', routeSource: '192.168.3.0/24', routeDest: '10.3.0.0/24', nextHop: 'vco-bundle01', weight: 100, publishVpc: true, priority: 5 };

interface Manifest {
  tools: { name: string }[];
  server: { mcp_config: { command: string; args: string[]; env: Record<string, string> } };
}

const emulator = useEmulator(SEED);
let work: string;
let mcpbPath: string;
let installDir: string;
let manifest: Manifest;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vpn-pbr-bundle-'));
  mcpbPath = join(work, 'alicloud-vpn-pbr-mcp.mcpb');
  // --prebuilt: the dist/ `npm test` built. .ci/run runs this file on several Node.js lines at once, and a
  // rebuild on each would rewrite dist/ while another line compares it byte for byte.
  const packed = spawnSync(process.execPath, [join(ROOT, 'scripts/pack.mjs'), '--prebuilt', '--out', mcpbPath], { encoding: 'utf8', timeout: 120_000 });
  if (packed.status !== 0) throw new Error(`npm run pack failed: ${packed.stderr}`);
  installDir = join(work, 'installed');
  await unpackExtension({ mcpbPath, outputDir: installDir, silent: true });
  manifest = JSON.parse(await readFile(join(installDir, 'manifest.json'), 'utf8')) as Manifest;
}, 120_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/')).sort();
}

/** What Claude Desktop does with the manifest: substitute ${__dirname} and the user's values. */
function launchConfig(userValues: Record<string, string>, nodeArgs: string[] = []) {
  const { command, args, env } = manifest.server.mcp_config;
  const substitute = (text: string) =>
    text.replaceAll('${__dirname}', installDir).replace(/\$\{user_config\.([a-z_]+)\}/g, (whole, name: string) => userValues[name] ?? whole);
  expect(command).toBe('node');
  return {
    command: process.execPath,
    args: [...nodeArgs, ...args.map(substitute)],
    env: Object.fromEntries(Object.entries(env).map(([name, value]) => [name, substitute(value)])),
  };
}

interface Running {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

async function launch(
  userValues: Record<string, string>,
  options: { nodeArgs?: string[]; extraEnv?: Record<string, string>; home?: string; protocol?: '2026' } = {},
): Promise<Running> {
  const config = launchConfig(userValues, options.nodeArgs);
  const home = options.home ?? (await mkdtemp(join(work, 'home-')));
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    env: { PATH: process.env.PATH ?? '', HOME: home, USERPROFILE: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...config.env, ...options.extraEnv },
    cwd: work,
    stderr: 'pipe',
  });
  const chunks: Buffer[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  // MCP 2025-11-25 (initialize) as Claude Desktop speaks it today, or 2026-07-28 (its discovery probe spawns a second copy first).
  const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' }, options.protocol === '2026' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(transport);
  return { client, stderr: () => Buffer.concat(chunks).toString('utf8'), close: () => client.close() };
}

const USER_WITH_KEYS = {
  access_key_id: KEY_ID,
  access_key_secret: SECRET,
  region: 'cn-hangzhou',
  read_only: 'false',
  wait_seconds: '10',
  sandbox: 'false',
  // security_token, profile, allowed_regions, allowed_gateways, audit_log: left unfilled.
};

describe('the .mcpb bundle', () => {
  it('holds the manifest, the bin and the one bundled server file it loads (byte for byte), no node_modules, under 1 MB', async () => {
    expect((await stat(mcpbPath)).size).toBeLessThanOrEqual(1024 * 1024);
    expect(await filesUnder(installDir)).toEqual(['manifest.json', 'server/index.mjs', 'server/main.mjs']);
    expect(await readFile(join(installDir, 'server/index.mjs'))).toEqual(await readFile(SERVER_ENTRY));
    expect(await readFile(join(installDir, 'server/main.mjs'))).toEqual(await readFile(join(dirname(SERVER_ENTRY), 'main.mjs')));
  });

  it('leaves the HTTP mode\'s metrics library out: prom-client is in dist/http.js only, which a stdio start never loads', async () => {
    const [stdio, http] = await Promise.all([readFile(SERVER_ENTRY, 'utf8'), readFile(join(dirname(SERVER_ENTRY), 'http.js'), 'utf8')]);
    for (const mark of ['prom-client', 'nodejs_eventloop_lag_seconds']) {
      expect(http, mark).toContain(mark);
      expect(stdio, mark).not.toContain(mark);
    }
  });

  it('is stdio only: --http says so in one line and exits 2 (HTTP mode is dist/http.js of the npm package)', () => {
    const run = spawnSync(process.execPath, [join(installDir, 'server/index.mjs'), '--http', '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/HTTP mode is not part of this copy of the server/);
  });

  it('starts as Claude Desktop would, lists the tools and validates a route against the emulator', async () => {
    const server = await launch(USER_WITH_KEYS, { extraEnv: { VPN_PBR_MCP_ENDPOINT: emulator.get().url } });
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(manifest.tools.map((t) => t.name).sort());
    const result = await server.client.callTool({ name: 'validateRoute', arguments: ROUTE });
    const body = result.structuredContent as { valid: boolean; checks: { name: string; status: string }[]; route: { regionId: string } };
    expect(result.isError).toBe(false);
    expect(body.valid).toBe(true);
    expect(body.route.regionId).toBe('cn-hangzhou');
    expect(body.checks.map((c) => [c.name, c.status])).toContainEqual(['gateway', 'passed']);
    expect(emulator.get().requests.every((r) => r.params.AccessKeyId === KEY_ID && r.params.SecurityToken === undefined)).toBe(true);
    await server.close();
    expect(server.stderr()).not.toContain(SECRET);
  });

  it('runs in sandbox mode with every credential field left unfilled', async () => {
    const server = await launch({ read_only: 'false', wait_seconds: '30', sandbox: 'true' });
    const result = await server.client.callTool({
      name: 'validateRoute',
      arguments: { vpnGatewayId: 'vpn-sandbox0priority01', routeSource: '192.168.20.0/24', routeDest: '10.30.0.0/24', nextHop: 'vco-sandbox0tunnel0a1', weight: 100, publishVpc: true },
    });
    expect(result.structuredContent).toMatchObject({ valid: true, sandbox: true });
    await server.close();
  });

  it('serves a 2026-07-28 client too: the probe copy it starts first leaves no audit line and keeps the sandbox one account', async () => {
    const home = await mkdtemp(join(work, 'home-'));
    const audit = join(home, 'audit.jsonl');
    const user = { read_only: 'false', wait_seconds: '30', sandbox: 'true', audit_log: audit };
    const route = { vpnGatewayId: 'vpn-sandbox0priority01', routeSource: '192.168.21.0/24', routeDest: '10.31.0.0/24', nextHop: 'vco-sandbox0tunnel0a1', weight: 100, publishVpc: true };
    const modern = await launch(user, { home, protocol: '2026' });
    expect(modern.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const dryRun = (await modern.client.callTool({ name: 'createVpnPbrRoute', arguments: route })).structuredContent as { confirmationToken: string };
    await modern.close();
    // The next process (here a 2025 client) shares the sandbox's state and token key: it confirms the dry run.
    const legacy = await launch(user, { home });
    const created = await legacy.client.callTool({ name: 'createVpnPbrRoute', arguments: { ...route, confirmationToken: dryRun.confirmationToken } });
    expect(created.structuredContent).toMatchObject({ status: 'created', sandbox: true });
    await legacy.close();
    const lines = (await readFile(audit, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { phase: string; outcome: string });
    expect(lines.map((l) => `${l.phase}:${l.outcome}`)).toEqual(['dry_run:dry_run_passed', 'create:sending', 'create:created']);
  });

  it('read-only mode from the install dialog hides the create tool', async () => {
    const server = await launch({ ...USER_WITH_KEYS, read_only: 'true' });
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['describeVpnGateway', 'listVpnGateways', 'listVpnPbrRoutes', 'validateRoute']);
    await server.close();
  });

  it('keeps pop-core, @alicloud/credentials and the emulator out of start-up (they load on first use)', async () => {
    // Built-ins only those modules need (http for pop-core's httpx and the emulator, child_process
    // for @alicloud/credentials) show whether any of them was evaluated.
    const probe = join(work, 'probe.mjs');
    await writeFile(
      probe,
      "process.on('exit', () => process.stderr.write(`\\nBUILTINS ${JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)))}\\n`));\n",
    );
    const builtins = (stderr: string) => JSON.parse(/BUILTINS (.*)/.exec(stderr)?.[1] ?? 'null') as string[];
    const lazy = ['http', 'https', 'child_process'];

    // Credentials from a profile: the chain is configured, but must not be loaded before a call.
    const credentialsFile = join(work, 'credentials');
    await writeFile(credentialsFile, `[ops]\ntype = access_key\naccess_key_id = ${KEY_ID}\naccess_key_secret = ${SECRET}\n`);
    const user = { region: 'cn-hangzhou', read_only: 'false', wait_seconds: '10', sandbox: 'false', profile: 'ops' };
    const extraEnv = { VPN_PBR_MCP_ENDPOINT: emulator.get().url, ALIBABA_CLOUD_CREDENTIALS_FILE: credentialsFile };

    const idle = await launch(user, { nodeArgs: ['--import', probe], extraEnv });
    await idle.client.listTools();
    await idle.close();
    expect(builtins(idle.stderr()).filter((m) => lazy.includes(m))).toEqual([]);

    // The probe sees them once they are used: this test can fail.
    const used = await launch(user, { nodeArgs: ['--import', probe], extraEnv });
    const result = await used.client.callTool({ name: 'validateRoute', arguments: ROUTE });
    const checks = (result.structuredContent as { checks: { name: string; status: string }[] }).checks;
    expect(checks.map((c) => [c.name, c.status])).toContainEqual(['gateway', 'passed']);
    await used.close();
    expect(builtins(used.stderr())).toContain('child_process');
    expect(builtins(used.stderr())).toContain('http');
  });
});

// scripts/build.mjs keeps Ajv (vendored inside @modelcontextprotocol/server) out by serving the SDK's own
// "@modelcontextprotocol/{server,client}/_shims" import with a stand-in. These notice when that stops working.
describe('the bundle without Ajv', () => {
  const AJV_MARKERS = ['strictSchema', 'schema with key or id'];

  it('holds no Ajv in the stdio server (dist/main.mjs, loaded by the bin) or in dist/http.js, and the stand-in instead', async () => {
    for (const file of [join(SERVER_ENTRY, '..', 'main.mjs'), join(SERVER_ENTRY, '..', 'http.js')]) {
      const text = await readFile(file, 'utf8');
      for (const marker of AJV_MARKERS) expect(text, `${file} holds Ajv (${marker})`).not.toContain(marker);
      expect(text).toContain('Ajv is not bundled: pass jsonSchemaValidator to the Server');
    }
  });

  it('stands in for exactly what the SDK\'s _shims export (the stand-in would otherwise lack a name)', async () => {
    const shims = await import('@modelcontextprotocol/server/_shims' as string);
    expect(Object.keys(shims).sort()).toEqual(['DefaultJsonSchemaValidator', 'process']);
    // The markers are Ajv's own strings (in the SDK's vendored copy): the check above can fail.
    const dist = join(ROOT, 'node_modules/@modelcontextprotocol/server/dist');
    const provider = (await readdir(dist)).find((f) => /^ajvProvider-.*\.mjs$/.test(f));
    expect(provider).toBeDefined();
    const text = await readFile(join(dist, provider as string), 'utf8');
    for (const marker of AJV_MARKERS) expect(text).toContain(marker);
  });
});
