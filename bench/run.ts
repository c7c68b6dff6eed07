// `npm run bench`: start-up, live checks, memory and HTTP load of the built server on each Node.js line (the
// machine's own node and the maintained lines, npm's `node` package), each measure side by side with the SDK's
// minimal servers started by the same node in the same run; then, once, the attack on a shared --http server and a
// planned switchover. Prints a report and one markdown section per line, with the machine's load average before
// and after it (also written to bench/results.md). Missed targets do not fail the run; a measurement that cannot
// be made (a tool error, a server that does not start) does.
//   npm run bench                       every line: the machine's node, then 22, 24, 26
//   npm run bench -- --node 24,26       only these lines
//   npm run bench -- --quick            fewer start-ups, shorter loads (a first look, not the figures to publish)
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import { benchAttack, benchStdioAttack, describeAttack, describeStdioAttack } from './attack.js';
import { buildBundledMinimal } from './bundled-minimal.js';
import { benchHttpLoad, type LoadFigures, type LoadRow } from './http-load.js';
import { benchLiveChecks, type CallMeasure, type LiveChecksResult } from './live-checks.js';
import { benchMemory, type MemoryResult } from './memory.js';
import { type NodeLine, nodeLines } from './node-lines.js';
import { ROOT, serverEntry } from './process.js';
import { benchStartup, type StartupResult } from './startup.js';
import { benchSwitchover } from './switchover.js';
import { describeSummary, mb, ms, ratio } from './stats.js';

// Issue 20's targets. Start-up: ≤ 0.5× the minimal server on Node.js 24, ≤ 0.6× on the other lines.
const TARGET = {
  startupRatio: (line: number) => (line === 24 ? 0.5 : 0.6),
  validateRoundTrips: 1.5,
  firstCallRoundTrips: 2.3,
  dryRunRoundTrips: 1.7,
  cpuMsPerValidate: 15,
};

const log = (line = '') => process.stdout.write(`${line}\n`);
const met = (ok: boolean) => (ok ? '✅ yes' : '❌ no');
const load = () => loadavg().map((v) => v.toFixed(1)).join(' / ');

function parseArgs(argv: string[]): { lines?: number[]; quick: boolean } {
  const at = argv.indexOf('--node');
  const lines = at >= 0 ? (argv[at + 1] ?? '').split(',').map(Number) : undefined;
  if (lines?.some((l) => !Number.isInteger(l) || l < 20)) throw new Error('--node takes Node.js lines, e.g. --node 22,24');
  return { lines, quick: argv.includes('--quick') };
}

function describeCall(name: string, m: CallMeasure, latencyMs: number): void {
  log(`${name}: ${describeSummary(m.ms)}`);
  log(`  = ${m.roundTrips.toFixed(2)} round trips of ${latencyMs} ms; ${m.requests} API requests in ${m.waves.length} sequential waves:`);
  for (const [i, wave] of m.waves.entries()) log(`    wave ${i + 1}: ${wave}`);
  log(`  time beyond ${m.waves.length} × ${latencyMs} ms of latency (MCP, signing, parsing, checks): ${ms(m.overheadMs)}`);
}

interface LineResult {
  node: NodeLine;
  loadBefore: string;
  loadAfter: string;
  startup: StartupResult;
  live: LiveChecksResult;
  memory: MemoryResult;
  plainMemory: MemoryResult;
  plainStartup: StartupResult;
  http: LoadRow[];
}

