// `alicloud-vpn-pbr-mcp emulator`: one listening line on stderr, the seed served, a clean stop, exit 2 for bad input.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEmulatorCli } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';
import { clientFor, failureOf, REGION } from './helpers.js';

const ENTRY = fileURLToPath(new URL('./fixtures/cli-entry.ts', import.meta.url));
const KEY = { accessKeyId: 'LTAI5tCliTestKey', accessKeySecret: 'cli-secret' };
const SEED = { credentials: [KEY], applyMs: 0, gateways: [{ id: 'vpn-fromseedfile', pbrPriority: true }] };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function seedFile(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

function run(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Enough of a RunningEmulator for clientFor. */
const at = (url: string) => ({ url }) as RunningEmulator;

describe('emulator sub-command (a real process)', () => {
  it('prints only the listening line on stderr, serves the seed file and stops on SIGTERM', async () => {
    const file = await seedFile('good.json', JSON.stringify(SEED));
    const proc = run(['--port', '0', '--seed', file]);
    await until(() => proc.stderr().includes('\n'));
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(proc.stderr());
    expect(match, proc.stderr()).not.toBeNull();
    const answer = await clientFor(at(match?.[1] ?? ''), KEY)('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: 'vpn-fromseedfile' });
    expect(answer.Status).toBe('active');
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
    expect(proc.stdout()).toBe('');
  });

  it('exits 2 with one line on stderr for a bad seed', async () => {
    const file = await seedFile('bad.json', JSON.stringify({ quota: 'twenty' }));
    const proc = run(['--seed', file]);
    expect(await proc.exit).toBe(2);
    expect(proc.stderr()).toMatch(/^alicloud-vpn-pbr-mcp emulator: invalid emulator seed: quota: must be an integer from 1 to 100000\n$/);
    expect(proc.stdout()).toBe('');
  });
});

describe('runEmulatorCli (in process)', () => {
  async function refused(args: string[]): Promise<string> {
    let err = '';
    const code = await runEmulatorCli(args, { stderr: (t) => (err += t), stdout: () => undefined });
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(2); // one line and its newline
    return err;
  }

  it.each([
    [['--port', 'eighty'], /--port must be a number from 0 to 65535/],
    [['--port=70000'], /--port must be a number/],
    [['--port'], /--port needs a value/],
    [['--verbose'], /unknown option --verbose/],
    [['--seed', '/nonexistent/seed.json'], /cannot read seed file \/nonexistent\/seed\.json: ENOENT/],
  ])('refuses %j', async (args, message) => {
    expect(await refused(args)).toMatch(message);
  });

  it('refuses a seed file that is not JSON, naming the problem', async () => {
    const file = await seedFile('broken.json', '{"quota": 20,\n}');
    expect(await refused(['--seed', file])).toMatch(/invalid emulator seed: not valid JSON/);
  });

  it('serves with --port=0 until its signal aborts, then resolves 0', async () => {
    let err = '';
    const stop = new AbortController();
    const running = runEmulatorCli(['--port=0', `--seed=${await seedFile('inproc.json', JSON.stringify(SEED))}`], { stderr: (t) => (err += t), signal: stop.signal });
    await until(() => err.includes('\n'));
    const url = /^listening on (\S+)\n$/.exec(err)?.[1] ?? '';
    const failure = await failureOf(clientFor(at(url), KEY)('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: 'vpn-nothere' }));
    expect(failure.code).toBe('InvalidVpnGatewayInstanceId.NotFound');
    stop.abort();
    expect(await running).toBe(0);
  });

  it('prints usage for --help on stdout and succeeds', async () => {
    let out = '';
    expect(await runEmulatorCli(['--help'], { stdout: (t) => (out += t), stderr: () => undefined })).toBe(0);
    expect(out).toContain('Usage: alicloud-vpn-pbr-mcp emulator [--port N] [--seed FILE]');
  });
});
