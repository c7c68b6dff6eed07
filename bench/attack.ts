// Issue 16's attack on a shared --http endpoint, against the built bin with the emulator in its own process: one
// caller (mallory) sends 20 concurrent POSTs of 100 listVpnPbrRoutes calls on a gateway with 1,000 routes (from a
// child process, bench/attack-client.mjs); meanwhile a second caller (alice) makes a create (dry run, then
// confirm, retrying after Retry-After like a careful client) and a third polls /healthz. Reports whether the
// replica stayed up, its peak RSS, what each caller got, and the create's answer and audit outcome. The stdio half:
// 3,000 calls at once on one connection. Run alone against any build: `tsx bench/attack.ts [path/to/dist/index.js]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import { newToken } from '../src/http/new-token.js';
import { startEmulator } from '../src/emulator/index.js';
import { type Listening, readMemory, rssKbOrZero, sampleRss, serverEntry, startEmulatorProcess, startListening, startSession } from './process.js';
import { benchSeed, CHECKED_ROUTE, emulatorServerEnv, GATEWAY_ID } from './seed.js';
import { mb } from './stats.js';

export interface AttackOptions {
  entry: string;
  routeCount?: number;
  posts?: number;
  callsPerPost?: number;
  /** Connections of the single-call phase (when batches are refused). */
  connections?: number;
  /** Extra server environment (limits); the defaults are what is measured. */
  env?: Record<string, string>;
}

type Counts = Record<string, number>;

export interface AttackReport {
  routeCount: number;
  posts: number;
  callsPerPost: number;
  alive: boolean;
  /** The server's last stderr lines when it died. */
  death?: string;
  peakRssKb: number;
  /** Peak of nodejs_heap_size_used_bytes, sampled from /metrics every 250 ms (undefined without /metrics). */
  peakHeapBytes?: number;
  attacker: { phases: { mode: string; statuses: Counts; answers: Counts; seconds: number }[] } | { failed: string };
  creator: { statuses: number[]; dryRun: string; confirm: string; audit: string[] };
  healthz: Counts;
}

const CLIENT = resolve(import.meta.dirname, 'attack-client.mjs');
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/** One tools/call over plain fetch; on 429 or 503 waits Retry-After and tries again (at most 30 times). */
async function callTool(url: string, token: string, name: string, args: unknown, statuses: number[]): Promise<Record<string, any> | string> {
  for (let attempt = 0; attempt < 30; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: attempt + 1, method: 'tools/call', params: { name, arguments: args } }),
      });
    } catch {
      statuses.push(0);
      return 'connection failed (no answer)';
    }
    statuses.push(response.status);
    let text: string;
    try {
      text = await response.text();
    } catch {
      return 'connection lost before the answer';
    }
    if (response.status === 429 || response.status === 503) {
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    const data = /^data: (.*)$/m.exec(text)?.[1];
    if (response.status !== 200 || data === undefined) return `HTTP ${response.status}`;
    const message = JSON.parse(data) as { result?: { structuredContent?: Record<string, any> }; error?: { message?: string } };
    return message.result?.structuredContent ?? `JSON-RPC error ${message.error?.message ?? ''}`;
  }
  return 'still refused after 30 tries';
}

function describeAnswer(answer: Record<string, any> | string): string {
  if (typeof answer === 'string') return answer;
  if (answer.error) return `error ${answer.error.code}${answer.routeCreated !== undefined ? `, routeCreated ${answer.routeCreated}` : ''}`;
  return `${answer.status}${answer.routeCreated !== undefined ? `, routeCreated ${answer.routeCreated}` : ''}`;
}

export async function benchAttack(options: AttackOptions): Promise<AttackReport> {
  const { entry, routeCount = 1000, posts = 20, callsPerPost = 100, connections = 50 } = options;
  const dir = mkdtempSync(join(tmpdir(), 'vpn-pbr-attack-'));
  const people = { mallory: newToken('mallory'), alice: newToken('alice') };
  const tokensFile = join(dir, 'tokens');
  writeFileSync(tokensFile, `${people.mallory.line}\n${people.alice.line}\n`);
  const auditFile = join(dir, 'audit.jsonl');

  const emulator = await startEmulatorProcess(entry, benchSeed(routeCount));
  let server: Listening | undefined;
  try {
    server = await startListening(process.execPath, [...binNodeFlags(entry), entry, '--http', '--port', '0'], {
      ...emulatorServerEnv(emulator),
      VPN_PBR_MCP_HTTP_TOKENS_FILE: tokensFile,
      VPN_PBR_MCP_AUDIT_LOG: auditFile,
      ...options.env,
    });
    const { child, url } = server;
    const pid = child.pid as number;
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });

    const rss = sampleRss(pid, () => !exited);

    let attackDone = false;
    const attacker = new Promise<AttackReport['attacker']>((resolveAttack) => {
      const client = spawn(process.execPath, [CLIENT, url, people.mallory.token, GATEWAY_ID, String(posts), String(callsPerPost), String(connections)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      client.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      const timer = setTimeout(() => client.kill('SIGKILL'), 180_000);
      client.on('exit', () => {
        clearTimeout(timer);
        attackDone = true;
        try {
          resolveAttack(JSON.parse(out));
        } catch {
          resolveAttack({ failed: 'the attack client gave no report (killed after 180 s)' });
        }
      });
    });

    const healthz: Counts = {};
    let peakHeapBytes: number | undefined;
    const polling = (async () => {
      while (!attackDone) {
        try {
          const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(5000) });
          healthz[response.status] = (healthz[response.status] ?? 0) + 1;
        } catch {
          healthz.error = (healthz.error ?? 0) + 1;
        }
        // The heap in use, where the server has /metrics (older builds do not).
        const heap = await heapUsedBytes(url, people.alice.token);
        if (heap !== undefined) peakHeapBytes = Math.max(peakHeapBytes ?? 0, heap);
        await sleep(250);
      }
    })();

    // Alice starts once the attack is under way.
    await sleep(300);
    const statuses: number[] = [];
    const dryRun = await callTool(url, people.alice.token, 'createVpnPbrRoute', CHECKED_ROUTE, statuses);
    const token = typeof dryRun === 'string' ? undefined : (dryRun.confirmationToken as string | undefined);
    const confirm = token ? await callTool(url, people.alice.token, 'createVpnPbrRoute', { ...CHECKED_ROUTE, confirmationToken: token }, statuses) : 'not sent (no token)';

    const attack = await attacker;
    await polling;
    await sleep(500);
    rss.stop();
    const alive = !exited;
    const peakRssKb = alive ? Math.max(rss.peakKb(), readMemory(pid).hwmKb) : rss.peakKb();
    const audit = readAudit(auditFile).filter((l) => l.principal === 'alice' && l.phase === 'create').map((l) => String(l.outcome));
    const lines = server.stderr().trim().split('\n');
    return {
      routeCount,
      posts,
      callsPerPost,
      alive,
      death: alive ? undefined : lines.filter((l) => /FATAL|heap|Abort|error/i.test(l)).slice(0, 2).join(' / ') || lines.slice(-2).join(' / '),
      peakRssKb,
      peakHeapBytes,
      attacker: attack,
      creator: { statuses, dryRun: describeAnswer(dryRun), confirm: describeAnswer(confirm), audit },
      healthz,
    };
  } finally {
    await Promise.all([server?.stop(), emulator.stop()]);
  }
}

