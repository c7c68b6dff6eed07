// stdio against the built bin: batches refused with an error line, answers delivered at shutdown, the token's
// expiry checked again after the human's answer.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);
const { realCreates } = emulated;

async function until(condition: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((wake) => setTimeout(wake, 25));
  if (!condition()) throw new Error('condition not met in time');
}

const stdoutMessages = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describe('a JSON-RPC batch on stdin', () => {
  it('gets one JSON-RPC error line (id null) and none of its messages is served; the connection goes on', async () => {
    const s = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const validate = (id: number) => ({ jsonrpc: '2.0', id: 9000 + id, method: 'tools/call', params: { name: 'validateRoute', arguments: GOOD_ROUTE } });
    s.child.stdin?.write(`  ${JSON.stringify(Array.from({ length: 100 }, (_, i) => validate(i)))}\n`);
    await until(() => stdoutMessages(s.stdout()).some((m) => m.id === null));
    const refusal = stdoutMessages(s.stdout()).find((m) => m.id === null);
    expect(refusal).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.stringMatching(/batches are not accepted/) } });
    expect(body(await s.call('validateRoute', GOOD_ROUTE)).valid).toBe(true);
    expect(stdoutMessages(s.stdout()).filter((m) => typeof m.id === 'number' && m.id >= 9000)).toEqual([]);
    await s.close();
  });
});

describe('SIGTERM while a create waits for the gateway', () => {
  it('still answers the call (the wait cut short: submitted), as the audit line says', async () => {
    const seed = { ...E2E_SEED, applyMs: 4000 };
    const slow = await startEmulator({ seed, port: 0 });
    try {
      const audit = join(mkdtempSync(join(tmpdir(), 'pbr-stdio-sigterm-')), 'audit.jsonl');
      const s = await startSession({ env: emulatorEnv(slow, seed, { VPN_PBR_MCP_AUDIT_LOG: audit }) });
      const token = body(await s.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
      const answer = s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
      await until(() => slow.requests.some((r) => r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun !== 'true'));
      s.child.kill('SIGTERM');
      expect(body(await answer)).toMatchObject({ status: 'submitted', routeCreated: true });
      expect(await s.exited).toBe(0);
      const outcomes = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l).outcome);
      expect(outcomes).toEqual(['dry_run_passed', 'sending', 'submitted']);
    } finally {
      await slow.close();
    }
  }, 30_000);
});

describe('a human who answers after the token expired', () => {
  it('is refused with ConfirmationExpired: the token is checked again after the answer, nothing sent', async () => {
    const s = await startSession({
      protocol: '2025',
      env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '2' }),
      capabilities: { elicitation: { form: {} } },
      onElicit: async () => {
        await new Promise((wake) => setTimeout(wake, 2200));
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const token = body(await s.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const late = await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(late)).toMatchObject({ error: { code: 'ConfirmationExpired', source: 'confirmation' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);
    await s.close();
  });
});
