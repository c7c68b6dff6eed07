// applyRouteChanges through the built bin against the emulator (issue 19's "done when"): a pair swapped with one
// approval and no request the API refuses; a refused third step rolled back and every step audited; a plan cut short
// by the call budget finished by confirming again, no step sent twice; read-only mode and the allowlists.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EmulatorSeed, startEmulator } from '../../src/emulator/index.js';
import { E2E_SEED } from './fixtures.js';
import { body, emulatorEnv, startSession, useEmulator } from './harness.js';

const GW = 'vpn-e2eprio01';
const PAIR = { routeSource: '192.168.70.0/24', routeDest: '10.70.0.0/24' };
const SEED: EmulatorSeed = {
  ...E2E_SEED,
  applyMs: 300,
  routes: [
    { vpnGatewayId: GW, ...PAIR, nextHop: 'vco-e2ea1', weight: 100, priority: 20, publishVpc: true },
    { vpnGatewayId: GW, ...PAIR, nextHop: 'vco-e2eb2', weight: 0, priority: 30, publishVpc: false },
  ],
};
const SWAP = {
  vpnGatewayId: GW,
  changes: [
    { op: 'modify', ...PAIR, nextHop: 'vco-e2ea1', weight: 100, newWeight: 0 },
    { op: 'modify', ...PAIR, nextHop: 'vco-e2eb2', weight: 0, newWeight: 100 },
  ],
};
const CHANGES = new Set(['CreateVpnPbrRouteEntry', 'DeleteVpnPbrRouteEntry', 'ModifyVpnPbrRouteEntryWeight', 'ModifyVpnPbrRouteEntryPriority', 'ModifyVpnPbrRouteEntryAttribute', 'PublishVpnRouteEntry']);
const emulator = useEmulator(SEED);
const sent = () => emulator.get().requests.filter((r) => CHANGES.has(r.action));
const pair = () => emulator.get().routes(GW).map((r) => `${r.nextHop}:${r.weight}:${r.priority}:${r.state}`).sort();

