// Where the sandbox keeps its state by default: the user's cache directory.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSandboxStatePath } from '../../src/sandbox.js';

describe('defaultSandboxStatePath', () => {
  it('uses $XDG_CACHE_HOME, then %LOCALAPPDATA% on Windows, else ~/.cache', () => {
    expect(defaultSandboxStatePath({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(join('/x/cache', 'alicloud-vpn-pbr-mcp', 'sandbox.json'));
    expect(defaultSandboxStatePath({ LOCALAPPDATA: 'C:/Users/a/AppData/Local' }, 'win32')).toBe(join('C:/Users/a/AppData/Local', 'alicloud-vpn-pbr-mcp', 'sandbox.json'));
    expect(defaultSandboxStatePath({ LOCALAPPDATA: '/ignored' }, 'linux')).toBe(join(homedir(), '.cache', 'alicloud-vpn-pbr-mcp', 'sandbox.json'));
  });
});
