// Finds a Chromium-based browser for the approval card's browser test and screenshot (playwright-core drives it;
// it downloads none). CHROMIUM_PATH, when set, is the only candidate: a wrong path is reported, never replaced by
// another browser. Otherwise Debian's chromium, then Chrome, Chromium and Edge at their usual Linux and macOS paths.
import { accessSync, constants, statSync } from 'node:fs';

const LINUX = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/opt/microsoft/msedge/msedge',
];

const MACOS_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

/** @param {NodeJS.Platform} platform @param {NodeJS.ProcessEnv} env @returns {string[]} */
export function browserCandidates(platform, env) {
  if (platform === 'linux') return LINUX;
  if (platform === 'darwin') {
    const home = env.HOME ? [`${env.HOME}/Applications`] : [];
    return ['/Applications', ...home].flatMap((dir) => MACOS_APPS.map((app) => `${dir}/${app}`));
  }
  return [];
}

/** @param {string} path @returns {boolean} */
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, isExecutable?: (path: string) => boolean }} [options]
 * @returns {{ path?: string, searched: string[], fromEnv: boolean }}
 */
export function findBrowser(options = {}) {
  const env = options.env ?? process.env;
  const isExecutable = options.isExecutable ?? isExecutableFile;
  const given = env.CHROMIUM_PATH?.trim();
  const searched = given ? [given] : browserCandidates(options.platform ?? process.platform, env);
  return { path: searched.find((path) => isExecutable(path)), searched, fromEnv: Boolean(given) };
}

/** One line: what was looked for and how to get a browser. @param {{ searched: string[], fromEnv: boolean }} result */
export function missingBrowserMessage(result) {
  const what = result.fromEnv
    ? `CHROMIUM_PATH=${result.searched[0]} is not an executable file`
    : `no Chromium, Chrome or Edge found (looked for ${result.searched.length > 0 ? result.searched.join(', ') : 'nothing on this platform'})`;
  return `${what}: install one (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium-based browser`;
}
