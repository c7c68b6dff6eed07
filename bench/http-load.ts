// Load: C concurrent clients × N validateRoute calls (live checks against the emulator), over HTTP (one
// --http server, each client its own MCP connection) and over one stdio process (the same C × N calls
// in flight together on its single connection). Requests/s, latency percentiles, errors and RSS.
import { type ChildProcess, spawn } from 'node:child_process';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import { startEmulator } from '../src/emulator/index.js';
import { ROOT, readMemory, startSession } from './process.js';
import { benchSeed, CHECKED_ROUTE, emulatorServerEnv } from './seed.js';

// Throughput of 50 clients at once, above the default concurrent-call bounds (which bench/attack.ts measures).
const UNLIMITED_CALLS = { VPN_PBR_MCP_MAX_CALLS_PER_CALLER: '1000', VPN_PBR_MCP_MAX_CALLS_PER_CONNECTION: '1000', VPN_PBR_MCP_MAX_CALLS_TOTAL: '1000' };
import { percentile } from './stats.js';

export interface LoadResult {
  transport: 'http' | 'stdio';
  clients: number;
  callsPerClient: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** VmRSS of the server after the load, and its peak (VmHWM), kB. */
  rssKb: number;
  peakKb: number;
}

export interface LoadOptions {
  entry: string;
  clients?: number;
  callsPerClient?: number;
  routeCount?: number;
}

type Call = () => Promise<{ isError?: boolean; structuredContent?: Record<string, unknown> }>;

/** Every client runs its calls one after another; all clients at once. */
async function drive(calls: Call[], callsPerClient: number) {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      for (let i = 0; i < callsPerClient; i++) {
        const t0 = performance.now();
        try {
          const result = await call();
          if (result.isError || result.structuredContent?.valid !== true) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - started;
  return {
    requestsPerSecond: (latencies.length / wallMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
  };
}

const validate = (client: Client): Call => () =>
  client.callTool({ name: 'validateRoute', arguments: { ...CHECKED_ROUTE } }, { timeout: 120_000 }) as ReturnType<Call>;

async function startHttp(entry: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...binNodeFlags(entry), entry, '--http', '--port', '0'], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /^listening on (http:\/\/\S+\/mcp)$/m.exec(err);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`the HTTP server exited ${code}: ${err}`)));
  });
  return { child, url };
}

export async function benchLoad({ entry, clients = 50, callsPerClient = 20, routeCount = 100 }: LoadOptions): Promise<LoadResult[]> {
  const emulator = await startEmulator({ seed: benchSeed(routeCount), port: 0, latencyMs: 0 });
  // The per-principal rate and concurrency limits would answer 429 to this load (every loopback caller is `anonymous`).
  const env = { ...emulatorServerEnv(emulator), VPN_PBR_MCP_HTTP_RATE_PER_MINUTE: '1000000', ...UNLIMITED_CALLS };
  const results: LoadResult[] = [];
  try {
    const http = await startHttp(entry, env);
    const connected: Client[] = [];
    try {
      for (let i = 0; i < clients; i++) {
        const client = new Client({ name: `load-${i}`, version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
        connected.push(client);
      }
      await validate(connected[0] as Client)(); // warm-up
      const measured = await drive(connected.map(validate), callsPerClient);
      const memory = readMemory(http.child.pid as number);
      results.push({ transport: 'http', clients, callsPerClient, ...measured, rssKb: memory.rssKb, peakKb: memory.hwmKb });
    } finally {
      await Promise.all(connected.map((c) => c.close().catch(() => {})));
      http.child.kill('SIGTERM');
    }

    const session = await startSession(entry, [], env);
    try {
      await validate(session.client)();
      const measured = await drive(Array.from({ length: clients }, () => validate(session.client)), callsPerClient);
      const memory = readMemory(session.pid);
      results.push({ transport: 'stdio', clients, callsPerClient, ...measured, rssKb: memory.rssKb, peakKb: memory.hwmKb });
    } finally {
      await session.close().catch(() => {});
    }
  } finally {
    await emulator.close();
  }
  return results;
}
