// Regenerates docs/approval-card.png: the approval card of a real dry run in the sandbox (the README's walk-through:
// a standby route through the second tunnel, next to its active partner), in headless Chromium, cropped to the card.
// Run after `npm run build`:  npx tsx scripts/card-screenshot.ts [out.png]
// Needs a Chromium-based browser (scripts/find-browser.mjs: CHROMIUM_PATH, or Chromium, Chrome or Edge where they
// usually are). The sandbox's state lives in a temporary file: the user's own sandbox is left alone.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { APPS_HOST, CARD_URI, launchCardBrowser, openCardPage, serveHostPage } from '../test/browser/card-host.js';
import { binNodeFlags } from './bin-flags.mjs';
import { findBrowser, missingBrowserMessage } from './find-browser.mjs';

const root = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(root, 'docs/approval-card.png'));
const entry = join(root, 'dist/index.js');

const browserSearch = findBrowser();
if (!browserSearch.path) throw new Error(missingBrowserMessage(browserSearch));
if (!existsSync(entry)) throw new Error('dist/index.js is missing: run npm run build first');

// The README's walk-through: the active route through the first tunnel exists; the agent adds its standby.
const ACTIVE = {
  vpnGatewayId: 'vpn-sandbox0priority01',
  routeSource: '192.168.20.0/24',
  routeDest: '10.20.0.0/24',
  nextHop: 'vco-sandbox0tunnel0a1',
  weight: 100,
  publishVpc: true,
};
const STANDBY = { ...ACTIVE, nextHop: 'vco-sandbox0tunnel0b2', weight: 0 };

const stateDir = mkdtempSync(join(tmpdir(), 'card-screenshot-'));
const client = new Client({ name: 'card-screenshot', version: '1.0.0' }, { capabilities: APPS_HOST as never });
await client.connect(
  new StdioClientTransport({
    command: process.execPath,
    args: [...binNodeFlags(entry), entry, '--sandbox', '--sandbox-state', join(stateDir, 'sandbox.json')],
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
    stderr: 'ignore',
  }),
);
const browser = await launchCardBrowser(browserSearch.path);
const host = await serveHostPage();
try {
  const call = async (args: Record<string, unknown>) => {
    const result = (await client.callTool({ name: 'createVpnPbrRoute', arguments: args })) as CallToolResult;
    const body = result.structuredContent as { status?: string; confirmationToken?: string; summary?: string };
    if (result.isError) throw new Error(`createVpnPbrRoute: ${body.summary}`);
    return { result, body };
  };
  const active = await call(ACTIVE);
  await call({ ...ACTIVE, confirmationToken: active.body.confirmationToken });

  const { tools } = await client.listTools();
  const { contents } = await client.readResource({ uri: CARD_URI });
  const dryRun = await call(STANDBY);
  const page = await openCardPage(browser.context, host, {
    html: (contents[0] as { text: string }).text,
    input: STANDBY,
    result: dryRun.result,
    tools,
    theme: 'light',
    width: 820,
    height: 900,
    callTool: async () => {
      throw new Error('the screenshot approves nothing');
    },
  });
  const card = page.frameLocator('iframe');
  await card.locator('h1').waitFor();
  if ((await card.locator('.badge').textContent()) !== 'sandbox') throw new Error('the card does not say sandbox');
  // The iframe follows the card's height (host-page.ts): its box is exactly the card.
  await page.waitForFunction(() => (document.querySelector('iframe')?.getBoundingClientRect().height ?? 0) > 250);
  await page.locator('iframe').screenshot({ path: out });
  process.stderr.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  host.close();
  await client.close();
  rmSync(stateDir, { recursive: true, force: true });
}
