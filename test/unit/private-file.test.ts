// The rule for a file only this user may have written: a regular file of ours that group and others cannot write.
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privateFileProblem } from '../../src/private-file.js';

const dir = () => mkdtempSync(join(tmpdir(), 'pbr-private-file-'));

describe('privateFileProblem', () => {
  const d = dir();
  const file = join(d, 'ok.jsonl');
  writeFileSync(file, '', { mode: 0o600 });
  const fifo = join(d, 'fifo');
  execFileSync('mkfifo', ['-m', '0600', fifo]);
  symlinkSync(file, join(d, 'link'));
  const uid = statSync(file).uid;

  it('accepts a 0600 regular file of this user', () => {
    expect(privateFileProblem(statSync(file), uid)).toBeUndefined();
  });

  it.each([
    ['a FIFO', () => lstatSync(fifo), /not a regular file \(a FIFO\)/],
    ['a directory', () => lstatSync(d), /not a regular file \(a directory\)/],
    ['a symlink', () => lstatSync(join(d, 'link')), /is a symbolic link/],
  ])('refuses %s', (_what, stats, message) => {
    expect(privateFileProblem(stats(), uid)?.what).toMatch(message);
  });

  it('refuses a file of another user, and one that group or others may write', () => {
    expect(privateFileProblem(statSync(file), uid + 1)?.what).toMatch(new RegExp(`belongs to another user \\(uid ${uid}\\)`));
    chmodSync(file, 0o620);
    expect(privateFileProblem(statSync(file), uid)?.what).toMatch(/writable by group or others \(mode 0620\)/);
    chmodSync(file, 0o600);
  });
});
