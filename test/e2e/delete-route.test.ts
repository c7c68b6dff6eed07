// deleteVpnPbrRoute through the built bin against the emulator: preview, bound token, delete once, honest outcome; create's undo.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';

// Long enough that a delete sent right after a create meets the gateway still applying it.
const SEED: EmulatorSeed = { ...E2E_SEED, applyMs: 600 };
const SEEDED = { vpnGatewayId: 'vpn-e2eprio01', routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100 };

const emulator = useEmulator(SEED);
let quick: Session;
let waiting: Session;

beforeAll(async () => {
  // quick answers without waiting for the gateway; waiting waits for it (up to 10 s).
  [quick, waiting] = await Promise.all([
    startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_WAIT_SECONDS: '0' }) }),
    startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_WAIT_SECONDS: '10' }) }),
  ]);
});
afterAll(async () => Promise.all([quick.close(), waiting.close()]));

const deletes = () => emulator.get().requests.filter((r) => r.action === 'DeleteVpnPbrRouteEntry');

async function preview(session: Session, args: Record<string, unknown>) {
  const result = await session.call('deleteVpnPbrRoute', args);
  expect(result.isError, JSON.stringify(result.structuredContent)).toBe(false);
  return body(result);
}

describe('deleteVpnPbrRoute', () => {
  it('previews exactly one listed route without deleting, then deletes it with the token', async () => {
    const found = await preview(waiting, SEEDED);
    expect(found.status).toBe('dry_run_passed');
    expect(found.route).toMatchObject({ ...SEEDED, regionId: 'cn-hangzhou', priority: 20, state: 'published' });
    expect(found.summary).toMatch(/^Found exactly one route to delete: .*Nothing was deleted yet\..*call deleteVpnPbrRoute again/);
    expect(deletes()).toHaveLength(0);
    expect(emulator.get().routes('vpn-e2eprio01')).toHaveLength(1);

    const done = body(await waiting.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: found.confirmationToken }));
    expect(done).toMatchObject({ status: 'deleted', routeDeleted: true });
    expect(emulator.get().routes('vpn-e2eprio01')).toHaveLength(0);
    expect(emulator.get().gatewayStatus('vpn-e2eprio01')).toBe('active');
    expect(deletes()).toHaveLength(1);
    expect(deletes()[0]?.params.ClientToken).toBe(done.clientToken);
    // An omitted priority stays omitted on the wire.
    expect(deletes()[0]?.params).not.toHaveProperty('Priority');

    // The same token again: a replay, no second delete reaches a route.
    const again = body(await waiting.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: found.confirmationToken }));
    expect(again).toMatchObject({ status: 'deleted', routeDeleted: true, replayed: true });
    expect(again.summary).toMatch(/^Already deleted by an earlier confirmation of this token/);
  });

  it('deletes a route created moments earlier, waiting while the gateway still applies the create', async () => {
    const dry = body(await quick.call('createVpnPbrRoute', GOOD_ROUTE));
    const created = body(await quick.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dry.confirmationToken }));
    expect(created.status).toBe('submitted');
    expect(emulator.get().gatewayStatus('vpn-e2eprio01')).toBe('updating');

    const found = await preview(waiting, created.undo);
    expect(found.summary).toContain('The gateway is applying another change; the delete will wait for it.');
    const done = body(await waiting.call('deleteVpnPbrRoute', { ...created.undo, confirmationToken: found.confirmationToken }));
    expect(done).toMatchObject({ status: 'deleted', routeDeleted: true });
    expect(emulator.get().routes('vpn-e2eprio01').map((r) => r.routeDest)).toEqual(['10.50.0.0/24']);
    // Sent once, after the gateway was active again (the emulator refuses a change while it is updating).
    expect(deletes()).toHaveLength(1);
  });

  it('undo holds exactly the deleteVpnPbrRoute arguments that remove the created route, priority included', async () => {
    const route = { ...GOOD_ROUTE, priority: 30 };
    const dry = body(await waiting.call('createVpnPbrRoute', route));
    const created = body(await waiting.call('createVpnPbrRoute', { ...route, confirmationToken: dry.confirmationToken }));
    expect(created.status).toBe('created');
    const { publishVpc: _publishVpc, ...identity } = route;
    expect(created.undo).toEqual({ regionId: 'cn-hangzhou', ...identity });
    const found = await preview(waiting, created.undo);
    const done = body(await waiting.call('deleteVpnPbrRoute', { ...created.undo, confirmationToken: found.confirmationToken }));
    expect(done.status).toBe('deleted');
    expect(emulator.get().routes('vpn-e2eprio01').some((r) => r.routeDest === GOOD_ROUTE.routeDest)).toBe(false);
    expect(deletes()[0]?.params.Priority).toBe('30');
  });

  it.each([
    [{ weight: 0 }, 'VpnRouteEntry.InvalidWeight', 'weight', 'use weight 100'],
    [{ priority: 5 }, 'VpnPbrRouteEntry.NotFound', 'priority', 'use priority 20, or omit priority'],
    [{ nextHop: 'vco-e2eb2' }, 'VpnPbrRouteEntry.NotFound', 'routeDest', undefined],
  ])('refuses a route named with %j (%s), deleting nothing', async (change, code, field, hint) => {
    const result = await waiting.call('deleteVpnPbrRoute', { ...SEEDED, ...change });
    expect(result.isError).toBe(true);
    const b = body(result);
    expect(b.error).toMatchObject({ code, field });
    if (hint) expect(b.error.hint).toBe(hint);
    expect(b.routeDeleted).toBe(false);
    expect(b.summary).toMatch(/No route was deleted\.$/);
    expect(b.confirmationToken).toBeUndefined();
    expect(deletes()).toHaveLength(0);
  });

  it('refuses a token for one route used on another, and sends nothing', async () => {
    const dry = body(await waiting.call('createVpnPbrRoute', GOOD_ROUTE));
    await waiting.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dry.confirmationToken });
    const forSeeded = await preview(waiting, SEEDED);
    const { publishVpc: _p, ...other } = GOOD_ROUTE;
    const result = await waiting.call('deleteVpnPbrRoute', { ...other, confirmationToken: forSeeded.confirmationToken });
    expect(result.isError).toBe(true);
    const b = body(result);
    expect(b.error).toMatchObject({ code: 'ConfirmationMismatch', source: 'confirmation' });
    expect(b.error.hint).toContain('deleteVpnPbrRoute');
    expect(b.routeDeleted).toBe(false);
    // A create's token does not delete either.
    const createToken = body(await waiting.call('createVpnPbrRoute', { ...GOOD_ROUTE, routeDest: '10.9.0.0/24' })).confirmationToken;
    const crossed = body(await waiting.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: createToken }));
    expect(crossed.error.code).toBe('ConfirmationMismatch');
    expect(deletes()).toHaveLength(0);
    expect(emulator.get().routes('vpn-e2eprio01')).toHaveLength(2);
  });

  it('answers VpnPbrRouteEntry.NotFound with routeDeleted false when the route is gone by the confirm', async () => {
    const first = await preview(waiting, SEEDED);
    const second = await preview(waiting, SEEDED);
    expect(body(await waiting.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: second.confirmationToken })).status).toBe('deleted');
    const result = await waiting.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: first.confirmationToken });
    expect(result.isError).toBe(true);
    expect(body(result)).toMatchObject({ error: { code: 'VpnPbrRouteEntry.NotFound' }, routeDeleted: false });
  });

  it('is hidden in read-only mode, where the read tools stay, and a cached call is refused with routeDeleted false', async () => {
    const readOnly = await startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_READ_ONLY: 'true' }) });
    try {
      const { tools } = await readOnly.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['validateRoute', 'listVpnPbrRoutes', 'listVpnGateways', 'describeVpnGateway']);
      const result = await readOnly.call('deleteVpnPbrRoute', SEEDED);
      expect(result.isError).toBe(true);
      expect(body(result)).toMatchObject({ error: { code: 'ReadOnlyMode', source: 'policy' }, routeDeleted: false });
      expect(body(result)).not.toHaveProperty('routeCreated');
      expect(emulator.get().requests).toHaveLength(0);
    } finally {
      await readOnly.close();
    }
  });

  it('leaves audit lines for its preview and its delete, and the read tools leave theirs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pbr-delete-audit-')), 'audit.jsonl');
    const audited = await startSession({ env: emulatorEnv(emulator.get(), SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    try {
      const found = await preview(audited, SEEDED);
      const done = body(await audited.call('deleteVpnPbrRoute', { ...SEEDED, confirmationToken: found.confirmationToken }));
      await audited.call('listVpnGateways', {});
      await audited.call('describeVpnGateway', { vpnGatewayId: 'vpn-e2eprio01' });
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => `${l.tool}:${l.phase}:${l.outcome}`)).toEqual([
        'deleteVpnPbrRoute:dry_run:dry_run_passed',
        'deleteVpnPbrRoute:delete:sending',
        'deleteVpnPbrRoute:delete:deleted',
        'listVpnGateways:list:listed',
        'describeVpnGateway:list:described',
      ]);
      expect(lines[2]?.clientToken).toBe(done.clientToken);
      expect(lines[2]?.route).toMatchObject(SEEDED);
    } finally {
      await audited.close();
    }
  });
});
