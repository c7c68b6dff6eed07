// Drives the BUILT server in --http mode: spawn the bin with `--http --port 0`, read the listening line
// from stderr, talk to it with the SDK's Streamable HTTP client (or plain fetch for HTTP-level checks).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CallToolResult, Client, type ClientCapabilities, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach } from 'vitest';
import { binNodeFlags } from '../../scripts/bin-flags.mjs';
import { SERVER_ENTRY, baseEnv, clientOptions } from './harness.js';

export interface HttpServerProcess {
  /** http://127.0.0.1:N/mcp */
  url: string;
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<HttpServerProcess>();

/** Stops every server a test started, also when it failed midway. */
export function stopHttpServersAfterEach(): void {
  afterEach(async () => {
    await Promise.all([...running].map((server) => server.stop()));
  });
}

export async function startHttpServer(options: { args?: string[]; env?: Record<string, string | undefined> } = {}): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [...binNodeFlags(SERVER_ENTRY), SERVER_ENTRY, '--http', '--port', '0', ...(options.args ?? [])], {
    env: baseEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const err: Buffer[] = [];
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${Buffer.concat(err).toString()}`)), 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      const match = /^listening on (http:\/\/\S+\/mcp)$/m.exec(Buffer.concat(err).toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${Buffer.concat(err).toString()}`)));
  });
  const server: HttpServerProcess = {
    url,
    child,
    stderr: () => Buffer.concat(err).toString('utf8'),
    exited,
    stop: async (signal = 'SIGTERM') => {
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  running.add(server);
  return server;
}

export interface HttpClient {
  client: Client;
  call(name: string, args: unknown): Promise<CallToolResult & { structuredContent: Record<string, any> }>;
  close(): Promise<void>;
}

export async function connectHttp(
  url: string,
  options: { token?: string; name?: string; capabilities?: ClientCapabilities; headers?: Record<string, string>; protocol?: '2025' | '2026' } = {},
): Promise<HttpClient> {
  const headers: Record<string, string> = { ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}), ...options.headers };
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: options.name ?? 'http-e2e-client', version: '1.0.0' }, clientOptions(options.capabilities, options.protocol));
  await client.connect(transport);
  return {
    client,
    call: async (name, args) =>
      (await client.callTool({ name, arguments: args as Record<string, unknown> }, { timeout: 60_000 })) as never,
    close: () => client.close(),
  };
}

/** One JSON-RPC POST to /mcp, for checks below the MCP client (status codes, headers). */
export async function postMcp(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const LIST_TOOLS = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

/** One tools/call message, for postMcp. */
export function toolCall(name: string, args: unknown, id = 2) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

/** `alicloud-vpn-pbr-mcp new-token NAME`, as an operator runs it. */
export function newToken(principal: string): { token: string; line: string } {
  const out = execFileSync(process.execPath, [...binNodeFlags(SERVER_ENTRY), SERVER_ENTRY, 'new-token', principal], {
    env: baseEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [token, line] = out.trim().split('\n') as [string, string];
  return { token, line };
}

/** A token for each name and a tokens file (with a comment line) that lists them all. */
export function teamTokens<Name extends string>(names: readonly Name[]): { tokens: Record<Name, { token: string; line: string }>; file: string } {
  const tokens = Object.fromEntries(names.map((name) => [name, newToken(name)])) as Record<Name, { token: string; line: string }>;
  const file = join(mkdtempSync(join(tmpdir(), 'pbr-tokens-')), 'tokens');
  writeFileSync(file, `# team\n${Object.values<{ line: string }>(tokens).map((t) => t.line).join('\n')}\n`);
  return { tokens, file };
}
