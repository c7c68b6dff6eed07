// A planned switchover: applyRouteChanges swaps the active and standby routes of a pair on a gateway with 100 other
// routes, the emulator answering after 50 ms. Reports each phase's API requests, waves and time, and checks that no
// request was refused (the plan orders them as the API's rules require) and the pair ends swapped.
import { startEmulator } from '../src/emulator/index.js';
import { describeWave, waves } from './live-checks.js';
import { callTool, type Session, startSession } from './process.js';
import { benchSeed, CONNECTION_ID, emulatorServerEnv, GATEWAY_ID } from './seed.js';

const STANDBY_HOP = 'vco-bench0tunnel0b0002';
const PAIR = { routeSource: '192.168.77.0/24', routeDest: '10.250.2.0/24' };

export interface PhaseMeasure {
  ms: number;
  requests: number;
  waves: string[];
}

export interface SwitchoverResult {
  latencyMs: number;
  routeCount: number;
  plan: PhaseMeasure;
  confirm: PhaseMeasure;
  /** The change requests the confirm sent, in order. */
  sent: string[];
  steps: number;
}

export async function benchSwitchover({ entry, latencyMs = 50, routeCount = 100 }: { entry: string; latencyMs?: number; routeCount?: number }): Promise<SwitchoverResult> {
  const seed = benchSeed(routeCount);
  seed.connections?.push({ id: STANDBY_HOP, gatewayId: GATEWAY_ID, name: 'bench-tunnel-b' });
  seed.routes?.push(
    { vpnGatewayId: GATEWAY_ID, ...PAIR, nextHop: CONNECTION_ID, weight: 100, priority: 20, publishVpc: true },
    { vpnGatewayId: GATEWAY_ID, ...PAIR, nextHop: STANDBY_HOP, weight: 0, priority: 30, publishVpc: false },
  );
  const emulator = await startEmulator({ seed, port: 0, latencyMs });
  let session: Session | undefined;
  try {
    session = await startSession(entry, [], emulatorServerEnv(emulator));
    const args = {
      vpnGatewayId: GATEWAY_ID,
      changes: [
        { op: 'modify', ...PAIR, nextHop: CONNECTION_ID, weight: 100, newWeight: 0 },
        { op: 'modify', ...PAIR, nextHop: STANDBY_HOP, weight: 0, newWeight: 100 },
      ],
    };
    const phase = async (extra: Record<string, unknown>): Promise<{ body: Record<string, unknown>; measure: PhaseMeasure }> => {
      const before = emulator.requests.length;
      const started = performance.now();
      const body = (await callTool(session as Session, 'applyRouteChanges', { ...args, ...extra })).structuredContent ?? {};
      const requests = emulator.requests.slice(before);
      return { body, measure: { ms: performance.now() - started, requests: requests.length, waves: waves(requests, latencyMs).map(describeWave) } };
    };
    const plan = await phase({});
    if (plan.body.status !== 'dry_run_passed') throw new Error(`the switchover plan did not pass: ${JSON.stringify(plan.body)}`);
    const sentBefore = emulator.requests.length;
    const confirm = await phase({ confirmationToken: plan.body.confirmationToken });
    if (confirm.body.status !== 'applied') throw new Error(`the switchover was not applied: ${JSON.stringify(confirm.body)}`);
    const sent = emulator.requests.slice(sentBefore).filter((r) => !r.action.startsWith('Describe')).map((r) => r.action);
    const pair = emulator.routes(GATEWAY_ID).filter((r) => r.routeDest === PAIR.routeDest).map((r) => `${r.nextHop}:${r.weight}:${r.priority}:${r.state}`).sort();
    if (pair.join() !== `${CONNECTION_ID}:0:20:published,${STANDBY_HOP}:100:30:normal`) throw new Error(`the pair did not end swapped: ${pair.join(', ')}`);
    return { latencyMs, routeCount: routeCount + 2, plan: plan.measure, confirm: confirm.measure, sent, steps: (confirm.body.steps as unknown[]).length };
  } finally {
    await session?.close().catch(() => {});
    await emulator.close();
  }
}