async function heapUsedBytes(url: string, token: string): Promise<number | undefined> {
  try {
    const response = await fetch(new URL('/metrics', url), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    if (response.status !== 200) return undefined;
    const line = /^nodejs_heap_size_used_bytes (\d+)/m.exec(await response.text());
    return line ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

function readAudit(file: string): Record<string, unknown>[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

const counts = (c: Counts) =>
  Object.entries(c)
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ') || 'none';

/** The report as lines (for the console and docs/benchmarks.md). */
export function describeAttack(r: AttackReport): string[] {
  const attacker =
    'failed' in r.attacker
      ? [r.attacker.failed]
      : r.attacker.phases.map((p) => `${p.mode}: HTTP ${counts(p.statuses)}; tool answers ${counts(p.answers)} (${p.seconds.toFixed(1)} s)`);
  return [
    `attack: ${r.posts} concurrent POSTs × ${r.callsPerPost} listVpnPbrRoutes on a gateway with ${r.routeCount} routes`,
    `replica: ${r.alive ? 'alive' : `DIED (${r.death ?? 'no message'})`}; peak RSS ${mb(r.peakRssKb)}${r.peakHeapBytes === undefined ? '' : `, peak heap used ${mb(r.peakHeapBytes / 1024)} (sampled from /metrics)`}`,
    ...attacker.map((line) => `attacker (mallory), ${line}`),
    `creator (alice): HTTP ${r.creator.statuses.join(', ')}; dry run → ${r.creator.dryRun}; confirm → ${r.creator.confirm}; audit (create) → ${r.creator.audit.join(', ') || 'none'}`,
    `/healthz poller: ${counts(r.healthz)}`,
  ];
}

export interface StdioAttackReport {
  calls: number;
  alive: boolean;
  peakRssKb: number;
  answers: Counts;
}

/** The stdio half: `calls` listVpnPbrRoutes at once on one connection (1,000 routes), with the bin's defaults. */
export async function benchStdioAttack({ entry, calls = 3000 }: { entry: string; calls?: number }): Promise<StdioAttackReport> {
  const emulator = await startEmulator({ seed: benchSeed(1000), port: 0 });
  const session = await startSession(entry, [], emulatorServerEnv(emulator));
  const rss = sampleRss(session.pid);
  const answers: Counts = {};
  const count = (key: string) => {
    answers[key] = (answers[key] ?? 0) + 1;
  };
  try {
    await Promise.all(
      Array.from({ length: calls }, async () => {
        try {
          const result = await session.client.callTool({ name: 'listVpnPbrRoutes', arguments: { vpnGatewayId: GATEWAY_ID } }, { timeout: 120_000 });
          count(result.isError ? `isError ${(result.structuredContent as { error?: { code?: string } } | undefined)?.error?.code}` : 'ok');
        } catch {
          count('no answer (connection closed)');
        }
      }),
    );
  } finally {
    rss.stop();
  }
  const peakRssKb = rss.peakKb();
  const alive = !/FATAL ERROR/.test(session.stderr()) && rssKbOrZero(session.pid) > 0;
  await session.close().catch(() => {});
  await emulator.close();
  return { calls, alive, peakRssKb, answers };
}

export function describeStdioAttack(r: StdioAttackReport): string {
  return `stdio: ${r.calls} listVpnPbrRoutes at once on one connection: ${r.alive ? 'alive' : 'DIED (heap limit)'}; peak RSS ${mb(r.peakRssKb)}; answers ${counts(r.answers)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const entry = process.argv[2] ? resolve(process.argv[2]) : await serverEntry();
  process.stdout.write(`${describeAttack(await benchAttack({ entry })).join('\n')}\n`);
  process.stdout.write(`${describeStdioAttack(await benchStdioAttack({ entry }))}\n`);
}
