// MCP Apps through the built bin over stdio: the approval card resource, the app-only approve tool, and
// VPN_PBR_MCP_REQUIRE_APP_APPROVAL refusing the model's own confirmation where the host renders the card.
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);
const { realCreates } = emulated;

// What a host that renders MCP Apps declares in its initialize request (ext-apps' EXTENSION_ID and mime type).
const APPS_HOST = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } };
const CARD = 'ui://alicloud-vpn-pbr-mcp/route-change';

function session(options: { apps: boolean; args?: string[] }) {
  return startSession({
    env: emulatorEnv(emulated.get(), E2E_SEED),
    args: options.args ?? [],
    capabilities: options.apps ? (APPS_HOST as never) : {},
  });
}

describe('MCP Apps approval card', () => {
  it('links createVpnPbrRoute to the card, marks approveRouteChange app-only, and serves the card as one HTML file', async () => {
    const s = await session({ apps: true });
    const { tools } = await s.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('createVpnPbrRoute')?._meta).toMatchObject({ ui: { resourceUri: CARD }, 'ui/resourceUri': CARD });
    expect(byName.get('approveRouteChange')?._meta).toMatchObject({ ui: { resourceUri: CARD, visibility: ['app'] } });
    // A host that honours visibility offers the model every tool but this one.
    const offered = tools.filter((t) => (t._meta?.ui as { visibility?: string[] } | undefined)?.visibility?.includes('model') ?? true);
    expect(offered.map((t) => t.name)).not.toContain('approveRouteChange');

    const { resources } = await s.client.listResources();
    expect(resources).toEqual([expect.objectContaining({ uri: CARD, mimeType: 'text/html;profile=mcp-app' })]);
    const { contents } = await s.client.readResource({ uri: CARD });
    const html = (contents[0] as { text: string }).text;
    expect(contents[0]?.mimeType).toBe('text/html;profile=mcp-app');
    expect(html).toMatch(/^<!doctype html>/);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(60 * 1024);
    // Self-contained: no file or address it would have to load.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain("default-src 'none'");
    await s.close();
  });

  it('puts the route table in the dry run result _meta, for the card and not the model', async () => {
    const s = await session({ apps: true });
    const dryRun = await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, priority: 20, routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2eb2', weight: 0 });
    expect(body(dryRun).status).toBe('dry_run_passed');
    const card = (dryRun._meta as Record<string, any>)['alicloud-vpn-pbr-mcp/route-change'];
    expect(card).toMatchObject({ change: 'create', vpnGatewayId: 'vpn-e2eprio01', regionId: 'cn-hangzhou', priorities: true, expiresAt: body(dryRun).expiresAt });
    expect(card.rows.map((r: any) => [r.nextHop, r.weight, r.mark ?? r.relation])).toEqual([
      ['vco-e2ea1', 100, 'partner'],
      ['vco-e2eb2', 0, 'proposed'],
    ]);
    expect(card.approve).toEqual({ name: 'approveRouteChange', arguments: expect.objectContaining({ change: 'create', confirmationToken: body(dryRun).confirmationToken }) });
    expect(dryRun.content[0]?.type === 'text' && dryRun.content[0].text).not.toContain('"rows"');
    await s.close();
  });

  it('with --require-app-approval, refuses the model\'s confirmation in an MCP Apps host and sends nothing; Approve on the card creates', async () => {
    const s = await session({ apps: true, args: ['--require-app-approval'] });
    const dryRun = await s.call('createVpnPbrRoute', GOOD_ROUTE);
    const token = body(dryRun).confirmationToken as string;
    const refused = await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(refused.isError).toBe(true);
    expect(body(refused)).toMatchObject({ error: { code: 'ApprovalRequired', source: 'confirmation' }, routeCreated: false });
    expect(body(refused).error.hint).toContain('Approve');
    expect(realCreates()).toHaveLength(0);

    const card = (dryRun._meta as Record<string, any>)['alicloud-vpn-pbr-mcp/route-change'];
    const approved = await s.call(card.approve.name, card.approve.arguments);
    expect(body(approved)).toMatchObject({ status: 'created', routeCreated: true });
    expect(realCreates()).toHaveLength(1);
    await s.close();
  });

  it('shows a delete with the removed route in place, and Approve deletes it', async () => {
    const s = await session({ apps: true, args: ['--require-app-approval'] });
    const { tools } = await s.client.listTools();
    expect(tools.find((t) => t.name === 'deleteVpnPbrRoute')?._meta).toMatchObject({ ui: { resourceUri: CARD } });
    const identity = { vpnGatewayId: 'vpn-e2eprio01', routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100, priority: 20 };
    const preview = await s.call('deleteVpnPbrRoute', identity);
    const card = (preview._meta as Record<string, any>)['alicloud-vpn-pbr-mcp/route-change'];
    expect(card).toMatchObject({ change: 'delete', rows: [{ routeSource: '192.168.50.0/24', mark: 'removed' }] });
    const refused = await s.call('deleteVpnPbrRoute', { ...identity, confirmationToken: body(preview).confirmationToken });
    expect(body(refused)).toMatchObject({ error: { code: 'ApprovalRequired' }, routeDeleted: false });
    const approved = await s.call(card.approve.name, card.approve.arguments);
    expect(body(approved)).toMatchObject({ status: 'deleted', routeDeleted: true });
    await s.close();
  });

  it('with --require-app-approval, a host without MCP Apps gets no card data and cannot confirm by either path, nothing sent', async () => {
    const s = await session({ apps: false, args: ['--require-app-approval'] });
    const dryRun = await s.call('createVpnPbrRoute', GOOD_ROUTE);
    expect(dryRun._meta?.['alicloud-vpn-pbr-mcp/route-change']).toBeUndefined();
    const token = body(dryRun).confirmationToken;
    const viaApprove = await s.call('approveRouteChange', { change: 'create', ...GOOD_ROUTE, confirmationToken: token });
    expect(body(viaApprove)).toMatchObject({ error: { code: 'ApprovalCardUnavailable' }, routeCreated: false });
    const byModel = await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(byModel)).toMatchObject({ error: { code: 'ApprovalRequired', source: 'confirmation' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);
    await s.close();
  });

  it('without --require-app-approval, a host without MCP Apps confirms with the token, and approveRouteChange has no card behind it', async () => {
    const s = await session({ apps: false });
    const token = body(await s.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const viaApprove = await s.call('approveRouteChange', { change: 'create', ...GOOD_ROUTE, confirmationToken: token });
    expect(body(viaApprove)).toMatchObject({ error: { code: 'ApprovalCardUnavailable' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);
    const created = await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(created)).toMatchObject({ status: 'created', routeCreated: true });
    await s.close();
  });

  it('answers a delete it cannot run in routeDeleted, never routeCreated: bad arguments, and a host without the card', async () => {
    const deleteArgs = { change: 'delete', vpnGatewayId: 'vpn-e2eprio01', routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100, priority: 20, confirmationToken: 'x.y' };
    const withCard = await session({ apps: true });
    for (const bad of [{ ...deleteArgs, bogus: 1 }, { ...deleteArgs, nextHop: undefined }, { ...deleteArgs, weight: 'heavy' }]) {
      const refused = body(await withCard.call('approveRouteChange', bad));
      expect(refused.error.code).toBe('ValidationFailed');
      expect(refused.routeDeleted).toBe(false);
      expect(refused).not.toHaveProperty('routeCreated');
      expect(refused.summary).toMatch(/No route was deleted\.$/);
    }
    await withCard.close();
    const withoutCard = await session({ apps: false });
    const unavailable = body(await withoutCard.call('approveRouteChange', deleteArgs));
    expect(unavailable).toMatchObject({ error: { code: 'ApprovalCardUnavailable' }, routeDeleted: false });
    expect(unavailable).not.toHaveProperty('routeCreated');
    await withoutCard.close();
    expect(emulated.get().requests.filter((r) => r.action === 'DeleteVpnPbrRouteEntry')).toHaveLength(0);
  });
});
