// The audit log file: a regular file of ours only, never through a symlink, never a file others can write,
// follows rotation, fails closed, and never hangs the server (a FIFO at the path).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, runServerProcess, type Session, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);

// The real path: a temporary directory reached through a symlink (macOS) would be refused as such.
const dir = () => mkdtempSync(join(realpathSync(tmpdir()), 'pbr-auditfile-'));
const mkfifo = (path: string) => execFileSync('mkfifo', ['-m', '0600', path]);
const isRoot = process.getuid?.() === 0;

/** Resolves with what the promise gave, or 'hung' after ms. */
const within = <T>(ms: number, promise: Promise<T>): Promise<T | 'hung'> =>
  Promise.race([promise, new Promise<'hung'>((done) => setTimeout(() => done('hung'), ms).unref())]);
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

async function refusedAtStart(path: string, message: RegExp): Promise<void> {
  const started = Date.now();
  const result = await runServerProcess([], { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou', VPN_PBR_MCP_AUDIT_LOG: path });
  // Refused at once (a configuration error), not killed by the harness after a hang.
  expect(result.code).toBe(2);
  expect(Date.now() - started).toBeLessThan(8000);
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

  it('refuses a 0600 FIFO with one line and exit 2 instead of never answering', async () => {
    const fifo = join(dir(), 'audit.jsonl');
    mkfifo(fifo);
    await refusedAtStart(fifo, /audit log .*audit\.jsonl is not a regular file \(a FIFO\)/);
  });

  it('refuses a directory at the path as not a regular file', async () => {
    const path = join(dir(), 'audit.jsonl');
    mkdirSync(path, { mode: 0o700 });
    await refusedAtStart(path, /is not a regular file \(a directory\)/);
  });

  it.runIf(isRoot)('refuses a 0600 character device (made with mknod: root only)', async () => {
    const device = join(dir(), 'audit.jsonl');
    execFileSync('mknod', ['-m', '0600', device, 'c', '1', '3']);
    await refusedAtStart(device, /is not a regular file \(a character device\)/);
  });

  it.runIf(isRoot)('refuses a file that belongs to another user (chown: root only)', async () => {
    const file = join(dir(), 'audit.jsonl');
    writeFileSync(file, '', { mode: 0o600 });
    chownSync(file, 65534, 65534);
    await refusedAtStart(file, /belongs to another user \(uid 65534\)/);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('refuses a path whose directory is reached through a symbolic link, naming the real one', async () => {
    const d = dir();
    mkdirSync(join(d, 'real'));
    symlinkSync(join(d, 'real'), join(d, 'link'));
    await refusedAtStart(join(d, 'link', 'audit.jsonl'), new RegExp(`directory ${join(d, 'link')} of the audit log is reached through a symbolic link \\(it is ${join(d, 'real')}\\)`));
    expect(existsSync(join(d, 'real', 'audit.jsonl'))).toBe(false);
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

  it('answers every call at once with AuditLogUnavailable after a FIFO replaced the log, and still stops on SIGTERM', async () => {
    const file = join(dir(), 'audit.jsonl');
    const session: Session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    try {
      expect((await session.call('validateRoute', GOOD_ROUTE)).isError).toBe(false);
      renameSync(file, `${file}.1`);
      mkfifo(file);
      // Read-only tools too: their line cannot be written, so they answer the refusal rather than hang.
      for (const [tool, args] of [['validateRoute', GOOD_ROUTE], ['listVpnGateways', {}], ['createVpnPbrRoute', GOOD_ROUTE]] as const) {
        const result = await within(5000, session.call(tool, args));
        if (result === 'hung') throw new Error(`${tool} did not answer within 5 s`);
        expect(result.isError, tool).toBe(true);
        expect(body(result).error.code, tool).toBe('AuditLogUnavailable');
        expect(body(result).error.message, tool).toMatch(/not a regular file \(a FIFO\)/);
      }
      session.child.kill('SIGTERM');
      expect(await within(5000, session.exited)).not.toBe('hung');
    } finally {
      session.child.kill('SIGKILL');
    }
    expect(emulated.realCreates()).toHaveLength(0);
  });

  it('refuses the next change, sending nothing, once the open log was made writable by others', async () => {
    const file = join(dir(), 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    expect(token).toEqual(expect.any(String));
    // The same file (same inode), not a rotation: only its mode changed.
    chmodSync(file, 0o666);
    const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(result).error.code).toBe('AuditLogUnavailable');
    expect(body(result).error.message).toMatch(/writable by group or others \(mode 0666\).*The change was not sent/);
    expect(body(result).routeCreated).toBe(false);
    expect(emulated.realCreates()).toHaveLength(0);
    expect(lines(file)).toHaveLength(1);
    await session.close();
  });
});
