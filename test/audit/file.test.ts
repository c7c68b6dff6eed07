// The audit log file in-process: which files may take lines, and how a file that became unusable is noticed.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/audit/file.js';
import type { AuditEntry } from '../../src/audit/entry.js';

const dir = () => mkdtempSync(join(realpathSync(tmpdir()), 'pbr-audit-unit-'));
const ENTRY: AuditEntry = { tool: 'validateRoute', phase: 'validate', outcome: 'ok', durationMs: 1, client: {} };

describe('openAuditLog', () => {
  it('refuses at once a FIFO with no reader, at start and when one replaces the file later', async () => {
    const d = dir();
    execFileSync('mkfifo', ['-m', '0600', join(d, 'fifo.jsonl')]);
    await expect(openAuditLog(join(d, 'fifo.jsonl'))).rejects.toThrow(/not a regular file \(a FIFO\)/);

    const file = join(d, 'audit.jsonl');
    const log = await openAuditLog(file);
    await log.record(ENTRY);
    renameSync(file, `${file}.1`);
    execFileSync('mkfifo', ['-m', '0600', file]);
    await expect(log.record(ENTRY)).rejects.toMatchObject({ code: 'AuditLogUnavailable', message: expect.stringMatching(/a FIFO/) });
    await log.close();
  });

  it('notices a mode widened on the open file, and writes again once it is narrowed', async () => {
    const file = join(dir(), 'audit.jsonl');
    const log = await openAuditLog(file);
    await log.record(ENTRY);
    chmodSync(file, 0o644);
    await log.record(ENTRY);
    chmodSync(file, 0o666);
    await expect(log.record(ENTRY)).rejects.toMatchObject({ code: 'AuditLogUnavailable', message: expect.stringMatching(/mode 0666/) });
    chmodSync(file, 0o600);
    await log.record(ENTRY);
    await log.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('refuses a directory reached through a symlink and names the real path; accepts the real one', async () => {
    const d = dir();
    mkdirSync(join(d, 'real'));
    symlinkSync(join(d, 'real'), join(d, 'link'));
    await expect(openAuditLog(join(d, 'link', 'a.jsonl'))).rejects.toThrow(`give the path without links: ${join(d, 'real', 'a.jsonl')}`);
    const log = await openAuditLog(join(d, 'real', 'a.jsonl'));
    await log.close();
  });

  it('refuses a missing directory with the system code only', async () => {
    await expect(openAuditLog(join(dir(), 'missing', 'a.jsonl'))).rejects.toThrow(/cannot open the audit log .* \(ENOENT\)$/);
  });
});
