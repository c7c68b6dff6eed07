// Stopping the server while a create is in flight: the outcome still reaches the audit log, which is closed last.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, type Session, startSession } from './harness.js';

function auditPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'pbr-shutdown-')), 'audit.jsonl');
}

function auditLines(file: string): { phase: string; outcome: string; errorCode?: string; clientToken?: string }[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!condition()) throw new Error('condition not met in time');
}

const sentCreates = (emulator: RunningEmulator) =>
  emulator.requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun !== 'true');

/** Dry run, then a confirm left running; resolves once the create has reached the emulator. */
async function createInFlight(session: Session, emulator: RunningEmulator): Promise<void> {
  const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
  session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }).catch(() => {});
  await until(() => sentCreates(emulator).length === 1);
}

/** Exit code, or 'killed' when the process had to be killed after 15 s (a busy CI machine included). */
async function exitOf(session: Session): Promise<number | null | 'killed'> {
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    session.child.kill('SIGKILL');
  }, 15_000);
  const code = await session.exited;
  clearTimeout(timer);
  return killed ? 'killed' : code;
}

const stops: [string, (s: Session) => void][] = [
  ['SIGTERM', (s) => s.child.kill('SIGTERM')],
  ['SIGINT', (s) => s.child.kill('SIGINT')],
  ['stdin end', (s) => s.child.stdin?.end()],
  // One line over the transport's 10 MB limit: the SDK closes the transport.
  ['an oversized line closing the transport', (s) => s.child.stdin?.write('x'.repeat(10 * 1024 * 1024 + 1))],
];

describe('shutdown with a create in flight', () => {
  it.each(stops)('on %s, writes the create\'s outcome before closing the audit log, and exits', async (_name, stop) => {
    const emulator = await startEmulator({ seed: { ...E2E_SEED, applyMs: 3000 }, port: 0 });
    const file = auditPath();
    const session = await startSession({ env: emulatorEnv(emulator, E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    await createInFlight(session, emulator);
    stop(session);
    expect(await exitOf(session)).toBe(0);
    const lines = auditLines(file).filter((l) => l.phase === 'create');
    // The route was accepted: "submitted" when shutdown cut the wait for the gateway short, "created" when
    // the gateway was done first (writing 10 MB to the pipe can take that long).
    expect(lines.map((l) => l.outcome)).toEqual(['sending', expect.stringMatching(/^(submitted|created)$/)]);
    expect(lines[1]?.clientToken).toBe(sentCreates(emulator)[0]?.params.ClientToken);
    expect(emulator.routes('vpn-e2eprio01').filter((r) => r.routeDest === GOOD_ROUTE.routeDest)).toHaveLength(1);
    expect(session.stderr()).not.toMatch(/audit log write failed/);
    await emulator.close();
  }, 45_000);

  it('records "unknown" for a create still unanswered at the end of the grace period, then exits', async () => {
    const emulator = await startEmulator({ seed: E2E_SEED, port: 0 });
    const file = auditPath();
    const session = await startSession({
      env: emulatorEnv(emulator, E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file, VPN_PBR_MCP_TIMEOUT_MS: '15000', VPN_PBR_MCP_MAX_ATTEMPTS: '1' }),
    });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    // The dry run has passed: now the real create hangs.
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'hang', ms: 20_000 });
    session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }).catch(() => {});
    await until(() => sentCreates(emulator).length === 1);
    session.child.kill('SIGTERM');
    expect(await exitOf(session)).toBe(0);
    const lines = auditLines(file).filter((l) => l.phase === 'create');
    expect(lines.map((l) => `${l.outcome}:${l.errorCode ?? ''}`)).toEqual(['sending:', 'unknown:ShutdownBeforeOutcome']);
    expect(session.stderr()).toMatch(/still running at the deadline: recorded as outcome unknown/);
    await emulator.close();
  }, 45_000);
});
