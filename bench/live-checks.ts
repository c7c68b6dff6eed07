// validateRoute and createVpnPbrRoute phase 1 against the emulator with a fixed latency per answer,
// measured in round trips, with the request waves the emulator saw for each call.
import { binNodeFlags } from '../scripts/bin-flags.mjs';
import { startEmulator, type RecordedRequest } from '../src/emulator/index.js';
import { callTool, type Session, startSession } from './process.js';
import { benchSeed, CHECKED_ROUTE, checkedRouteOn, emulatorServerEnv } from './seed.js';
import { summarise, type Summary } from './stats.js';

export interface CallMeasure {
  /** Wall time of the tool call. */
  ms: Summary;
  /** median ms / latencyMs. */
  roundTrips: number;
  /** API requests per call. */
  requests: number;
  /** The waves of requests of the median call: requests in one wave were in flight together. */
  waves: string[];
  /** Median wall time not explained by the waves' latency: median ms − waves × latencyMs. */
  overheadMs: number;
}

export interface LiveChecksResult {
  latencyMs: number;
  routeCount: number;
  /** validateRoute on a gateway the server has read before (steady state). */
  validate: CallMeasure;
  /** validateRoute on a gateway the server has not read before (same size; pop-core already loaded). */
  firstCall: CallMeasure;
  dryRun: CallMeasure;
}

export interface LiveChecksOptions {
  entry: string;
  latencyMs?: number;
  routeCount?: number;
  warmup?: number;
  runs?: number;
  log?: (line: string) => void;
  /** The node binary that runs the server (with its shebang's node flags); default: the bench's own. */
  node?: string;
}

/**
 * Groups a call's requests into waves. The emulator answers latencyMs after a request arrives, so a request
 * sent in reply to an answer arrives at least latencyMs after the first of the wave before it: anything
 * earlier belongs to the same wave, however slowly a loaded machine sends it.
 */
export function waves(requests: readonly RecordedRequest[], latencyMs: number): RecordedRequest[][] {
  const out: RecordedRequest[][] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (const request of [...requests].sort((a, b) => a.at - b.at)) {
    if (request.at - start >= latencyMs || out.length === 0) {
      out.push([]);
      start = request.at;
    }
    out[out.length - 1]?.push(request);
  }
  return out;
}

/** "DescribeVpnGateway + DescribeVpnPbrRouteEntries p2-p6 + ..." */
export function describeWave(wave: readonly RecordedRequest[]): string {
  const byAction = new Map<string, number[]>();
  for (const r of wave) {
    const label = r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun === 'true' ? 'CreateVpnPbrRouteEntry(DryRun)' : r.action;
    const pages = byAction.get(label) ?? [];
    pages.push(Number(r.params.PageNumber ?? 0));
    byAction.set(label, pages);
  }
  return [...byAction]
    .map(([action, pages]) => {
      const numbered = pages.filter((p) => p > 0).sort((a, b) => a - b);
      if (numbered.length === 0) return pages.length === 1 ? action : `${action} ×${pages.length}`;
      const first = numbered[0] as number;
      const last = numbered[numbered.length - 1] as number;
      const contiguous = last - first + 1 === numbered.length;
      const range = numbered.length === 1 ? `p${first}` : contiguous ? `p${first}-p${last}` : numbered.map((p) => `p${p}`).join(',');
      return `${action} ${range}`;
    })
    .join(' + ');
}

async function measure(
  requests: RecordedRequest[],
  latencyMs: number,
  warmup: number,
  runs: number,
  call: () => Promise<void>,
): Promise<CallMeasure> {
  for (let i = 0; i < warmup; i++) await call();
  const samples: { ms: number; requests: RecordedRequest[] }[] = [];
  for (let i = 0; i < runs; i++) {
    const before = requests.length;
    const started = performance.now();
    await call();
    samples.push({ ms: performance.now() - started, requests: requests.slice(before) });
  }
  const ms = summarise(samples.map((s) => s.ms));
  const medianSample = [...samples].sort((a, b) => a.ms - b.ms)[Math.floor(samples.length / 2)];
  const callRequests = medianSample?.requests ?? [];
  const callWaves = waves(callRequests, latencyMs);
  return {
    ms,
    roundTrips: ms.median / latencyMs,
    requests: callRequests.length,
    waves: callWaves.map(describeWave),
    overheadMs: ms.median - callWaves.length * latencyMs,
  };
}

export async function benchLiveChecks({ entry, latencyMs = 50, routeCount = 1000, warmup = 2, runs = 10, log = () => {}, node }: LiveChecksOptions): Promise<LiveChecksResult> {
  // Gateway 0 for the steady-state measures, gateways 1..runs each validated once for the first-call measure.
  const seed = benchSeed(routeCount, runs + 1);
  const emulator = await startEmulator({ seed, port: 0, latencyMs });
  let session: Session | undefined;
  try {
    if (emulator.routes(CHECKED_ROUTE.vpnGatewayId).length !== routeCount) throw new Error(`the emulator does not hold ${routeCount} routes`);
    session = await startSession(entry, [], emulatorServerEnv(emulator), binNodeFlags(entry), node);
    const s = session;

    const validateOn = async (gateway: number) => {
      const body = (await callTool(s, 'validateRoute', { ...checkedRouteOn(gateway) })).structuredContent;
      if (body?.valid !== true) throw new Error(`validateRoute did not find the benchmark route valid: ${JSON.stringify(body)}`);
      const checks = body.checks as { name: string; status: string; detail?: string }[] | undefined;
      const existing = checks?.find((c) => c.name === 'existingRoutes');
      if (existing?.status !== 'passed' || existing.detail !== `${routeCount} existing routes`) {
        throw new Error(`validateRoute did not check the ${routeCount} existing routes: ${JSON.stringify(checks)}`);
      }
    };

    const validate = await measure(emulator.requests, latencyMs, warmup, runs, () => validateOn(0));
    log(`  validateRoute, gateway seen before: median ${validate.ms.median.toFixed(1)} ms, ${validate.requests} requests in ${validate.waves.length} waves`);

    let fresh = 0;
    const firstCall = await measure(emulator.requests, latencyMs, 0, runs, () => validateOn(++fresh));
    log(`  validateRoute, first call on a gateway: median ${firstCall.ms.median.toFixed(1)} ms, ${firstCall.requests} requests in ${firstCall.waves.length} waves`);

    const dryRun = await measure(emulator.requests, latencyMs, warmup, runs, async () => {
      const body = (await callTool(s, 'createVpnPbrRoute', { ...CHECKED_ROUTE })).structuredContent;
      if (body?.status !== 'dry_run_passed') throw new Error(`createVpnPbrRoute phase 1 did not pass: ${JSON.stringify(body)}`);
    });
    log(`  createVpnPbrRoute phase 1: median ${dryRun.ms.median.toFixed(1)} ms, ${dryRun.requests} requests in ${dryRun.waves.length} waves`);

    if (emulator.routes(CHECKED_ROUTE.vpnGatewayId).length !== routeCount) throw new Error('a dry run changed the route list');
    return { latencyMs, routeCount, validate, firstCall, dryRun };
  } finally {
    await session?.close().catch(() => {});
    await emulator.close();
  }
}
