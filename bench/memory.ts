// Resident memory of our server after many validateRoute calls with live checks (emulator without latency).
import { startEmulator } from '../src/emulator/index.js';
import { callTool, readCpuMs, readMemory, type Session, startSession } from './process.js';
import { benchSeed, CHECKED_ROUTE, emulatorServerEnv } from './seed.js';

export interface MemoryResult {
  calls: number;
  routeCount: number;
  /** VmRSS right after tools/list, kB. */
  startRssKb: number;
  /** VmRSS after the calls, kB. */
  rssKb: number;
  /** Peak VmRSS (VmHWM) over the process's life, kB. */
  peakKb: number;
  totalMs: number;
  /** Server CPU time (user + system) per call, ms: independent of the other processes' load, unlike wall time. */
  cpuMsPerCall: number;
}

export interface MemoryOptions {
  entry: string;
  calls?: number;
  routeCount?: number;
  log?: (line: string) => void;
  /** Node flags for our server; default: those of its shebang. */
  nodeArgs?: string[];
  /** The node binary that runs the server; default: the bench's own. */
  node?: string;
}

export async function benchMemory({ entry, calls = 300, routeCount = 1000, log = () => {}, nodeArgs, node }: MemoryOptions): Promise<MemoryResult> {
  const emulator = await startEmulator({ seed: benchSeed(routeCount), port: 0, latencyMs: 0 });
  let session: Session | undefined;
  try {
    session = await startSession(entry, [], emulatorServerEnv(emulator), nodeArgs, node);
    const startRssKb = readMemory(session.pid).rssKb;
    const startCpuMs = readCpuMs(session.pid);
    const started = performance.now();
    for (let i = 1; i <= calls; i++) {
      const body = (await callTool(session, 'validateRoute', { ...CHECKED_ROUTE })).structuredContent;
      if (body?.valid !== true) throw new Error(`validateRoute call ${i} did not find the route valid: ${JSON.stringify(body)}`);
      if (i % 100 === 0) log(`  ${i}/${calls} calls, VmRSS ${(readMemory(session.pid).rssKb / 1024).toFixed(1)} MB`);
    }
    const totalMs = performance.now() - started;
    const cpuMsPerCall = (readCpuMs(session.pid) - startCpuMs) / calls;
    const { rssKb, hwmKb } = readMemory(session.pid);
    return { calls, routeCount, startRssKb, rssKb, peakKb: hwmKb, totalMs, cpuMsPerCall };
  } finally {
    await session?.close().catch(() => {});
    await emulator.close();
  }
}