describe('applyRouteChanges', () => {
  it('swaps an active/standby pair with one approval and no request the API refuses; each route keeps its priority and publish state', async () => {
    const session = await startSession({ env: emulatorEnv(emulator.get(), SEED) });
    try {
      const plan = body(await session.call('applyRouteChanges', SWAP));
      expect(plan.status, JSON.stringify(plan)).toBe('dry_run_passed');
      expect(plan.steps.map((s: { describe: string }) => s.describe)).toEqual([
        'delete 192.168.70.0/24 -> 10.70.0.0/24 via vco-e2eb2 (weight 0)',
        'set weight 100 -> 0 of 192.168.70.0/24 -> 10.70.0.0/24 via vco-e2ea1',
        'create 192.168.70.0/24 -> 10.70.0.0/24 via vco-e2eb2 (weight 100, priority 30, not published)',
      ]);
      expect(plan.windows.join(' ')).toContain('has no standby route');
      expect(sent()).toHaveLength(0);
      const done = body(await session.call('applyRouteChanges', { ...SWAP, confirmationToken: plan.confirmationToken }));
      expect(done).toMatchObject({ status: 'applied', changesApplied: true });
      expect(pair()).toEqual(['vco-e2ea1:0:20:published', 'vco-e2eb2:100:30:normal']);
      // One request per step, each accepted at once: a refused one would have been retried or rolled back.
      expect(sent().map((r) => r.action)).toEqual(['DeleteVpnPbrRouteEntry', 'ModifyVpnPbrRouteEntryWeight', 'CreateVpnPbrRouteEntry']);
      expect(new Set(sent().map((r) => r.params.ClientToken)).size).toBe(3);
    } finally {
      await session.close();
    }
  });

  it('a plan whose third step is refused is rolled back to the table it began with, every step audited with the plan id', async () => {
    const audit = join(mkdtempSync(join(tmpdir(), 'pbr-apply-audit-')), 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_AUDIT_LOG: audit }) });
    try {
      const plan = body(await session.call('applyRouteChanges', SWAP));
      emulator.get().faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'Forbidden' });
      const result = await session.call('applyRouteChanges', { ...SWAP, confirmationToken: plan.confirmationToken });
      const b = body(result);
      expect(result.isError).toBe(true);
      expect(b).toMatchObject({ status: 'rolled_back', changesApplied: false, error: { code: 'Forbidden' } });
      expect(b.steps.map((s: { applied: unknown }) => s.applied)).toEqual([true, true, false]);
      expect(b.rolledBack.map((s: { action: string }) => s.action)).toEqual(['ModifyVpnPbrRouteEntryWeight', 'CreateVpnPbrRouteEntry']);
      expect(pair()).toEqual(['vco-e2ea1:100:20:published', 'vco-e2eb2:0:30:normal']);
      expect(b.summary).toMatch(/No route was changed\.$/);
      const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const steps = lines.filter((l) => l.step !== undefined);
      expect(steps.map((l) => `${l.undoes ? 'undo ' : ''}${l.step}:${l.action}:${l.outcome}`)).toEqual([
        '1:DeleteVpnPbrRouteEntry:sending',
        '1:DeleteVpnPbrRouteEntry:applied',
        '2:ModifyVpnPbrRouteEntryWeight:sending',
        '2:ModifyVpnPbrRouteEntryWeight:applied',
        '3:CreateVpnPbrRouteEntry:sending',
        '3:CreateVpnPbrRouteEntry:failed',
        'undo 2:ModifyVpnPbrRouteEntryWeight:sending',
        'undo 2:ModifyVpnPbrRouteEntryWeight:applied',
        'undo 1:CreateVpnPbrRouteEntry:sending',
        'undo 1:CreateVpnPbrRouteEntry:applied',
      ]);
      expect(new Set(steps.map((l) => l.planId))).toEqual(new Set([plan.planId]));
      expect(lines.at(-1)).toMatchObject({ tool: 'applyRouteChanges', phase: 'apply', outcome: 'rolled_back' });
    } finally {
      await session.close();
    }
  });

  it('a plan cut short by the call budget is finished by confirming again, no step sent twice', async () => {
    // Each step keeps the gateway busy for a second: three of them never fit a 2-second budget.
    const slow = await startEmulator({ seed: { ...SEED, applyMs: 1000 } });
    const session = await startSession({ env: emulatorEnv(slow, SEED, { VPN_PBR_MCP_CALL_BUDGET_SECONDS: '2' }) });
    const sentSlow = () => slow.requests.filter((r) => CHANGES.has(r.action));
    try {
      const plan = body(await session.call('applyRouteChanges', SWAP));
      const answers: Record<string, any>[] = [];
      for (let i = 0; i < 10 && answers.at(-1)?.status !== 'applied'; i++) {
        answers.push(body(await session.call('applyRouteChanges', { ...SWAP, confirmationToken: plan.confirmationToken })));
      }
      expect(answers[0]).toMatchObject({ status: 'submitted', changesApplied: true });
      expect(answers[0]?.summary).toContain('resumes after the last step made');
      expect(answers.at(-1)).toMatchObject({ status: 'applied', changesApplied: true });
      expect(answers.length).toBeGreaterThan(1);
      expect(sentSlow().map((r) => r.action)).toEqual(['DeleteVpnPbrRouteEntry', 'ModifyVpnPbrRouteEntryWeight', 'CreateVpnPbrRouteEntry']);
      expect(slow.routes(GW).map((r) => `${r.nextHop}:${r.weight}:${r.priority}:${r.state}`).sort()).toEqual(['vco-e2ea1:0:20:published', 'vco-e2eb2:100:30:normal']);
    } finally {
      await session.close();
      await slow.close();
    }
  });

  it('is not listed in read-only mode (nor is modifyVpnPbrRoute); the allowlists refuse another gateway before any request', async () => {
    const readOnly = await startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_READ_ONLY: 'true' }) });
    const allowed = await startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-e2elegacy01' }) });
    try {
      const { tools } = await readOnly.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['validateRoute', 'listVpnPbrRoutes', 'listVpnGateways', 'describeVpnGateway']);
      expect(body(await readOnly.call('applyRouteChanges', SWAP))).toMatchObject({ error: { code: 'ReadOnlyMode' }, changesApplied: false });
      expect(body(await allowed.call('applyRouteChanges', SWAP))).toMatchObject({ error: { code: 'GatewayNotAllowed', source: 'policy' }, changesApplied: false });
      expect(emulator.get().requests).toHaveLength(0);
    } finally {
      await Promise.all([readOnly.close(), allowed.close()]);
    }
  });
});
