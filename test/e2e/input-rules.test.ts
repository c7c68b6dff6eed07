// The input schemas state the value rules; values that break them anyway get the domain's own issue,
// oversized ones are cut in every echo, and nothing oversized reaches the API or fills the audit log.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, type Session, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);
const HUGE = 200_000;
const textOf = (result: { content: unknown }) => ((result.content as { text: string }[])[0]?.text ?? '');

describe('input schemas', () => {
  it('advertise weight 0/100, priority 1 to 100, overlayMode Ipsec, ID patterns and a maxLength on every string', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const { tools } = await session.client.listTools();
    const create = tools.find((t) => t.name === 'createVpnPbrRoute')?.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(create.weight).toMatchObject({ enum: [0, 100] });
    expect(create.priority).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(create.overlayMode).toMatchObject({ const: 'Ipsec' });
    expect(create.description).toMatchObject({ maxLength: 100 });
    expect(create.clientToken).toMatchObject({ maxLength: 64 });
    expect(new RegExp(create.vpnGatewayId?.pattern as string).test('vpn-bp1a2b3c')).toBe(true);
    expect(new RegExp(create.nextHop?.pattern as string).test('vco-bp1a2b3c')).toBe(true);
    for (const tool of tools) {
      for (const [name, property] of Object.entries(tool.inputSchema.properties ?? {}) as [string, Record<string, unknown>][]) {
        if (property.type === 'string' && !property.enum && !property.const) expect(property.maxLength, `${tool.name}.${name}`).toEqual(expect.any(Number));
      }
    }
    await session.close();
  });
});

describe('values that break the advertised rules', () => {
  it('are issues of validateRoute\'s normal result, with their code, field and hint', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const result = await session.call('validateRoute', { ...GOOD_ROUTE, weight: 7, priority: 1.5, overlayMode: 'Gre', nextHop: 'tunnel-1' });
    expect(result.isError).toBe(false);
    expect(body(result).valid).toBe(false);
    const issues = body(result).issues as { code: string; field: string; hint?: string }[];
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(
      expect.arrayContaining(['weight:VpnRouteEntry.InvalidWeight', 'priority:InvalidParameter.Priority', 'overlayMode:InvalidParameter.OverlayMode', 'nextHop:InvalidParameter.NextHop']),
    );
    for (const issue of issues) expect(issue.hint).toEqual(expect.any(String));
    await session.close();
  });

  it('oversized strings are refused offline, echoed cut, never sent, and audited small', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pbr-sizes-')), 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    const huge = {
      ...GOOD_ROUTE,
      vpnGatewayId: `vpn-${'a'.repeat(HUGE)}`,
      nextHop: `vco-${'b'.repeat(HUGE)}`,
      routeDest: `10.0.0.0/${'2'.repeat(HUGE)}`,
      description: 'd'.repeat(HUGE),
    };
    const validated = await session.call('validateRoute', huge);
    expect(body(validated).valid).toBe(false);
    expect(body(validated).issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['vpnGatewayId', 'nextHop', 'routeDest', 'description']),
    );
    expect(body(validated).issues.find((i: { field: string }) => i.field === 'vpnGatewayId').message).toMatch(/^vpn-a+\.\.\. is 200004 characters long; an ID has at most 64$/);
    const created = await session.call('createVpnPbrRoute', huge);
    expect(body(created).error.code).toBe('ValidationFailed');
    expect(body(created).routeCreated).toBe(false);
    const listed = await session.call('listVpnPbrRoutes', { vpnGatewayId: huge.vpnGatewayId });
    expect(listed.isError).toBe(true);
    for (const result of [validated, created, listed]) expect(textOf(result).length).toBeLessThan(6000);
    // Nothing went to the API: the live checks of the broken fields and the dry run were never made with them.
    for (const request of emulated.get().requests) {
      for (const value of Object.values(request.params)) expect(value.length).toBeLessThan(1000);
    }
    await session.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // validateRoute and the refused dry run; the listing was refused before it was audited.
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.length).toBeLessThan(2000);
  });

  it('an oversized confirmationToken is refused before any work on it', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: `${'x'.repeat(HUGE)}.y` });
    expect(body(result).error.code).toBe('ConfirmationInvalid');
    expect(textOf(result).length).toBeLessThan(3000);
    expect(emulated.realCreates()).toHaveLength(0);
    await session.close();
  });

  it('priority: null says to omit it to get the default', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const result = body(await session.call('validateRoute', { ...GOOD_ROUTE, priority: null }));
    expect(result.error.issues[0]).toMatchObject({ field: 'priority', code: 'InvalidParameter.Priority', message: 'is null: omit it to use the default priority (10)' });
    expect(result.summary).toContain('priority: is null: omit it to use the default priority (10)');
    await session.close();
  });
});

