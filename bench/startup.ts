// Start-up: spawn → tools/list answer, our server against a minimal SDK server (and, when given, that minimal server
// bundled the way ours is), interleaved run by run, all on the same node.
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import { MINIMAL_SERVER, readCpuMs, readMemory, serverEnv, startSession } from './process.js';
import { median, summarise, type Summary } from './stats.js';

export interface StartupResult {
  ours: Summary;
  minimal: Summary;
  /** median(ours) / median(minimal). */
  ratio: number;
  /** Median VmRSS right after tools/list, kB. */
  oursRssKb: number;
  minimalRssKb: number;
  /** Mean CPU time (user + system, all threads) the process used up to its tools/list answer, ms. */
  oursCpuMs: number;
  minimalCpuMs: number;
  oursTools: string[];
  /** The minimal server bundled as ours is (bench/bundled-minimal.ts), when measured. */
  bundled?: { summary: Summary; ratio: number; cpuMs: number };
}

export interface StartupOptions {
  entry: string;
  warmup?: number;
  runs?: number;
  log?: (line: string) => void;
  /** Node flags for our server (and the bundled minimal one); default: those of its shebang. The minimal server runs without. */
  nodeArgs?: string[];
  /** The node binary that runs the servers; default: the bench's own. */
  node?: string;
  /** The bin of the bundled minimal server, to measure it too. */
  bundledMinimal?: string;
}

interface Once {
  ms: number;
  cpuMs: number;
  rssKb: number;
  tools: string[];
}

async function once(script: string, env: Record<string, string>, nodeArgs: string[], node: string): Promise<Once> {
  const session = await startSession(script, [], env, nodeArgs, node);
  try {
    return { ms: session.startupMs, cpuMs: readCpuMs(session.pid), rssKb: readMemory(session.pid).rssKb, tools: session.toolNames };
  } finally {
    // Wait for the child to exit so that no run overlaps the next one.
    await session.close();
  }
}

// Means: CPU time comes in 10 ms clock ticks, too coarse for a median.
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

export async function benchStartup({
  entry,
  warmup = 2,
  runs = 15,
  log = () => {},
  nodeArgs = binNodeFlags(entry),
  node = process.execPath,
  bundledMinimal,
}: StartupOptions): Promise<StartupResult> {
  // Plain environment: no credentials, so this is start-up alone (no emulator, no cloud client).
  const env = serverEnv();
  const contenders = [
    { name: 'ours', script: entry, nodeArgs, tool: undefined },
    { name: 'minimal', script: MINIMAL_SERVER, nodeArgs: [], tool: 'echo' },
    ...(bundledMinimal ? [{ name: 'bundled minimal', script: bundledMinimal, nodeArgs, tool: 'echo' }] : []),
  ];
  const samples = contenders.map(() => [] as Once[]);
  let oursTools: string[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const measured = i >= warmup;
    const line: string[] = [];
    for (const [k, c] of contenders.entries()) {
      const run = await once(c.script, env, c.nodeArgs, node);
      if (c.tool === undefined ? run.tools.length === 0 : !run.tools.includes(c.tool)) throw new Error(`${c.name}: tools/list did not list its tools`);
      if (c.name === 'ours') oursTools = run.tools;
      if (measured) samples[k]?.push(run);
      line.push(`${c.name} ${run.ms.toFixed(1)} ms`);
    }
    log(`  ${measured ? `run ${i - warmup + 1}/${runs}` : `warm-up ${i + 1}/${warmup}`}: ${line.join(', ')}`);
  }
  const [o, m, b] = samples as [Once[], Once[], Once[] | undefined];
  const ours = summarise(o.map((r) => r.ms));
  const minimal = summarise(m.map((r) => r.ms));
  const bundledSummary = b ? summarise(b.map((r) => r.ms)) : undefined;
  return {
    ours,
    minimal,
    ratio: ours.median / minimal.median,
    oursRssKb: median(o.map((r) => r.rssKb)),
    minimalRssKb: median(m.map((r) => r.rssKb)),
    oursCpuMs: mean(o.map((r) => r.cpuMs)),
    minimalCpuMs: mean(m.map((r) => r.cpuMs)),
    oursTools,
    ...(b && bundledSummary ? { bundled: { summary: bundledSummary, ratio: bundledSummary.median / minimal.median, cpuMs: mean(b.map((r) => r.cpuMs)) } } : {}),
  };
}
