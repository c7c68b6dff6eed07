// Which browser the approval card's browser test drives, and what it says when there is none (no browser needed here).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, missingBrowserMessage } from '../../scripts/find-browser.mjs';

const only = (...present: string[]) => (path: string) => present.includes(path);

describe('findBrowser', () => {
  it("prefers Debian's chromium, then finds Chrome or Edge at their usual Linux paths", () => {
    expect(findBrowser({ env: {}, platform: 'linux', isExecutable: only('/usr/bin/chromium', '/usr/bin/google-chrome') }).path).toBe('/usr/bin/chromium');
    expect(findBrowser({ env: {}, platform: 'linux', isExecutable: only('/opt/google/chrome/chrome') }).path).toBe('/opt/google/chrome/chrome');
    expect(findBrowser({ env: {}, platform: 'linux', isExecutable: only('/opt/microsoft/msedge/msedge') }).path).toBe('/opt/microsoft/msedge/msedge');
  });

  it('finds an app in /Applications or ~/Applications on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser({ env: {}, platform: 'darwin', isExecutable: only(chrome) }).path).toBe(chrome);
    const edge = '/Users/me/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findBrowser({ env: { HOME: '/Users/me' }, platform: 'darwin', isExecutable: only(edge) }).path).toBe(edge);
    expect(findBrowser({ env: {}, platform: 'darwin', isExecutable: only('/usr/bin/chromium') }).path).toBeUndefined();
  });

  it('uses CHROMIUM_PATH alone when it is set: a path that does not exist is not found, and no other browser stands in', () => {
    const search = findBrowser({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, platform: 'linux', isExecutable: only('/usr/bin/chromium') });
    expect(search).toEqual({ path: undefined, searched: ['/nowhere/chrome'], fromEnv: true });
    expect(missingBrowserMessage(search)).toBe(
      'CHROMIUM_PATH=/nowhere/chrome is not an executable file: install one (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium-based browser',
    );
    expect(findBrowser({ env: { CHROMIUM_PATH: '/opt/my/chromium' }, isExecutable: only('/opt/my/chromium') }).path).toBe('/opt/my/chromium');
  });

  it('checks the real file system by default: an executable file counts, a missing file, a directory or a plain file does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'find-browser-'));
    const browser = join(dir, 'chromium');
    writeFileSync(browser, '#!/bin/sh\n');
    expect(findBrowser({ env: { CHROMIUM_PATH: browser } }).path).toBeUndefined();
    chmodSync(browser, 0o755);
    expect(findBrowser({ env: { CHROMIUM_PATH: browser } }).path).toBe(browser);
    expect(findBrowser({ env: { CHROMIUM_PATH: dir } }).path).toBeUndefined();
    expect(findBrowser({ env: { CHROMIUM_PATH: join(dir, 'missing') } }).path).toBeUndefined();
  });

  it('says in one line where it looked and how to get a browser', () => {
    const search = findBrowser({ env: {}, platform: 'linux', isExecutable: () => false });
    expect(search.path).toBeUndefined();
    const message = missingBrowserMessage(search);
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^no Chromium, Chrome or Edge found \(looked for \/usr\/bin\/chromium, .*\/opt\/microsoft\/msedge\/msedge\): install one \(Debian\/Ubuntu: apt-get install -y chromium\) or set CHROMIUM_PATH/);
  });
});
