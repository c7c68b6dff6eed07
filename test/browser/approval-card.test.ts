// The approval card as a person sees it: a real headless Chromium-based browser (found by scripts/find-browser.mjs,
// driven by playwright-core) loads a small host page that uses ext-apps' AppBridge; the card gets a real dry run
// from the built server (stdio) against the emulator, shows the table, and Approve creates the route.
// Screenshots: test/artifacts/. Without a browser the suite is skipped with one line saying how to run it;
// under CI=true a missing browser fails the run.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, missingBrowserMessage } from '../../scripts/find-browser.mjs';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { body, emulatorEnv, type Session, startSession, useEmulator } from '../e2e/harness.js';
import { APPS_HOST, CARD_URI, type CardBrowser, type HostPage, launchCardBrowser, openCardPage, serveHostPage } from './card-host.js';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const GW = 'vpn-cardtest0prio01';
const PLAN_GW = 'vpn-cardplan0prio01';

const browserSearch = findBrowser();
const ci = process.env.CI === 'true';
if (!browserSearch.path && !ci) {
  process.stderr.write(`approval card browser test skipped: ${missingBrowserMessage(browserSearch)} (under CI=true this fails)\n`);
}

// A gateway with priorities whose table has something to say about the new standby route.
const SEED: EmulatorSeed = {
  credentials: [{ accessKeyId: 'LTAIcardTestKey01', accessKeySecret: 'card-test-secret-0123456789' }],
  applyMs: 100,
  gateways: [{ id: GW, regionId: 'cn-hangzhou', pbrPriority: true }, { id: PLAN_GW, regionId: 'cn-hangzhou', pbrPriority: true }],
  connections: [
    { id: 'vco-cardtest0a1', gatewayId: GW },
    { id: 'vco-cardtest0b2', gatewayId: GW },
    { id: 'vco-cardplan0a1', gatewayId: PLAN_GW },
    { id: 'vco-cardplan0b2', gatewayId: PLAN_GW },
  ],
  routes: [
    // A pair on a second gateway, for the plan that swaps it.
    { vpnGatewayId: PLAN_GW, routeSource: '192.168.70.0/24', routeDest: '10.70.0.0/24', nextHop: 'vco-cardplan0a1', weight: 100, priority: 20, publishVpc: true },
    { vpnGatewayId: PLAN_GW, routeSource: '192.168.70.0/24', routeDest: '10.70.0.0/24', nextHop: 'vco-cardplan0b2', weight: 0, priority: 30, publishVpc: false },
    { vpnGatewayId: GW, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-cardtest0a1', weight: 100, priority: 10, publishVpc: true },
    { vpnGatewayId: GW, routeSource: '192.168.10.128/25', routeDest: '10.0.0.0/8', nextHop: 'vco-cardtest0a1', weight: 100, priority: 5, publishVpc: true },
    { vpnGatewayId: GW, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/25', nextHop: 'vco-cardtest0a1', weight: 100, priority: 20, publishVpc: true },
    { vpnGatewayId: GW, routeSource: '172.16.5.0/24', routeDest: '10.99.0.0/24', nextHop: 'vco-cardtest0b2', weight: 100, priority: 10, publishVpc: false },
  ],
};
// The standby partner of the first route.
const STANDBY = { vpnGatewayId: GW, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: 'vco-cardtest0b2', weight: 0, priority: 10, publishVpc: true };
// IDs as long as the API allows (64 characters), on a gateway of their own: too long for a narrow card.
const LONG_GW = `vpn-${'cardtest0long'.repeat(5)}`.slice(0, 64);
const LONG_HOP = `vco-${'cardtest0long'.repeat(5)}`.slice(0, 64);
SEED.gateways?.push({ id: LONG_GW, regionId: 'cn-hangzhou', pbrPriority: true });
SEED.connections?.push({ id: LONG_HOP, gatewayId: LONG_GW });
const LONG_ROUTE = { ...STANDBY, vpnGatewayId: LONG_GW, nextHop: LONG_HOP, weight: 100 };

const emulated = useEmulator(SEED);

describe.skipIf(!browserSearch.path && !ci)('the approval card in headless Chromium', () => {
  let browser: CardBrowser;
  let session: Session;
  let host: HostPage;

  beforeAll(async () => {
    if (!browserSearch.path) throw new Error(`CI=true and ${missingBrowserMessage(browserSearch)}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchCardBrowser(browserSearch.path);
    host = await serveHostPage();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await browser?.close();
    host?.close();
  });

  async function openCard(theme: 'light' | 'dark', width: number, tool = 'createVpnPbrRoute', input: Record<string, unknown> = STANDBY): Promise<{ page: Page; dryRun: CallToolResult }> {
    session = await startSession({ env: emulatorEnv(emulated.get(), SEED, { VPN_PBR_MCP_WAIT_SECONDS: '10' }), args: ['--require-app-approval'], capabilities: APPS_HOST as never });
    const { tools } = await session.client.listTools();
    const { contents } = await session.client.readResource({ uri: CARD_URI });
    const html = (contents[0] as { text: string }).text;
    const dryRun = (await session.client.callTool({ name: tool, arguments: input })) as CallToolResult;
    expect(body(dryRun).status).toBe('dry_run_passed');
    const current = session;
    const page = await openCardPage(browser.context, host, {
      html,
      input,
      result: dryRun,
      tools,
      theme,
      width,
      // Tall enough that the whole card is painted in one screenshot.
      height: width < 500 ? 1500 : 900,
      callTool: async (name, args) => current.call(name, args),
    });
    return { page, dryRun };
  }

  it('shows the change placed in the gateway\'s table with its partner and overlaps, and Approve creates it', async () => {
    const { page, dryRun } = await openCard('light', 820);
    const card = page.frameLocator('iframe');
    await expect.poll(() => card.locator('h1').textContent()).toBe('Create a policy-based route');
    expect(await card.locator('.badge').textContent()).toBe('live account');
    expect(await card.locator('.facts').textContent()).toContain(GW);

    const rows = await card.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows).toEqual([
      ['192.168.10.128/25', '10.0.0.0/8', 'vco-cardtest0a1', '100 active', '5', 'overlaps, wins'],
      ['192.168.10.0/24', '10.10.0.0/24', 'vco-cardtest0a1', '100 active', '10', 'active/standby pair'],
      ['192.168.10.0/24', '10.10.0.0/24', 'vco-cardtest0b2', '0 standby', '10', 'new'],
      ['172.16.5.0/24', '10.99.0.0/24', 'vco-cardtest0b2', '100 active', '10', ''],
      ['192.168.10.0/24', '10.10.0.0/25', 'vco-cardtest0a1', '100 active', '20', 'covered by the change'],
    ]);
    const warnings = await card.locator('.warnings li').allTextContents();
    expect(warnings).toContain('Active/standby pair: the new route is the standby of 192.168.10.0/24 -> 10.10.0.0/24 via vco-cardtest0a1.');
    expect(warnings.some((w) => w.includes('10.10.0.0/25') && w.includes('would no longer match'))).toBe(true);
    expect(await card.locator('.expiry').textContent()).toMatch(/^(9|10):\d\d$/);
    await page.screenshot({ path: join(ARTIFACTS, 'approval-card.png'), fullPage: true });

    // The model's own confirmation is refused with the setting on; the card's Approve goes through.
    const token = body(dryRun).confirmationToken as string;
    const refused = await session.call('createVpnPbrRoute', { ...STANDBY, confirmationToken: token });
    expect(body(refused).error.code).toBe('ApprovalRequired');
    expect(emulated.realCreates()).toHaveLength(0);

    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => card.locator('.outcome strong').textContent(), { timeout: 30_000 }).toBe('Created');
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await card.locator('.route-created').textContent()).toBe('routeCreated: true');
    await page.screenshot({ path: join(ARTIFACTS, 'approval-card-approved.png'), fullPage: true });

    expect(emulated.realCreates()).toHaveLength(1);
    const listed = await session.call('listVpnPbrRoutes', { vpnGatewayId: GW });
    expect(body(listed).routes).toContainEqual(expect.objectContaining({ nextHop: 'vco-cardtest0b2', routeDest: '10.10.0.0/24', weight: 0 }));
    expect(await page.evaluate(() => (window as unknown as { hostLog: string[] }).hostLog)).toContain('tools/call approveRouteChange');
    await page.close();
    await session.close();
  });

  it('follows a dark host theme, stacks the table at a narrow width, keeps long IDs whole on hover, and Cancel sends nothing', async () => {
    const { page } = await openCard('dark', 360, 'createVpnPbrRoute', LONG_ROUTE);
    const card = page.frameLocator('iframe');
    await expect.poll(() => card.locator('h1').textContent()).toBe('Create a policy-based route');
    const colours = await card.locator('body').evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
    expect(colours).toEqual(['rgb(27, 27, 27)', 'rgb(242, 242, 242)']);
    // No sideways scrolling at 360 px: every cell fits.
    const overflow = await card.locator('html').evaluate((h) => h.scrollWidth - h.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every ID and block stays on one line; one that does not fit is cut with an ellipsis and whole in its title.
    const ids = await card.locator('.id').evaluateAll((spans) =>
      spans.map((span) => {
        const range = document.createRange();
        range.selectNodeContents(span);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        return { text: span.textContent, title: span.getAttribute('title'), lines, cut: span.scrollWidth > span.clientWidth, overflow: getComputedStyle(span).textOverflow };
      }),
    );
    expect(ids.map((i) => i.text)).toEqual(expect.arrayContaining([LONG_GW, LONG_HOP, '192.168.10.0/24']));
    for (const i of ids) expect(i, i.text ?? '').toMatchObject({ lines: 1, title: i.text, overflow: 'ellipsis' });
    expect(ids.filter((i) => i.cut).map((i) => i.text)).toContain(LONG_GW);
    await page.screenshot({ path: join(ARTIFACTS, 'approval-card-dark-narrow.png'), fullPage: true });

    await card.getByRole('button', { name: 'Cancel' }).click();
    expect(await card.locator('.outcome strong').textContent()).toBe('Cancelled');
    expect(emulated.realCreates()).toHaveLength(0);
    await page.close();
  });

  it('shows a plan: its steps in order with the inserted ones marked, the windows, the table before and after; Approve applies it', async () => {
    const swap = {
      vpnGatewayId: PLAN_GW,
      changes: [
        { op: 'modify', routeSource: '192.168.70.0/24', routeDest: '10.70.0.0/24', nextHop: 'vco-cardplan0a1', weight: 100, newWeight: 0 },
        { op: 'modify', routeSource: '192.168.70.0/24', routeDest: '10.70.0.0/24', nextHop: 'vco-cardplan0b2', weight: 0, newWeight: 100 },
      ],
    };
    const { page } = await openCard('light', 820, 'applyRouteChanges', swap);
    const card = page.frameLocator('iframe');
    await expect.poll(() => card.locator('h1').textContent()).toBe('Apply a change set');
    // Each step's own words (IDs are spans of their own, so that they never break), without the inserted note.
    const steps = await card
      .locator('.steps li')
      .evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-inserted'), [...li.childNodes].filter((n) => n.nodeName !== 'SMALL').map((n) => n.textContent).join('')]));
    expect(steps).toEqual([
      ['true', 'delete 192.168.70.0/24 -> 10.70.0.0/24 via vco-cardplan0b2 (weight 0)'],
      ['false', 'set weight 100 -> 0 of 192.168.70.0/24 -> 10.70.0.0/24 via vco-cardplan0a1'],
      ['true', 'create 192.168.70.0/24 -> 10.70.0.0/24 via vco-cardplan0b2 (weight 100, priority 30, not published)'],
    ]);
    expect(await card.locator('.steps li.inserted small').first().textContent()).toContain("the API changes the weight of a pair's route only while its partner is not listed");
    expect(await card.locator('.windows li').allTextContents()).toEqual([
      'between steps 1 and 2 192.168.70.0/24 -> 10.70.0.0/24 has no standby route (weight 0)',
      'between steps 2 and 3 192.168.70.0/24 -> 10.70.0.0/24 has no active route (weight 100)',
    ]);
    const tables = await card.locator('table').evaluateAll((ts) => ts.map((t) => [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join(' | '))));
    expect(tables).toEqual([
      ['192.168.70.0/24 | 10.70.0.0/24 | vco-cardplan0a1 | 100 active | 20 | published | changed', '192.168.70.0/24 | 10.70.0.0/24 | vco-cardplan0b2 | 0 standby | 30 | not published | changed'],
      ['192.168.70.0/24 | 10.70.0.0/24 | vco-cardplan0a1 | 0 standby | 20 | published | changed', '192.168.70.0/24 | 10.70.0.0/24 | vco-cardplan0b2 | 100 active | 30 | not published | changed'],
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'approval-card-plan.png'), fullPage: true });

    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => card.locator('.outcome strong').textContent(), { timeout: 30_000 }).toBe('Applied');
    expect(await card.locator('.route-created').textContent()).toBe('changesApplied: true');
    expect(emulated.get().routes(PLAN_GW).map((r) => `${r.nextHop}:${r.weight}`).sort()).toEqual(['vco-cardplan0a1:0', 'vco-cardplan0b2:100']);
    await page.close();
    await session.close();
  });
});
