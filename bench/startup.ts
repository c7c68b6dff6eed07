// Start-up: spawn → tools/list answer, our server against a minimal SDK server, interleaved run by run.
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
  /** Mean CPU time (user + system) the process used up to its tools/list answer, ms: unaffected by other load, unlike wall time. */
  oursCpuMs: number;
  minimalCpuMs: number;
  oursTools: string[];
}

export interface StartupOptions {
  entry: string;
  warmup?: number;
  runs?: number;
  log?: (line: string) => void;
  /** Node flags for our server; default: those of its shebang. The minimal server runs without. */
  nodeArgs?: string[];
  /** The node binary that runs both servers; default: the bench's own. */
  node?: string;
}

async function once(script: string, env: Record<string, string>, nodeArgs: string[], node: string): Promise<{ ms: number; cpuMs: number; rssKb: number; tools: string[] }> {
  const session = await startSession(script, [], env, nodeArgs, node);
  try {
    return { ms: session.startupMs, cpuMs: readCpuMs(session.pid), rssKb: readMemory(session.pid).rssKb, tools: session.toolNames };
  } finally {
    // Wait for the child to exit so that no run overlaps the next one.
    await session.close();
  }
}

export async function benchStartup({ entry, warmup = 2, runs = 15, log = () => {}, nodeArgs = binNodeFlags(entry), node = process.execPath }: StartupOptions): Promise<StartupResult> {
  // Plain environment: no credentials, so this is start-up alone (no emulator, no cloud client).
  const env = serverEnv();
  const ours: number[] = [];
  const minimal: number[] = [];
  const oursRss: number[] = [];
  const minimalRss: number[] = [];
  const oursCpu: number[] = [];
  const minimalCpu: number[] = [];
  let oursTools: string[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const a = await once(entry, env, nodeArgs, node);
    const b = await once(MINIMAL_SERVER, env, [], node);
    if (a.tools.length === 0) throw new Error('our server listed no tools');
    if (!b.tools.includes('echo')) throw new Error('the minimal server did not list its tool');
    oursTools = a.tools;
    const measured = i >= warmup;
    if (measured) {
      ours.push(a.ms);
      minimal.push(b.ms);
      oursRss.push(a.rssKb);
      minimalRss.push(b.rssKb);
      oursCpu.push(a.cpuMs);
      minimalCpu.push(b.cpuMs);
    }
    log(`  ${measured ? `run ${i - warmup + 1}/${runs}` : `warm-up ${i + 1}/${warmup}`}: ours ${a.ms.toFixed(1)} ms, minimal ${b.ms.toFixed(1)} ms`);
  }
  const o = summarise(ours);
  const m = summarise(minimal);
  // Means: CPU time comes in 10 ms clock ticks, too coarse for a median.
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    ours: o,
    minimal: m,
    ratio: o.median / m.median,
    oursRssKb: median(oursRss),
    minimalRssKb: median(minimalRss),
    oursCpuMs: mean(oursCpu),
    minimalCpuMs: mean(minimalCpu),
    oursTools,
  };
}
