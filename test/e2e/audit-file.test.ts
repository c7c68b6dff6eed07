// The audit log file: never through a symlink, never a file others can write, follows rotation, fails closed.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, runServerProcess, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);

const dir = () => mkdtempSync(join(tmpdir(), 'pbr-auditfile-'));
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

async function refusedAtStart(path: string, message: RegExp): Promise<void> {
  const result = await runServerProcess([], { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou', VPN_PBR_MCP_AUDIT_LOG: path });
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe('');
  const stderr = result.stderr.trim().split('\n');
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(message);
}

describe('audit log file at start', () => {
  it('refuses a symlink to an existing file and leaves the target untouched', async () => {
    const d = dir();
    const target = join(d, 'unrelated.txt');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, join(d, 'audit.jsonl'));
    await refusedAtStart(join(d, 'audit.jsonl'), /audit log .*audit\.jsonl is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
  });

  it('refuses a dangling symlink and does not create its target', async () => {
    const d = dir();
    symlinkSync(join(d, 'elsewhere.jsonl'), join(d, 'audit.jsonl'));
    await refusedAtStart(join(d, 'audit.jsonl'), /is a symbolic link/);
    expect(existsSync(join(d, 'elsewhere.jsonl'))).toBe(false);
  });

  it.each(['0666', '0620', '0602'])('refuses an existing file with mode %s and leaves it alone', async (octal) => {
    const mode = Number.parseInt(octal, 8);
    const file = join(dir(), 'audit.jsonl');
    writeFileSync(file, '');
    chmodSync(file, mode);
    await refusedAtStart(file, /writable by group or others \(mode 0\d{3}\); run chmod 600/);
    expect(statSync(file).mode & 0o777).toBe(mode);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('audit log file while running', () => {
  it('writes to a new 0600 file at the path after the old one was rotated or deleted', async () => {
    const file = join(dir(), 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    await session.call('validateRoute', GOOD_ROUTE);
    renameSync(file, `${file}.1`);
    await session.call('validateRoute', { ...GOOD_ROUTE, weight: 0 });
    expect(lines(`${file}.1`)).toHaveLength(1);
    expect(lines(file)).toHaveLength(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    unlinkSync(file);
    await session.call('validateRoute', GOOD_ROUTE);
    expect(lines(file)).toHaveLength(1);
    await session.close();
  });

  it('refuses the create (fail closed) when the rotated file may not be used, without leaking a descriptor', async () => {
    const file = join(dir(), 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    // Someone replaces the log with a file anyone can write.
    renameSync(file, `${file}.1`);
    writeFileSync(file, '');
    chmodSync(file, 0o666);
    const descriptors = () => readdirSync(`/proc/${session.child.pid}/fd`).length;
    const hasProc = existsSync(`/proc/${session.child.pid}/fd`);
    let before = 0;
    for (let i = 0; i < 6; i++) {
      // Counted after the first refusal, which closes the handle of the rotated file.
      if (i === 1 && hasProc) before = descriptors();
      const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
      expect(result.isError).toBe(true);
      expect(body(result).error.code).toBe('AuditLogUnavailable');
      expect(body(result).error.message).toMatch(/writable by group or others.*The change was not sent/);
      expect(body(result).routeCreated).toBe(false);
      expect(body(result).summary).toMatch(/No route was created\.$/);
    }
    if (hasProc) expect(descriptors()).toBe(before);
    expect(emulated.realCreates()).toHaveLength(0);
    expect(readFileSync(file, 'utf8')).toBe('');
    await session.close();
  });
});
