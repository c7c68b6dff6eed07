// V8's compile cache: where it goes, and that it stays off wherever it could not be trusted or made.
import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compileCacheDir, enableCompileCache } from '../../src/compile-cache.js';

const enabled = (directory: string) => ({ status: 1, directory });

describe('compileCacheDir', () => {
  it('is compile-cache in the same cache directory as the sandbox state', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(join('/x/cache', 'alicloud-vpn-pbr-mcp', 'compile-cache'));
    expect(compileCacheDir({ LOCALAPPDATA: 'C:/Users/a/AppData/Local' }, 'win32')).toBe(join('C:/Users/a/AppData/Local', 'alicloud-vpn-pbr-mcp', 'compile-cache'));
    expect(compileCacheDir({}, 'darwin')).toBe(join(homedir(), '.cache', 'alicloud-vpn-pbr-mcp', 'compile-cache'));
  });
});

describe('enableCompileCache', () => {
  it('makes the directory, private, and hands it to node', () => {
    const cache = mkdtempSync(join(tmpdir(), 'cc-'));
    const enable = vi.fn(enabled);
    const directory = enableCompileCache({ XDG_CACHE_HOME: cache }, enable);
    expect(directory).toBe(join(cache, 'alicloud-vpn-pbr-mcp', 'compile-cache'));
    expect(enable).toHaveBeenCalledWith(directory);
    if (process.platform !== 'win32') expect(statSync(directory as string).mode & 0o777).toBe(0o700);
  });

  it('is off on a node without it (node 20)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'cc-'));
    expect(enableCompileCache({ XDG_CACHE_HOME: cache }, undefined)).toBeUndefined();
  });

  it('is off, silently, when the directory cannot be made', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cc-')), 'a-file');
    writeFileSync(file, '');
    const enable = vi.fn(enabled);
    expect(enableCompileCache({ XDG_CACHE_HOME: file }, enable)).toBeUndefined();
    expect(enable).not.toHaveBeenCalled();
  });

  it.skipIf(process.platform === 'win32')('is off when others could write the compiled code it would run, or the directory is a symlink', () => {
    const cache = mkdtempSync(join(tmpdir(), 'cc-'));
    const directory = join(cache, 'alicloud-vpn-pbr-mcp', 'compile-cache');
    mkdirSync(directory, { recursive: true });
    chmodSync(directory, 0o777);
    const enable = vi.fn(enabled);
    expect(enableCompileCache({ XDG_CACHE_HOME: cache }, enable)).toBeUndefined();
    chmodSync(directory, 0o700);
    expect(enableCompileCache({ XDG_CACHE_HOME: cache }, enable)).toBe(directory);

    const linked = mkdtempSync(join(tmpdir(), 'cc-'));
    mkdirSync(join(linked, 'alicloud-vpn-pbr-mcp'));
    symlinkSync(directory, join(linked, 'alicloud-vpn-pbr-mcp', 'compile-cache'));
    expect(enableCompileCache({ XDG_CACHE_HOME: linked }, enable)).toBeUndefined();
    expect(enable).toHaveBeenCalledTimes(1);
  });
});
