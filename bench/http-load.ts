// HTTP load measured as a peer makes it: the emulator (the API), our `--http` server, the SDK's minimal stateless
// HTTP server (bench/minimal-http-server.mjs) and the load generator (autocannon, bench/load-generator.mjs) each
// run in a process of their own. For each request (tools/list, an offline validateRoute, a live one) and 1, 10 and
// 50 connections: requests/s, p50, p99 and the server's resident memory, ours and the minimal server's one after
// the other on the same Node.js. Requests speak MCP 2026-07-28 (stateless by design: no session, one POST each,
// JSON answers). The minimal server answers tools/list and its echo tool: the reference for both validate rows.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import { type Listening, readMemory, ROOT, serverEnv, startEmulatorProcess, startListening } from './process.js';
import { benchSeed, CHECKED_ROUTE, emulatorServerEnv, REGION_ID } from './seed.js';

const LOAD_CONNECTIONS = [1, 10, 50];

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx or lacked the expected content, connection errors and timeouts. */
  errors: number;
  answered: number;
  /** What failed, and the first answer that lacked the expected content (cut). */
  failures?: { connectionErrors: number; timeouts: number; non2xx: number; mismatches: number; firstMismatch?: string };
  /** VmRSS of the server right after this load (the same process served the smaller loads before), and its peak. */
  rssKb: number;
  peakKb: number;
}

export interface LoadRow {
  request: LoadRequest;
  connections: number;
  ours: LoadFigures;
  minimal: LoadFigures;
}

export type LoadRequest = 'tools/list' | 'validateRoute, offline' | 'validateRoute, live';

export interface LoadOptions {
  entry: string;
  /** The node binary that runs both servers (ours with its shebang's node flags); the emulator and the load generator run on the bench's own. */
  node: string;
  seconds?: number;
  routeCount?: number;
  log?: (line: string) => void;
}

const LOAD_GENERATOR = resolve(import.meta.dirname, 'load-generator.mjs');
const MINIMAL_HTTP_SERVER = resolve(import.meta.dirname, 'minimal-http-server.mjs');
const PROTOCOL = '2026-07-28';

/** One MCP 2026-07-28 request as a stateless POST: the headers the revision requires and the per-request envelope. */
function mcpPost(method: string, params: Record<string, unknown>, name?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL,
    'mcp-method': method,
    ...(name ? { 'mcp-name': name } : {}),
  };
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': PROTOCOL,
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': { name: 'autocannon', version: '9.0.0' },
  };
  return { headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { ...params, _meta } }) };
}

const callTool = (name: string, args: Record<string, unknown>) => mcpPost('tools/call', { name, arguments: args }, name);

// The offline validate: our server started without credentials checks the route's rules only.
const REQUESTS: Record<LoadRequest, { ours: ReturnType<typeof mcpPost> & { expect: string }; minimal: ReturnType<typeof mcpPost> & { expect: string }; credentials: boolean }> = {
  'tools/list': {
    ours: { ...mcpPost('tools/list', {}), expect: '"name":"validateRoute"' },
    minimal: { ...mcpPost('tools/list', {}), expect: '"name":"echo"' },
    credentials: false,
  },
  'validateRoute, offline': {
    ours: { ...callTool('validateRoute', { ...CHECKED_ROUTE }), expect: '"valid":true' },
    minimal: { ...callTool('echo', { text: 'hi' }), expect: '"text":"hi"' },
    credentials: false,
  },
  'validateRoute, live': {
    ours: { ...callTool('validateRoute', { ...CHECKED_ROUTE }), expect: '{"name":"existingRoutes","status":"passed"' },
    minimal: { ...callTool('echo', { text: 'hi' }), expect: '"text":"hi"' },
    credentials: true,
  },
};
// Measured in this order.
const LOAD_REQUESTS = Object.keys(REQUESTS) as LoadRequest[];

/** autocannon in its own process (on the bench's node): one request over `connections` connections for `seconds`. */
async function generateLoad(url: string, request: { headers: Record<string, string>; body: string; expect: string }, connections: number, seconds: number) {
  const job = JSON.stringify({ url, headers: request.headers, body: request.body, expect: request.expect, connections, seconds });
  const child = spawn(process.execPath, [LOAD_GENERATOR, job], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`the load generator exited ${code}`);
  return JSON.parse(out) as Omit<LoadFigures, 'rssKb' | 'peakKb'>;
}

async function measure(server: Listening, request: { headers: Record<string, string>; body: string; expect: string }, connections: number, seconds: number): Promise<LoadFigures> {
  const figures = await generateLoad(server.url, request, connections, seconds);
  const memory = readMemory(server.child.pid as number);
  return { ...figures, rssKb: memory.rssKb, peakKb: memory.hwmKb };
}

export async function benchHttpLoad({ entry, node, seconds = 5, routeCount = 100, log = () => {} }: LoadOptions): Promise<LoadRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'vpn-pbr-load-'));
  // The API: the emulator as its own process, on the bench's node, answering at once.
  const emulator = await startEmulatorProcess(entry, benchSeed(routeCount));
  const rows: LoadRow[] = [];
  try {
    for (const request of LOAD_REQUESTS) {
      const spec = REQUESTS[request];
      const env = {
        ...serverEnv({
          HOME: work,
          // Every loopback caller is `anonymous`: the per-principal rate and concurrency limits would answer 429 to
          // this load (bench/attack.ts measures them).
          VPN_PBR_MCP_HTTP_RATE_PER_MINUTE: '1000000',
          VPN_PBR_MCP_MAX_CALLS_PER_CALLER: '1000',
          VPN_PBR_MCP_MAX_CALLS_PER_CONNECTION: '1000',
          VPN_PBR_MCP_MAX_CALLS_TOTAL: '1000',
          ALIBABA_CLOUD_REGION_ID: REGION_ID,
        }),
        ...(spec.credentials ? emulatorServerEnv(emulator) : {}),
      };
      // A fresh pair of servers per request, as users start them (ours with its bin's node flags).
      const ours = await startListening(node, [...binNodeFlags(entry), entry, '--http', '--port', '0'], env);
      const minimal = await startListening(node, [MINIMAL_HTTP_SERVER], { HOME: work });
      try {
        // Warm-up: the first requests compile and optimise the handlers.
        await generateLoad(ours.url, spec.ours, 1, 1);
        await generateLoad(minimal.url, spec.minimal, 1, 1);
        for (const [i, connections] of LOAD_CONNECTIONS.entries()) {
          // Alternate who goes first, so neither always meets the machine right after the other's load.
          const oursFirst = i % 2 === 0;
          const first = await measure(oursFirst ? ours : minimal, oursFirst ? spec.ours : spec.minimal, connections, seconds);
          const second = await measure(oursFirst ? minimal : ours, oursFirst ? spec.minimal : spec.ours, connections, seconds);
          const row = { request, connections, ours: oursFirst ? first : second, minimal: oursFirst ? second : first };
          log(
            `  ${request}, ${connections} connections: ours ${row.ours.requestsPerSecond.toFixed(0)} req/s p50 ${row.ours.p50Ms} ms p99 ${row.ours.p99Ms} ms; ` +
              `minimal ${row.minimal.requestsPerSecond.toFixed(0)} req/s p50 ${row.minimal.p50Ms} ms p99 ${row.minimal.p99Ms} ms`,
          );
          rows.push(row);
        }
      } finally {
        await Promise.all([ours.stop(), minimal.stop()]);
      }
    }
  } finally {
    await emulator.stop();
  }
  return rows;
}
