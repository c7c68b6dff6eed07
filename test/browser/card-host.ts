// The approval card in a real browser: a headless Chromium-based browser (playwright-core, fresh profile) and a
// small MCP Apps host page on loopback (host-page.ts, bundled by esbuild). Shared by the browser test and
// scripts/card-screenshot.ts, which regenerates docs/approval-card.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CARD_URI = 'ui://alicloud-vpn-pbr-mcp/route-change';
/** Client capabilities of a host that renders MCP Apps. */
export const APPS_HOST = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } };

export interface CardBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchCardBrowser(executablePath: string): Promise<CardBrowser> {
  // A fresh profile directory: nothing from an earlier run or from the machine's own browser.
  const userDataDir = mkdtempSync(join(tmpdir(), 'card-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface HostPage {
  url: string;
  close(): void;
}

/** The host page and its script, served on loopback. */
export async function serveHostPage(): Promise<HostPage> {
  const bundled = await build({
    entryPoints: [resolve(import.meta.dirname, 'host-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'error',
  });
  const script = bundled.outputFiles[0]?.text ?? '';
  const page = '<!doctype html><html><head><meta charset="utf-8"><title>test host</title></head><body style="margin:16px;font:14px system-ui"><div id="slot"></div><script src="/host.js"></script></body></html>';
  const server = createServer((request, response) => {
    const js = request.url === '/host.js';
    response.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    response.end(js ? script : page);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

export interface CardLoad {
  /** The card's HTML (the server's ui:// resource). */
  html: string;
  /** The dry run's arguments and result. */
  input: Record<string, unknown>;
  result: CallToolResult;
  tools: Tool[];
  theme: 'light' | 'dark';
  width: number;
  height: number;
  /** Where the host sends the card's tools/call: the real server. */
  callTool(name: string, args: Record<string, unknown>): Promise<unknown>;
}

/** A new page of the host with the card loaded in its iframe. */
export async function openCardPage(context: BrowserContext, host: HostPage, load: CardLoad): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: load.width, height: load.height });
  await page.emulateMedia({ colorScheme: load.theme });
  await page.exposeFunction('callServerTool', load.callTool);
  await page.goto(host.url);
  const { html, input, result, tools, theme } = load;
  // Plain JSON for the page: the SDK's result types are too deep for playwright's typings.
  const card: Record<string, unknown> = { html, input, result, tools, theme };
  await page.evaluate((c) => (window as unknown as { loadCard(c: unknown): Promise<void> }).loadCard(c), card);
  return page;
}