describe('ConfirmationMismatch', () => {
  it('shows the dry run\'s value and the new one for each differing argument, long values cut', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const token = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, description: 'first' })).confirmationToken;
    const long = 'z'.repeat(100);
    const result = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, routeDest: '10.1.0.0/24', weight: 0, description: long, confirmationToken: token }));
    expect(result.error.code).toBe('ConfirmationMismatch');
    expect(result.error.message).toContain('routeDest (dry run: 10.0.0.0/24; now: 10.1.0.0/24)');
    expect(result.error.message).toContain('weight (dry run: 100; now: 0)');
    expect(result.error.message).toMatch(/description \(dry run: first; now: z{61}\.\.\.\)/);
    expect(result.error.issues.map((i: { field: string }) => i.field)).toEqual(['routeDest', 'weight', 'description']);
    expect(result.error.issues[0].message).toBe('routeDest differs from the dry run this token was issued for: it was 10.0.0.0/24, now it is 10.1.0.0/24');
    expect(emulated.realCreates()).toHaveLength(0);
    await session.close();
  });
});

/** A tools/call sent as raw bytes (the SDK's client would drop a `__proto__` key); answers the JSON-RPC result. */
async function rawToolCall(session: Session, id: number, name: string, argumentsJson: string): Promise<Record<string, any>> {
  session.child.stdin?.write(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":${JSON.stringify(name)},"arguments":${argumentsJson}}}\n`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const line of session.stdout().split('\n')) {
      if (!line.includes(`"id":${id}`)) continue;
      const message = JSON.parse(line) as { id?: number; result?: Record<string, any>; error?: unknown };
      if (message.id === id) return message.result ?? { jsonRpcError: message.error };
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  throw new Error(`no answer to request ${id}`);
}

describe('argument names that are JavaScript object machinery', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('%s is refused like any unknown argument, by every tool, and nothing is sent', async (key) => {
    // A host that renders MCP Apps: approveRouteChange then reads its arguments (elsewhere it refuses first).
    const apps = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } };
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED), capabilities: apps as never });
    const good: Record<string, unknown> = {
      validateRoute: GOOD_ROUTE,
      createVpnPbrRoute: GOOD_ROUTE,
      deleteVpnPbrRoute: { vpnGatewayId: 'vpn-e2eprio01', routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100, priority: 20 },
      listVpnPbrRoutes: { vpnGatewayId: GOOD_ROUTE.vpnGatewayId },
      listVpnGateways: {},
      describeVpnGateway: { vpnGatewayId: GOOD_ROUTE.vpnGatewayId },
      modifyVpnPbrRoute: { vpnGatewayId: 'vpn-e2eprio01', routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100, newPriority: 30 },
      applyRouteChanges: {
        vpnGatewayId: 'vpn-e2eprio01',
        changes: [{ op: 'modify', routeSource: '192.168.50.0/24', routeDest: '10.50.0.0/24', nextHop: 'vco-e2ea1', weight: 100, newPriority: 30 }],
      },
      approveRouteChange: { change: 'create', ...GOOD_ROUTE, confirmationToken: 'x.y' },
    };
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(good).sort());
    let id = 9000;
    for (const tool of tools) {
      // Written by hand: JSON.stringify never writes an own __proto__ key.
      const rest = JSON.stringify(good[tool.name]).slice(1);
      const args = `{${JSON.stringify(key)}:{"polluted":true}${rest === '}' ? '' : ','}${rest}`;
      const result = await rawToolCall(session, ++id, tool.name, args);
      expect(result.isError, tool.name).toBe(true);
      expect(result.structuredContent.error.issues, tool.name).toEqual([expect.objectContaining({ code: 'InvalidParameter.Unknown', field: key })]);
    }
    expect(emulated.get().requests).toHaveLength(0);
    await session.close();
  });
});
