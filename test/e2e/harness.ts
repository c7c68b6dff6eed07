// Drives the BUILT server (package.json's bin) over stdio with the SDK's Client, recording every stdout byte.
// The Client speaks MCP 2025-11-25 (initialize) by default, as the suite always has; E2E_PROTOCOL=2026 runs the
// same tests with version negotiation on, i.e. MCP 2026-07-28 (per-request capabilities, input_required rounds).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  type CallToolResult,
  Client,
  type ClientCapabilities,
  type ElicitResult,
  type JSONRPCMessage,
  ReadBuffer,
  serializeMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { binNodeFlags } from '../../scripts/bin-flags.mjs';
import { type EmulatorSeed, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

// Exactly what users run: package.json's bin (the esbuild bundle that the .mcpb also ships).
const PACKAGE_JSON = resolve(import.meta.dirname, '../../package.json');
export const SERVER_ENTRY = resolve(
  dirname(PACKAGE_JSON),
  (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { bin: Record<string, string> }).bin['alicloud-vpn-pbr-mcp'] as string,
);

/** A stdio client transport that also keeps every byte the server wrote to stdout and stderr. */
class RecordingTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly stdout: Buffer[] = [];
  readonly stderr: Buffer[] = [];
  private readonly buffer = new ReadBuffer();
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((done) => child.on('exit', (code) => done(code)));
    child.stdout?.on('data', (chunk: Buffer) => {
      this.stdout.push(chunk);
      this.buffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = this.buffer.readMessage();
        } catch (error) {
          this.onerror?.(error as Error);
          continue;
        }
        if (message === null) break;
        this.onmessage?.(message);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    child.on('close', () => this.onclose?.());
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    await new Promise<void>((done, fail) => {
      this.child.stdin?.write(serializeMessage(message), (error) => (error ? fail(error) : done()));
    });
  }

  async close(): Promise<void> {
    this.child.stdin?.end();
  }
}

/** The protocol the suite's clients speak: 2025-11-25 unless E2E_PROTOCOL=2026. */
export const E2E_MODERN = process.env.E2E_PROTOCOL === '2026';

/** The Client options of the suite's protocol, or of the one a test names ('2026': version negotiation on). */
export function clientOptions(capabilities: ClientCapabilities = {}, protocol?: '2025' | '2026') {
  const modern = protocol === undefined ? E2E_MODERN : protocol === '2026';
  return modern ? { capabilities, versionNegotiation: { mode: 'auto' as const } } : { capabilities };
}

export interface SessionOptions {
  env?: Record<string, string | undefined>;
  args?: string[];
  capabilities?: ClientCapabilities;
  onElicit?: (message: string) => ElicitResult | Promise<ElicitResult>;
  clientName?: string;
  /** The protocol the client speaks; default: the suite's (E2E_PROTOCOL). */
  protocol?: '2025' | '2026';
}

export interface Session {
  client: Client;
  call(name: string, args: unknown, options?: { onprogress?: (p: { progress: number; message?: string }) => void }): Promise<CallToolResult & { structuredContent: Record<string, any> }>;
  stdout(): string;
  stderr(): string;
  close(): Promise<number | null>;
  /** The server process itself: for signals and raw stdin bytes. */
  child: ChildProcess;
  /** Resolves with the exit code once the server process has exited (null when killed by a signal). */
  exited: Promise<number | null>;
}

const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'pbr-home-'));

export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // An empty home: the developer's own ~/.aliyun or ~/.alibabacloud must not switch on live checks.
    HOME: EMPTY_HOME,
    USERPROFILE: EMPTY_HOME,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/** Environment that points the server at an emulator with the seed's first credential. */
export function emulatorEnv(emulator: RunningEmulator, seed: EmulatorSeed, extra: Record<string, string | undefined> = {}) {
  const credential = seed.credentials?.[0];
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: credential?.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credential?.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: credential?.securityToken,
    ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
    VPN_PBR_MCP_ENDPOINT: emulator.url,
    VPN_PBR_MCP_TIMEOUT_MS: '1500',
    VPN_PBR_MCP_WAIT_SECONDS: '10',
    ...extra,
  };
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const child = spawn(process.execPath, [...binNodeFlags(SERVER_ENTRY), SERVER_ENTRY, ...(options.args ?? [])], {
    env: baseEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const transport = new RecordingTransport(child);
  const client = new Client({ name: options.clientName ?? 'e2e-test-client', version: '1.2.3' }, clientOptions(options.capabilities, options.protocol));
  if (options.onElicit) {
    const onElicit = options.onElicit;
    // 2025: the server's elicitation/create; 2026: the client answers an input_required round with it.
    client.setRequestHandler('elicitation/create', async (request) => onElicit(request.params.message));
  }
  await client.connect(transport);
  await client.listTools();
  return {
    client,
    call: async (name, args, callOptions) =>
      (await client.callTool({ name, arguments: args as Record<string, unknown> }, {
        onprogress: callOptions?.onprogress,
        timeout: 60_000,
      })) as never,
    child,
    exited: transport.exited,
    stdout: () => Buffer.concat(transport.stdout).toString('utf8'),
    stderr: () => Buffer.concat(transport.stderr).toString('utf8'),
    close: async () => {
      await client.close();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await transport.exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs the server with arguments/env and returns its exit code and output (for start-up failures). */
export async function runServerProcess(args: string[], env: Record<string, string | undefined>, stdin = '') {
  const child = spawn(process.execPath, [...binNodeFlags(SERVER_ENTRY), SERVER_ENTRY, ...args], { env: baseEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(stdin);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  clearTimeout(timer);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Every stdout line must be one JSON-RPC 2.0 message; nothing else may ever appear there. */
export function nonJsonRpcStdout(stdout: string): string[] {
  const bad: string[] = [];
  if (stdout.length > 0 && !stdout.endsWith('\n')) bad.push(`unterminated: ${stdout.slice(stdout.lastIndexOf('\n') + 1)}`);
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    try {
      const message = JSON.parse(line) as { jsonrpc?: unknown };
      if (message.jsonrpc !== '2.0') bad.push(line);
    } catch {
      bad.push(line);
    }
  }
  return bad;
}

export function body(result: CallToolResult): Record<string, any> {
  return result.structuredContent as Record<string, any>;
}

/** One emulator for a test file, reset to its seed before each test. */
export function useEmulator(seed: EmulatorSeed) {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ seed, port: 0 });
  });
  afterAll(async () => emulator?.close());
  beforeEach(() => emulator?.reset());
  const get = (): RunningEmulator => {
    if (!emulator) throw new Error('the emulator is not started yet');
    return emulator;
  };
  return {
    get,
    /** Creates that were really sent (not dry runs). */
    realCreates: () => get().requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun !== 'true'),
  };
}
