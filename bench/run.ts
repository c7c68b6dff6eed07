// `npm run bench`: start-up, live-check latency and memory of the built server, side by side with references.
// Prints a report and a markdown table (also written to bench/results.md). Missed targets do not fail the run;
// a measurement that cannot be made (a tool error, a server that does not start) does.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { benchAttack, benchStdioAttack, describeAttack, describeStdioAttack } from './attack.js';
import { benchLoad } from './http-load.js';
import { benchLiveChecks, type CallMeasure } from './live-checks.js';
import { benchMemory } from './memory.js';
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import { ROOT, serverEntry } from './process.js';
import { benchStartup } from './startup.js';
import { benchSwitchover } from './switchover.js';
import { describeSummary, mb, ms, ratio } from './stats.js';

// Issue 12's targets.
const TARGET = {
  startupRatio: 0.5,
  validateRoundTrips: 1.5,
  firstCallRoundTrips: 2.3,
  dryRunRoundTrips: 1.7,
  cpuMsPerValidate: 15,
  rssMb: 64,
};

const log = (line = '') => process.stdout.write(`${line}\n`);
const met = (ok: boolean) => (ok ? '✅ yes' : '❌ no');

function describeCall(name: string, m: CallMeasure, latencyMs: number): void {
  log(`${name}: ${describeSummary(m.ms)}`);
  log(`  = ${m.roundTrips.toFixed(2)} round trips of ${latencyMs} ms; ${m.requests} API requests in ${m.waves.length} sequential waves:`);
  for (const [i, wave] of m.waves.entries()) log(`    wave ${i + 1}: ${wave}`);
  log(`  time beyond ${m.waves.length} × ${latencyMs} ms of latency (MCP, signing, parsing, checks): ${ms(m.overheadMs)}`);
}