async function benchLine(entry: string, bundledMinimal: string, node: NodeLine, quick: boolean): Promise<LineResult> {
  const loadBefore = load();
  const runs = quick ? 7 : 15;
  log(`\n## Node.js ${node.version} (${node.execPath}); load average ${loadBefore} (1/5/15 min)`);

  log('\n1. Start-up (spawn → tools/list answer), interleaved with a minimal SDK server and that server bundled as ours, on the same node');
  const startup = await benchStartup({ entry, node: node.execPath, runs, log, bundledMinimal });
  log(`ours:    ${describeSummary(startup.ours)}`);
  log(`minimal: ${describeSummary(startup.minimal)}`);
  if (startup.bundled) log(`minimal, bundled as ours: ${describeSummary(startup.bundled.summary)}, ratio ${ratio(startup.bundled.ratio)}, CPU ${ms(startup.bundled.cpuMs)}`);
  log(`ratio ours/minimal (median): ${ratio(startup.ratio)}  (target ≤ ${ratio(TARGET.startupRatio(node.line))})`);
  log(`VmRSS right after tools/list: ours ${mb(startup.oursRssKb)}, minimal ${mb(startup.minimalRssKb)}`);
  log(`CPU time to tools/list (mean): ours ${ms(startup.oursCpuMs)}, minimal ${ms(startup.minimalCpuMs)}, ratio ${ratio(startup.oursCpuMs / startup.minimalCpuMs)}`);

  log('\n2. Live checks on a gateway with 1000 routes, emulator answering after 50 ms');
  const live = await benchLiveChecks({ entry, node: node.execPath, runs: quick ? 5 : 10, log });
  describeCall('validateRoute, gateway seen before', live.validate, live.latencyMs);
  log(`  target ≤ ${TARGET.validateRoundTrips} round trips: ${met(live.validate.roundTrips <= TARGET.validateRoundTrips)}`);
  describeCall('validateRoute, first call on a gateway', live.firstCall, live.latencyMs);
  log(`  target ≤ ${TARGET.firstCallRoundTrips} round trips: ${met(live.firstCall.roundTrips <= TARGET.firstCallRoundTrips)}`);
  describeCall('createVpnPbrRoute phase 1 (validate + API dry run)', live.dryRun, live.latencyMs);
  log(`  target ≤ ${TARGET.dryRunRoundTrips} round trips: ${met(live.dryRun.roundTrips <= TARGET.dryRunRoundTrips)}`);

  log('\n3. Resident memory after 300 validateRoute calls (1000 routes, emulator without latency)');
  const memory = await benchMemory({ entry, node: node.execPath, log });
  log(`ours: VmRSS ${mb(memory.rssKb)} after ${memory.calls} calls (${mb(memory.startRssKb)} after tools/list, peak ${mb(memory.peakKb)}); ${ms(memory.totalMs / memory.calls)} per call`);
  log(`minimal server right after tools/list: ${mb(startup.minimalRssKb)}  (target: ours ≤ it: ${met(memory.rssKb <= startup.minimalRssKb)})`);
  log(`server CPU per validateRoute (user + system, all threads): ${ms(memory.cpuMsPerCall)}  (target ≤ ${ms(TARGET.cpuMsPerValidate)}: ${met(memory.cpuMsPerCall <= TARGET.cpuMsPerValidate)})`);

  const flags = binNodeFlags(entry);
  log(`\n4. The bin's node flags (${flags.join(' ') || 'none'}): the same measures without them`);
  const plainMemory = await benchMemory({ entry, node: node.execPath, nodeArgs: [], log });
  log(`ours without flags: VmRSS ${mb(plainMemory.rssKb)} after ${plainMemory.calls} calls`);
  const plainStartup = await benchStartup({ entry, node: node.execPath, nodeArgs: [], runs, log });
  log(`ours without flags: start-up ${describeSummary(plainStartup.ours)}, ratio ${ratio(plainStartup.ratio)}`);

  log('\n5. HTTP load (autocannon, the emulator and each server in processes of their own), ours --http vs the minimal stateless HTTP server');
  const http = await benchHttpLoad({ entry, node: node.execPath, seconds: quick ? 2 : 5, log });
  // A failed answer is counted in the table (and shown here), not a reason to throw the line's figures away.
  for (const r of http) {
    for (const [who, f] of [['ours', r.ours], ['minimal', r.minimal]] as const) {
      if (f.errors > 0) log(`  ${who}, ${r.request}, ${r.connections} connections: ${f.errors} failed of ${f.answered}: ${JSON.stringify(f.failures)}`);
    }
  }

  const loadAfter = load();
  log(`\nload average after Node.js ${node.version}: ${loadAfter}`);
  return { node, loadBefore, loadAfter, startup, live, memory, plainMemory, plainStartup, http };
}

