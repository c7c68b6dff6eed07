// manifest.json (the Claude Desktop bundle's manifest) agrees with the package and the server.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/config.js';
import { VERSION } from '../../src/version.js';
import { binNodeFlags } from '../../scripts/bin-flags.mjs';
import { SERVER_ENTRY, startSession } from '../e2e/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface UserConfigField {
  type: string;
  required?: boolean;
  sensitive?: boolean;
  default?: unknown;
}
const userConfig = manifest.user_config as Record<string, UserConfigField>;
const env = manifest.server.mcp_config.env as Record<string, string>;

describe('manifest.json', () => {
  it('passes `mcpb validate` (the MCPB 0.3 schema)', () => {
    const require = createRequire(import.meta.url);
    // The package's exports hide package.json: its main is dist/index.js, two levels below the root.
    const mcpbRoot = dirname(dirname(require.resolve('@anthropic-ai/mcpb')));
    const cli = join(mcpbRoot, (JSON.parse(readFileSync(join(mcpbRoot, 'package.json'), 'utf8')) as { bin: string }).bin);
    const run = spawnSync(process.execPath, [cli, 'validate', join(ROOT, 'manifest.json')], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('Manifest schema validation passes');
    expect(run.status).toBe(0);
    expect(manifest.manifest_version).toBe('0.3');
  });

  it('has the version of package.json and of the server', () => {
    expect(manifest.version).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
    expect(manifest.name).toBe(pkg.name);
    expect(manifest.license).toBe(pkg.license);
  });

  it("lists exactly the server's tools, each with a description", async () => {
    const session = await startSession({ env: {} });
    const { tools } = await session.client.listTools();
    await session.close();
    expect((manifest.tools as { name: string }[]).map((t) => t.name).sort()).toEqual(tools.map((t) => t.name).sort());
    for (const tool of manifest.tools as { description?: string }[]) expect(tool.description?.length).toBeGreaterThan(20);
  });

  it('runs the bundled server with node and passes configuration through the environment', () => {
    expect(manifest.server).toMatchObject({ type: 'node', entry_point: 'server/index.mjs' });
    expect(manifest.server.mcp_config.command).toBe('node');
    // The node flags of the bin's shebang, so that both ways of starting it run alike.
    expect(binNodeFlags(SERVER_ENTRY)).toEqual(['--max-old-space-size=128', '--max-semi-space-size=2', '--max-opt=2', '--no-concurrent-recompilation']);
    expect(manifest.server.mcp_config.args).toEqual([...binNodeFlags(SERVER_ENTRY), '${__dirname}/server/index.mjs']);
    // And the README's claude_desktop_config.json example.
    const readmeArgs = /"args": (\[[^\]]*\])/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1];
    expect(JSON.parse(readmeArgs ?? '[]')).toEqual([...binNodeFlags(SERVER_ENTRY), '/absolute/path/to/alicloud-vpn-pbr-mcp/dist/index.js']);
    expect(manifest.compatibility).toMatchObject({ platforms: ['darwin', 'win32', 'linux'] });
  });

  it('supports the Node.js lines CI tests, in package.json and the manifest alike', () => {
    expect(manifest.compatibility.runtimes.node).toBe(pkg.engines.node);
    // .ci/run: the whole suite on the machine's Node.js (20 here), the end-to-end suites on the lines it names.
    const ciLines = /^for line in ([\d ]+); do$/m.exec(readFileSync(join(ROOT, '.ci/run'), 'utf8'))?.[1]?.split(' ').map(Number);
    expect(ciLines).toEqual([22, 24, 26]);
    // Each tested line once (the newest open-ended: Claude Desktop runs bundles on its own, current Node.js).
    const named = (pkg.engines.node as string).split('||').map((range) => Number(/^\s*(?:\^|>=)(\d+)\./.exec(range)?.[1]));
    expect(named).toEqual([20, ...(ciLines ?? [])]);
    expect(pkg.engines.node).toMatch(/\|\| >=26\.0\.0$/);
  });

  it('maps every user_config field to a variable the server reads, and uses every field', () => {
    const known = new Set([
      ...OPTIONS.map((o) => o.env),
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_SECURITY_TOKEN',
      'ALIBABA_CLOUD_PROFILE',
    ]);
    const used = new Set<string>();
    for (const [name, value] of Object.entries(env)) {
      expect(known, name).toContain(name);
      const match = /^\$\{user_config\.([a-z_]+)\}$/.exec(value);
      expect(match, `${name} = ${value}`).not.toBeNull();
      const field = (match as RegExpExecArray)[1] as string;
      expect(userConfig, field).toHaveProperty(field);
      used.add(field);
    }
    expect([...used].sort()).toEqual(Object.keys(userConfig).sort());
  });

  it('masks secrets and requires nothing, so sandbox mode and profiles work without keys', () => {
    expect(userConfig.access_key_secret?.sensitive).toBe(true);
    expect(userConfig.security_token?.sensitive).toBe(true);
    expect(userConfig.access_key_id?.sensitive).not.toBe(true);
    for (const [name, field] of Object.entries(userConfig)) expect(field.required ?? false, name).toBe(false);
    // A field with a default is always substituted, so it must be a value the server accepts.
    expect(userConfig.read_only?.default).toBe(false);
    expect(userConfig.sandbox?.default).toBe(false);
    expect(userConfig.wait_seconds?.default).toBe(30);
  });

  it('caps the wait for the gateway at the call budget, which would cut a longer wait short', () => {
    const budget = Number(OPTIONS.find((o) => o.key === 'callBudgetSeconds')?.default);
    const wait = userConfig.wait_seconds as UserConfigField & { min?: number; max?: number };
    expect(wait.max).toBe(budget);
    expect(wait.min).toBe(0);
  });

  it("points package.json's bin at the built bundle", () => {
    expect(pkg.bin).toEqual({ 'alicloud-vpn-pbr-mcp': 'dist/index.js' });
    expect(SERVER_ENTRY).toBe(join(ROOT, 'dist/index.js'));
    const bin = readFileSync(SERVER_ENTRY, 'utf8');
    expect(bin).toMatch(/^#!\/usr\/bin\/env -S node [^\n]+\n/);
    // The bin imports node built-ins only, then loads the server beside it (after turning on the compile cache).
    const binImports = [...bin.matchAll(/\bimport\s*(?:[\w{},\s]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
    expect(binImports.every((name) => name?.startsWith('node:'))).toBe(true);
    expect([...bin.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])).toEqual(['./main.mjs']);
    // The server is one file: its only static import is the createRequire banner.
    const main = readFileSync(join(ROOT, 'dist/main.mjs'), 'utf8');
    expect(main.match(/^import\b[^(].*$/gm)).toEqual(["import { createRequire as __vpnPbrCreateRequire } from 'node:module';"]);
  });
});
