// Spawning an MCP server over stdio with the SDK's Client, timing start-up, and reading a child's memory; spawning
// a process that serves HTTP (our --http server, the emulator sub-command) and waiting until it listens.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CallToolResult, Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import type { EmulatorSeed } from '../src/emulator/index.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const MINIMAL_SERVER = resolve(import.meta.dirname, 'minimal-server.mjs');

/** The entry users run: package.json `bin` (a string, or the command named like the package, or the only one). */
export async function serverEntry(): Promise<string> {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { name?: string; bin?: string | Record<string, string> };
  let bin: string | undefined;
  if (typeof pkg.bin === 'string') bin = pkg.bin;
  else if (pkg.bin !== undefined) bin = (pkg.name !== undefined ? pkg.bin[pkg.name] : undefined) ?? Object.values(pkg.bin)[0];
  if (bin === undefined) throw new Error('package.json has no bin entry');
  const entry = resolve(ROOT, bin);
  try {
    await access(entry);
  } catch {
    throw new Error(`the server entry ${bin} (package.json bin) does not exist: run npm run build first`);
  }
  return entry;
}

/** What a server sees of the environment besides the SDK's defaults (PATH, HOME, ...): never our own credentials. */
export function serverEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

export interface Session {
  client: Client;
  pid: number;
  /** Wall time from just before the spawn to the tools/list answer. */
  startupMs: number;
  toolNames: string[];
  stderr(): string;
  close(): Promise<void>;
}

/**
 * Spawns `node [nodeArgs] <script> ...args` (by default the bench's own node, with the node flags of the script's
 * shebang, as users start it), connects the SDK client (initialize) and lists the tools, timing all of it.
 */
export async function startSession(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = binNodeFlags(script),
  node: string = process.execPath,
): Promise<Session> {
  const transport = new StdioClientTransport({ command: node, args: [...nodeArgs, script, ...args], env, stderr: 'pipe', cwd: ROOT });
  const errors: Buffer[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => errors.push(chunk));
  const stderr = () => Buffer.concat(errors).toString('utf8');
  const client = new Client({ name: 'bench-client', version: '1.0.0' }, { capabilities: {} });
  const started = performance.now();
  let listed: Awaited<ReturnType<Client['listTools']>>;
  try {
    await client.connect(transport);
    listed = await client.listTools();
  } catch (error) {
    await client.close().catch(() => {});
    throw new Error(`${script} did not answer tools/list: ${error instanceof Error ? error.message : String(error)}\n${stderr()}`);
  }
  const startupMs = performance.now() - started;
  const pid = transport.pid;
  if (pid === null) throw new Error(`${script}: no child process id`);
  return {
    client,
    pid,
    startupMs,
    toolNames: listed.tools.map((t) => t.name),
    stderr,
    close: () => client.close(),
  };
}

export interface Listening {
  child: ChildProcess;
  /** What the process said it listens on. */
  url: string;
  /** All it has written on stderr so far. */
  stderr(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Spawns `command ...args` (in ROOT, with PATH and HOME and `env`) and resolves once its stderr has a line
 * `listening on http://…`: our --http server and the emulator sub-command print one.
 */
export async function startListening(command: string, args: string[], env: Record<string, string>): Promise<Listening> {
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const url = await new Promise<string>((done, fail) => {
    child.stderr?.on('data', () => {
      const match = /^listening on (http:\/\/\S+)$/m.exec(err);
      if (match) done(match[1] as string);
    });
    void exited.then(() => fail(new Error(`${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before listening: ${err}`)));
  });
  return {
    child,
    url,
    stderr: () => err,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The emulator as a process of its own (`<entry> emulator`, on the bench's node, any free port) holding `seed`. */
export function startEmulatorProcess(entry: string, seed: EmulatorSeed): Promise<Listening> {
  const seedFile = join(mkdtempSync(join(tmpdir(), 'vpn-pbr-emulator-')), 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  return startListening(process.execPath, [entry, 'emulator', '--port', '0', '--seed', seedFile], {});
}

export type ToolResult = CallToolResult & { structuredContent?: Record<string, unknown> };

/** Calls a tool; a protocol error or an isError result is a failed measurement. */
export async function callTool(session: Session, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const result = (await session.client.callTool({ name, arguments: args }, { timeout: 60_000 })) as ToolResult;
  if (result.isError) {
    const text = result.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n');
    throw new Error(`${name} returned an error:\n${text}`);
  }
  return result;
}

export interface Memory {
  /** Resident set size now, kB. */
  rssKb: number;
  /** Peak resident set size, kB. */
  hwmKb: number;
}

/** VmRSS and VmHWM of a live process, from /proc/<pid>/status (Linux). */
export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${name}`);
    return Number(match[1]);
  };
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** VmRSS of a process, kB, or 0 once it is gone. */
export function rssKbOrZero(pid: number): number {
  try {
    return readMemory(pid).rssKb;
  } catch {
    return 0;
  }
}

/**
 * Peak VmRSS of a process, sampled every 50 ms while `running()` (a process that dies takes its VmHWM with it, so
 * it is read while it lives). peakKb() is the peak so far; stop() ends the sampling.
 */
export function sampleRss(pid: number, running: () => boolean = () => true): { peakKb(): number; stop(): void } {
  let peakKb = readMemory(pid).rssKb;
  const sampler = setInterval(() => {
    if (running()) peakKb = Math.max(peakKb, rssKbOrZero(pid));
  }, 50);
  return { peakKb: () => peakKb, stop: () => clearInterval(sampler) };
}

/** CPU time (user + system, all threads) a live process has used so far, ms, from /proc/<pid>/stat (Linux). */
export function readCpuMs(pid: number): number {
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th, in clock ticks (100 Hz on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`/proc/${pid}/stat has no CPU times`);
  return ticks * 10;
}