async function main(): Promise<void> {
  const entry = await serverEntry();
  const startedAt = new Date();
  const cpu = cpus();
  log(`alicloud-vpn-pbr-mcp benchmarks: node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`);
  log(`server entry (package.json bin): ${relative(ROOT, entry)}, started with its shebang's node flags: ${binNodeFlags(entry).join(' ') || 'none'}`);

  log('\n1. Start-up (spawn → tools/list answer), interleaved with a minimal SDK server');
  const startup = await benchStartup({ entry, log });
  log(`ours:    ${describeSummary(startup.ours)}`);
  log(`minimal: ${describeSummary(startup.minimal)}`);
  log(`ratio ours/minimal (median): ${ratio(startup.ratio)}  (target ≤ ${ratio(TARGET.startupRatio)})`);
  log(`VmRSS right after tools/list: ours ${mb(startup.oursRssKb)}, minimal ${mb(startup.minimalRssKb)}`);
  log(`CPU time to tools/list (mean; independent of other load): ours ${ms(startup.oursCpuMs)}, minimal ${ms(startup.minimalCpuMs)}, ratio ${ratio(startup.oursCpuMs / startup.minimalCpuMs)}`);

  log('\n2. Live checks on a gateway with 1000 routes, emulator answering after 50 ms');
  const live = await benchLiveChecks({ entry, log });
  describeCall('validateRoute, gateway seen before', live.validate, live.latencyMs);
  log(`  target ≤ ${TARGET.validateRoundTrips} round trips: ${met(live.validate.roundTrips <= TARGET.validateRoundTrips)}`);
  describeCall('validateRoute, first call on a gateway', live.firstCall, live.latencyMs);
  log(`  target ≤ ${TARGET.firstCallRoundTrips} round trips: ${met(live.firstCall.roundTrips <= TARGET.firstCallRoundTrips)}`);
  describeCall('createVpnPbrRoute phase 1 (validate + API dry run)', live.dryRun, live.latencyMs);
  log(`  target ≤ ${TARGET.dryRunRoundTrips} round trips: ${met(live.dryRun.roundTrips <= TARGET.dryRunRoundTrips)}`);

  log('\n3. Resident memory after 300 validateRoute calls (1000 routes, emulator without latency)');
  const memory = await benchMemory({ entry, log });
  log(`ours: VmRSS ${mb(memory.rssKb)} after ${memory.calls} calls (${mb(memory.startRssKb)} after tools/list, peak ${mb(memory.peakKb)}); ${ms(memory.totalMs / memory.calls)} per call`);
  log(`server CPU per validateRoute (user + system, all threads): ${ms(memory.cpuMsPerCall)}  (target ≤ ${ms(TARGET.cpuMsPerValidate)}: ${met(memory.cpuMsPerCall <= TARGET.cpuMsPerValidate)})`);
  log(`minimal server right after tools/list: ${mb(startup.minimalRssKb)}`);

  const flags = binNodeFlags(entry);
  log(`\n4. The trade-off of the bin's heap flags (${flags.join(' ') || 'none'}): the same measures without them`);
  const plainMemory = await benchMemory({ entry, nodeArgs: [], log });
  log(`ours without flags: VmRSS ${mb(plainMemory.rssKb)} after ${plainMemory.calls} calls`);
  const plainStartup = await benchStartup({ entry, nodeArgs: [], log });
  log(`ours without flags: start-up ${describeSummary(plainStartup.ours)}, ratio ${ratio(plainStartup.ratio)}`);

  log('\n5. Load: 50 concurrent clients × 20 validateRoute calls (100 routes, emulator without latency), HTTP vs one stdio process');
  const load = await benchLoad({ entry });
  for (const r of load) {
    log(`${r.transport.padEnd(5)}: ${r.requestsPerSecond.toFixed(1)} calls/s, p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, errors ${r.errors}, VmRSS ${mb(r.rssKb)} (peak ${mb(r.peakKb)})`);
  }
  if (load.some((r) => r.errors > 0)) throw new Error('the load run had errors');
  log(`machine load average during the run: ${loadavg().map((v) => v.toFixed(1)).join(' / ')} (1/5/15 min) on ${cpu.length} cores`);

  log('\n6. Attack (issue 16): one caller floods a shared --http server with the default limits; another creates a route meanwhile');
  for (const line of describeAttack(await benchAttack({ entry }))) log(line);
  log(describeStdioAttack(await benchStdioAttack({ entry })));
  const [httpLoad, stdioLoad] = load;

  log('\n6. A planned switchover: applyRouteChanges swaps an active/standby pair (emulator answering after 50 ms)');
  const switchover = await benchSwitchover({ entry });
  for (const [name, p] of [['plan (phase 1)', switchover.plan], ['confirm (phase 2)', switchover.confirm]] as const) {
    log(`${name}: ${ms(p.ms)}, ${p.requests} API requests in ${p.waves.length} waves:`);
    for (const [i, wave] of p.waves.entries()) log(`    wave ${i + 1}: ${wave}`);
  }
  log(`changes sent, none refused: ${switchover.sent.join(' → ')}`);

  const rows = [
    ['metric', 'ours', 'reference', 'target', 'met?'],
    ['---', '---', '---', '---', '---'],
    [
      'Start-up, spawn → `tools/list` (median / p90)',
      `${ms(startup.ours.median)} / ${ms(startup.ours.p90)}`,
      `minimal SDK server: ${ms(startup.minimal.median)} / ${ms(startup.minimal.p90)}`,
      '—',
      '—',
    ],
    [
      'Start-up ratio ours / minimal (median)',
      ratio(startup.ratio),
      '1.00×',
      `≤ ${ratio(TARGET.startupRatio)}`,
      met(startup.ratio <= TARGET.startupRatio),
    ],
    [
      'Start-up CPU time to `tools/list`, ours / minimal (mean; load-independent)',
      `${ms(startup.oursCpuMs)} / ${ms(startup.minimalCpuMs)} = ${ratio(startup.oursCpuMs / startup.minimalCpuMs)}`,
      'process CPU time (user + system), not wall time',
      '—',
      '—',
    ],
    [
      `\`validateRoute\` with live checks, ${live.routeCount} routes, gateway seen before (median)`,
      `${live.validate.roundTrips.toFixed(2)} round trips (${ms(live.validate.ms.median)}; ${live.validate.requests} requests, ${live.validate.waves.length} waves)`,
      `1 round trip = ${live.latencyMs} ms emulator latency`,
      `≤ ${TARGET.validateRoundTrips} round trips`,
      met(live.validate.roundTrips <= TARGET.validateRoundTrips),
    ],
    [
      `\`validateRoute\` with live checks, ${live.routeCount} routes, first call on a gateway (median)`,
      `${live.firstCall.roundTrips.toFixed(2)} round trips (${ms(live.firstCall.ms.median)}; ${live.firstCall.requests} requests, ${live.firstCall.waves.length} waves)`,
      `1 round trip = ${live.latencyMs} ms emulator latency`,
      `≤ ${TARGET.firstCallRoundTrips} round trips`,
      met(live.firstCall.roundTrips <= TARGET.firstCallRoundTrips),
    ],
    [
      `\`createVpnPbrRoute\` phase 1 (validate + dry run), ${live.routeCount} routes (median)`,
      `${live.dryRun.roundTrips.toFixed(2)} round trips (${ms(live.dryRun.ms.median)}; ${live.dryRun.requests} requests, ${live.dryRun.waves.length} waves)`,
      `1 round trip = ${live.latencyMs} ms emulator latency`,
      `≤ ${TARGET.dryRunRoundTrips} round trips`,
      met(live.dryRun.roundTrips <= TARGET.dryRunRoundTrips),
    ],
    [
      `Resident memory (VmRSS) after ${memory.calls} \`validateRoute\` calls`,
      `${mb(memory.rssKb)} (peak ${mb(memory.peakKb)})`,
      `minimal SDK server after \`tools/list\`: ${mb(startup.minimalRssKb)}`,
      `≤ ${TARGET.rssMb} MB`,
      met(memory.rssKb / 1024 <= TARGET.rssMb),
    ],
    [
      `Server CPU per \`validateRoute\` (user + system, ${memory.routeCount} routes, mean of ${memory.calls} calls)`,
      ms(memory.cpuMsPerCall),
      'process CPU time, not wall time: unaffected by other load',
      `≤ ${ms(TARGET.cpuMsPerValidate)}`,
      met(memory.cpuMsPerCall <= TARGET.cpuMsPerValidate),
    ],
    [
      `For comparison, without the bin's heap flags (\`${flags.join(' ')}\`): memory after ${plainMemory.calls} calls / start-up ratio`,
      `${mb(plainMemory.rssKb)} / ${ratio(plainStartup.ratio)}`,
      'the rows above are with the flags, as users start it',
      `≤ ${TARGET.rssMb} MB / ≤ ${ratio(TARGET.startupRatio)}`,
      `${met(plainMemory.rssKb / 1024 <= TARGET.rssMb)} / ${met(plainStartup.ratio <= TARGET.startupRatio)}`,
    ],
    ...[httpLoad, stdioLoad].map((r) => [
      `Load, ${r?.clients} clients × ${r?.callsPerClient} \`validateRoute\` over ${r?.transport === 'http' ? 'HTTP (one --http server)' : 'one stdio process'}`,
      r ? `${r.requestsPerSecond.toFixed(1)} calls/s, p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, ${r.errors} errors, VmRSS ${mb(r.rssKb)} (peak ${mb(r.peakKb)})` : '—',
      r?.transport === 'http' ? 'the same load over one stdio process: next row' : 'the HTTP row above',
      '0 errors',
      met(r?.errors === 0),
    ]),
    [
      `Switchover of an active/standby pair (\`applyRouteChanges\`, ${switchover.routeCount} routes): plan / confirm`,
      `${switchover.plan.requests} requests in ${switchover.plan.waves.length} waves (${ms(switchover.plan.ms)}) / ${switchover.confirm.requests} requests in ${switchover.confirm.waves.length} waves (${ms(switchover.confirm.ms)})`,
      `${switchover.steps} changes sent, none refused: ${switchover.sent.join(' → ')}; 1 wave = ${switchover.latencyMs} ms`,
      '—',
      '—',
    ],
  ];
  const table = rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  const note =
    `Measured ${startedAt.toISOString().slice(0, 10)} with \`npm run bench\` on node ${process.version}, ${cpu.length} CPU cores ` +
    `(start-up: ${startup.ours.n} interleaved runs each after warm-up; live checks: median of ${live.validate.ms.n} calls after warm-up).`;
  log('\n## Benchmarks\n');
  log(table);
  log(`\n${note}`);
  const file = resolve(import.meta.dirname, 'results.md');
  writeFileSync(file, `## Benchmarks\n\n${table}\n\n${note}\n`);
  log(`\nwritten to ${relative(ROOT, file)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