function lineTable(r: LineResult, flags: string[]): string {
  const { startup, live, memory, plainMemory, plainStartup } = r;
  const startupTarget = TARGET.startupRatio(r.node.line);
  const roundTrips = (m: CallMeasure) => `${m.roundTrips.toFixed(2)} round trips (${ms(m.ms.median)}; ${m.requests} requests, ${m.waves.length} waves)`;
  const rows = [
    ['metric', 'ours', 'reference (same node, same run)', 'target', 'met?'],
    ['---', '---', '---', '---', '---'],
    ['Start-up, spawn → `tools/list` (median / p90)', `${ms(startup.ours.median)} / ${ms(startup.ours.p90)}`, `minimal SDK server: ${ms(startup.minimal.median)} / ${ms(startup.minimal.p90)}`, '—', '—'],
    ['Start-up ratio ours / minimal (median)', ratio(startup.ratio), '1.00×', `≤ ${ratio(startupTarget)}`, met(startup.ratio <= startupTarget)],
    ...(startup.bundled
      ? [
          [
            'The minimal server bundled as ours is (one esbuild file, no Ajv, our bin and compile cache) / minimal',
            `${ratio(startup.bundled.ratio)} (${ms(startup.bundled.summary.median)}; CPU ${ms(startup.bundled.cpuMs)})`,
            'the same run: what the SDK itself costs to start',
            '—',
            '—',
          ],
        ]
      : []),
    [
      'Start-up CPU time to `tools/list`, ours / minimal (mean)',
      `${ms(startup.oursCpuMs)} / ${ms(startup.minimalCpuMs)} = ${ratio(startup.oursCpuMs / startup.minimalCpuMs)}`,
      'process CPU time (user + system), all threads',
      '—',
      '—',
    ],
    [`\`validateRoute\` live, ${live.routeCount} routes, gateway seen before (median)`, roundTrips(live.validate), `1 round trip = ${live.latencyMs} ms`, `≤ ${TARGET.validateRoundTrips}`, met(live.validate.roundTrips <= TARGET.validateRoundTrips)],
    [`\`validateRoute\` live, ${live.routeCount} routes, first call on a gateway (median)`, roundTrips(live.firstCall), `1 round trip = ${live.latencyMs} ms`, `≤ ${TARGET.firstCallRoundTrips}`, met(live.firstCall.roundTrips <= TARGET.firstCallRoundTrips)],
    [`\`createVpnPbrRoute\` phase 1 (validate + dry run), ${live.routeCount} routes (median)`, roundTrips(live.dryRun), `1 round trip = ${live.latencyMs} ms`, `≤ ${TARGET.dryRunRoundTrips}`, met(live.dryRun.roundTrips <= TARGET.dryRunRoundTrips)],
    [
      `Resident memory (VmRSS) after ${memory.calls} live \`validateRoute\` calls`,
      `${mb(memory.rssKb)} (peak ${mb(memory.peakKb)})`,
      `minimal SDK server after \`tools/list\`: ${mb(startup.minimalRssKb)}`,
      '≤ the minimal server',
      met(memory.rssKb <= startup.minimalRssKb),
    ],
    [`Server CPU per \`validateRoute\` (${memory.routeCount} routes, mean of ${memory.calls} calls)`, ms(memory.cpuMsPerCall), 'process CPU time, all threads', `≤ ${ms(TARGET.cpuMsPerValidate)}`, met(memory.cpuMsPerCall <= TARGET.cpuMsPerValidate)],
    [
      `Without the bin's node flags (\`${flags.join(' ') || 'none'}\`): memory after ${plainMemory.calls} calls / start-up ratio`,
      `${mb(plainMemory.rssKb)} / ${ratio(plainStartup.ratio)}`,
      'the rows above are as users start it',
      '—',
      '—',
    ],
  ];
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function loadTable(rows: LoadRow[]): string {
  const cell = (f: LoadFigures) =>
    `${f.requestsPerSecond.toFixed(0)} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${mb(f.rssKb)}${f.errors > 0 ? `, ${f.errors} of ${f.answered} failed` : ''}`;
  return [
    '| request | connections | ours (`--http`): requests/s, p50, p99, VmRSS | minimal SDK HTTP server (`tools/list`, `echo`) | ours / minimal requests/s |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.request} | ${r.connections} | ${cell(r.ours)} | ${cell(r.minimal)} | ${ratio(r.ours.requestsPerSecond / r.minimal.requestsPerSecond)} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const { lines: requested, quick } = parseArgs(process.argv.slice(2));
  const entry = await serverEntry();
  const startedAt = new Date();
  const cpu = cpus();
  const flags = binNodeFlags(entry);
  log(`alicloud-vpn-pbr-mcp benchmarks: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}${quick ? ' (--quick)' : ''}`);
  log(`server entry (package.json bin): ${relative(ROOT, entry)}, started with its shebang's node flags: ${flags.join(' ') || 'none'}`);
  const lines = nodeLines(requested);
  log(`Node.js lines: ${lines.map((l) => l.version).join(', ')}`);
  const bundledMinimal = await buildBundledMinimal(entry);

  const results: LineResult[] = [];
  for (const node of lines) results.push(await benchLine(entry, bundledMinimal, node, quick));

  // Once, on the bench's own node: behaviour under attack and a planned change's waves, not per-line speed.
  const onceLoadBefore = load();
  log(`\n## Once, on node ${process.version}; load average ${onceLoadBefore}`);
  log('\nAttack (issue 16): one caller floods a shared --http server with the default limits; another creates a route meanwhile');
  const attack = [...describeAttack(await benchAttack({ entry })), describeStdioAttack(await benchStdioAttack({ entry }))];
  for (const line of attack) log(line);

  log('\nA planned switchover: applyRouteChanges swaps an active/standby pair (emulator answering after 50 ms)');
  const switchover = await benchSwitchover({ entry });
  for (const [name, p] of [['plan (phase 1)', switchover.plan], ['confirm (phase 2)', switchover.confirm]] as const) {
    log(`${name}: ${ms(p.ms)}, ${p.requests} API requests in ${p.waves.length} waves:`);
    for (const [i, wave] of p.waves.entries()) log(`    wave ${i + 1}: ${wave}`);
  }
  log(`changes sent, none refused: ${switchover.sent.join(' → ')}`);
  const onceSection = [
    `### Once, on Node.js ${process.versions.node}`,
    '',
    `Load average ${onceLoadBefore} before (1/5/15 min).`,
    '',
    ...attack.map((line) => `- ${line}`),
    `- Switchover of an active/standby pair (\`applyRouteChanges\`, ${switchover.routeCount} routes): plan ${switchover.plan.requests} requests in ` +
      `${switchover.plan.waves.length} waves (${ms(switchover.plan.ms)}), confirm ${switchover.confirm.requests} requests in ${switchover.confirm.waves.length} waves ` +
      `(${ms(switchover.confirm.ms)}); ${switchover.steps} changes sent, none refused: ${switchover.sent.join(' → ')}; 1 wave = ${switchover.latencyMs} ms.`,
  ].join('\n');

  const sections = results.map((r) =>
    [
      `### Node.js ${r.node.version}`,
      '',
      `Load average ${r.loadBefore} before and ${r.loadAfter} after (1/5/15 min, ${cpu.length} cores). ` +
        `Start-up: ${r.startup.ours.n} interleaved runs each after warm-up; live checks: median of ${r.live.validate.ms.n} calls after warm-up.`,
      '',
      lineTable(r, flags),
      '',
      'HTTP load (MCP 2026-07-28, one request per POST; 100 routes, emulator answering at once):',
      '',
      loadTable(r.http),
    ].join('\n'),
  );
  const report = [
    '## Benchmarks',
    '',
    `Measured ${startedAt.toISOString().slice(0, 10)} with \`npm run bench\`${quick ? ' --quick' : ''}, ${cpu.length} CPU cores.`,
    '',
    sections.join('\n\n'),
    '',
    onceSection,
    '',
  ].join('\n');
  log(`\n${report}`);
  const file = resolve(import.meta.dirname, 'results.md');
  writeFileSync(file, report);
  log(`written to ${relative(ROOT, file)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
