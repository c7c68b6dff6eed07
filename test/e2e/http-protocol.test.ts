// MCP 2026-07-28 over stateless HTTP against the built bin, next to 2025 clients: discovery, cache hints, the
// SDK's protocol errors, batches, cancellation by closing the request's stream, the approval-card rule with
// per-request capabilities, and what the audit line learns about the client.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, useEmulator } from './harness.js';
import { connectHttp, LIST_TOOLS, postMcp, startHttpServer, stopHttpServersAfterEach } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
const { realCreates } = emulated;
stopHttpServersAfterEach();

const dir = mkdtempSync(join(tmpdir(), 'pbr-http-protocol-'));
const auditLines = (file: string): Record<string, any>[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const APPS_HOST = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } };
const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** A 2026-07-28 request as the wire carries it: the envelope in _meta, and the headers it requires. */
function modern(id: number, method: string, params: Record<string, unknown> = {}, capabilities: Record<string, unknown> = {}) {
  const envelope = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'raw-2026', version: '0.1' },
    'io.modelcontextprotocol/clientCapabilities': capabilities,
  };
  const message = { jsonrpc: '2.0', id, method, params: { ...params, _meta: { ...(params._meta as object), ...envelope } } };
  const headers: Record<string, string> = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': method };
  if (typeof params.name === 'string') headers['mcp-name'] = params.name;
  return { message, headers };
}

/** The JSON-RPC answer of a POST, whether sent as JSON or as one SSE event. */
async function answerOf(response: Response): Promise<Record<string, any>> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) return JSON.parse(text);
  const data = text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)));
  return data.find((m) => 'result' in m || 'error' in m);
}

describe('discovery and listing on 2026-07-28', () => {
  it('answers server/discover with our instructions and capabilities, and tools/list with cache hints (2025 gets none)', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const discover = modern(1, 'server/discover');
    const found = await answerOf(await postMcp(server.url, discover.message, discover.headers));
    expect(found.result).toMatchObject({ supportedVersions: expect.arrayContaining(['2026-07-28']), capabilities: { tools: {}, resources: {} } });
    expect(found.result.instructions).toMatch(/^This server creates, changes and removes Alibaba Cloud VPN Gateway policy-based routes safely.*applyRouteChanges/);
    expect(found.result._meta['io.modelcontextprotocol/serverInfo']).toMatchObject({ name: 'alicloud-vpn-pbr-mcp' });

    const list = modern(2, 'tools/list');
    const first = await answerOf(await postMcp(server.url, list.message, list.headers));
    const second = await answerOf(await postMcp(server.url, list.message, list.headers));
    expect(first.result).toMatchObject({ ttlMs: 300000, cacheScope: 'public' });
    expect(second.result.tools).toEqual(first.result.tools);

    const legacy = await answerOf(await postMcp(server.url, LIST_TOOLS));
    expect(legacy.result.tools).toEqual(first.result.tools);
    expect(legacy.result.ttlMs).toBeUndefined();
  });
});

describe('older 2025 revisions', () => {
  it.each(['2025-06-18', '2025-03-26'])('a client that asks for %s in initialize gets it, then lists the tools', async (version) => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'old', version: '1' } } };
    expect((await answerOf(await postMcp(server.url, init))).result).toMatchObject({ protocolVersion: version, serverInfo: { name: 'alicloud-vpn-pbr-mcp' } });
    const listed = await answerOf(await postMcp(server.url, LIST_TOOLS, { 'mcp-protocol-version': version }));
    expect(listed.result.tools.map((t: { name: string }) => t.name)).toContain('createVpnPbrRoute');
  });
});

describe('the protocol errors, as the SDK gives them', () => {
  it('an unsupported version names the supported ones; headers that disagree with the body, or are missing, are refused', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const call = modern(3, 'tools/call', { name: 'validateRoute', arguments: GOOD_ROUTE });

    const future = structuredClone(call.message);
    future.params._meta['io.modelcontextprotocol/protocolVersion'] = '2099-01-01';
    const unsupported = await postMcp(server.url, future, { ...call.headers, 'mcp-protocol-version': '2099-01-01' });
    expect(unsupported.status).toBe(400);
    expect(await answerOf(unsupported)).toMatchObject({ id: 3, error: { code: -32022, data: { supported: expect.arrayContaining(['2026-07-28']), requested: '2099-01-01' } } });

    const otherName = await postMcp(server.url, call.message, { ...call.headers, 'mcp-name': 'listVpnGateways' });
    expect(otherName.status).toBe(400);
    expect(await answerOf(otherName)).toMatchObject({ error: { code: -32020, data: { mismatch: { header: 'listVpnGateways' } } } });
    const { 'mcp-method': _method, ...withoutMethod } = call.headers;
    const noMethod = await postMcp(server.url, call.message, withoutMethod);
    expect(noMethod.status).toBe(400);
    expect((await answerOf(noMethod)).error.code).toBe(-32020);

    // Missing client capability (-32021) is what the SDK answers a round the client cannot take: the server checks
    // the request's capabilities first and keeps the token flow instead (test/e2e/confirm-rounds.test.ts).
    const ok = await answerOf(await postMcp(server.url, call.message, call.headers));
    expect(ok.result.structuredContent).toMatchObject({ valid: true });
  });
});

describe('JSON-RPC batches', () => {
  it('are refused with 400 and -32600 on both protocol revisions, and none of their messages is served', async () => {
    const file = join(dir, 'batch-audit.jsonl');
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    const validate = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'validateRoute', arguments: GOOD_ROUTE } });
    const legacy = await postMcp(server.url, Array.from({ length: 100 }, (_, i) => validate(i + 1)));
    expect(legacy.status).toBe(400);
    expect(await legacy.json()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.stringMatching(/batches are not accepted/) } });
    const call = modern(7, 'tools/call', { name: 'validateRoute', arguments: GOOD_ROUTE });
    const current = await postMcp(server.url, [call.message, { ...call.message, id: 8 }], call.headers);
    expect(current.status).toBe(400);
    expect((await current.json()).error).toMatchObject({ code: -32600, message: expect.stringMatching(/batches are not accepted/) });
    expect(emulated.get().requests).toHaveLength(0);
    // One message per POST is served as always.
    expect((await postMcp(server.url, validate(9))).status).toBe(200);
    expect(auditLines(file)).toHaveLength(1);
  });
});

describe('cancellation by closing the request\'s stream (2026-07-28)', () => {
  it('a confirm aborted while it waits for a busy gateway sends nothing, and its audit line says cancelled', async () => {
    const seed = { ...E2E_SEED, applyMs: 3000 };
    const { startEmulator } = await import('../../src/emulator/index.js');
    const slow = await startEmulator({ seed, port: 0 });
    const file = join(dir, 'cancel-audit.jsonl');
    try {
      const server = await startHttpServer({ env: emulatorEnv(slow, seed, { VPN_PBR_MCP_AUDIT_LOG: file, VPN_PBR_MCP_WAIT_SECONDS: '0' }) });
      const c = await connectHttp(server.url, { protocol: '2026' });
      const other = { ...GOOD_ROUTE, routeDest: '10.0.9.0/24' };
      const [t1, t2] = [body(await c.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken, body(await c.call('createVpnPbrRoute', other)).confirmationToken];
      expect(body(await c.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: t1 })).routeCreated).toBe(true);
      // The gateway applies the first route for 3 s; the second confirm waits, reporting progress on its stream.
      const controller = new AbortController();
      const progress: string[] = [];
      const call = c.client.callTool(
        { name: 'createVpnPbrRoute', arguments: { ...other, confirmationToken: t2 } },
        { signal: controller.signal, onprogress: (p) => {
          progress.push(p.message ?? '');
          controller.abort();
        } },
      );
      await expect(call).rejects.toThrow();
      expect(progress[0]).toMatch(/applying another change; waiting before sending this one/);
      await new Promise((wake) => setTimeout(wake, 3500));
      expect(slow.requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun !== 'true' && r.params.RouteDest === other.routeDest)).toHaveLength(0);
      const last = auditLines(file).at(-1);
      expect(last).toMatchObject({ phase: 'create', outcome: 'cancelled', errorCode: 'Cancelled' });
      await c.close();
    } finally {
      await slow.close();
    }
  });
});

describe('--require-app-approval over HTTP, from each request\'s capabilities', () => {
  async function dryRunOn(url: string, capabilities?: Record<string, unknown>) {
    const c = await connectHttp(url, { protocol: capabilities ? '2026' : '2025', ...(capabilities ? { capabilities } : {}) });
    const dryRun = await c.call('createVpnPbrRoute', GOOD_ROUTE);
    return { c, dryRun, token: body(dryRun).confirmationToken as string };
  }

  it('a 2026 MCP Apps host approves on the card; its model cannot confirm', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED), args: ['--require-app-approval'] });
    const { c, dryRun, token } = await dryRunOn(server.url, APPS_HOST);
    const refused = await c.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(refused)).toMatchObject({ error: { code: 'ApprovalRequired' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);
    const card = (dryRun._meta as Record<string, any>)['alicloud-vpn-pbr-mcp/route-change'];
    expect(body(await c.call(card.approve.name, card.approve.arguments))).toMatchObject({ status: 'created', routeCreated: true });
    expect(realCreates()).toHaveLength(1);
    await c.close();
  });

  it('a 2026 host without MCP Apps is refused on every path, nothing sent', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED), args: ['--require-app-approval'] });
    const { c, token } = await dryRunOn(server.url, {});
    const viaCard = await c.call('approveRouteChange', { change: 'create', ...GOOD_ROUTE, confirmationToken: token });
    expect(body(viaCard)).toMatchObject({ error: { source: 'confirmation' }, routeCreated: false });
    const byModel = await c.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(byModel)).toMatchObject({ error: { code: 'ApprovalRequired' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);
    await c.close();
  });

  it('a 2025 client, whose capabilities the server cannot see, is refused approveRouteChange and the token, nothing sent', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED), args: ['--require-app-approval'] });
    const { c, token } = await dryRunOn(server.url);
    const viaCard = await c.call('approveRouteChange', { change: 'create', ...GOOD_ROUTE, confirmationToken: token });
    expect(body(viaCard)).toMatchObject({ error: { code: 'ApprovalRequired', source: 'confirmation' }, routeCreated: false });
    const byModel = await c.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(byModel)).toMatchObject({ error: { code: 'ApprovalRequired' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);
    await c.close();
  });
});

describe('the audit line\'s client and trace', () => {
  it('names a 2026 client from its request and a 2025 one by its User-Agent, and carries the W3C traceparent', async () => {
    const file = join(dir, 'client-audit.jsonl');
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }) });
    const current = await connectHttp(server.url, { protocol: '2026', name: 'ops-bot' });
    await current.client.callTool({ name: 'validateRoute', arguments: GOOD_ROUTE, _meta: { traceparent: TRACE } });
    const legacy = await connectHttp(server.url, { protocol: '2025', headers: { 'User-Agent': 'chat-ops/7.1', traceparent: TRACE.replace('01', '00') } });
    await legacy.call('validateRoute', GOOD_ROUTE);
    await legacy.call('listVpnGateways', {});
    await Promise.all([current.close(), legacy.close()]);
    const lines = auditLines(file);
    expect(lines[0]).toMatchObject({ client: { name: 'ops-bot', version: '1.0.0' }, traceparent: TRACE });
    expect(lines[1]).toMatchObject({ client: { userAgent: 'chat-ops/7.1' }, traceparent: TRACE.replace('01', '00') });
    expect(lines[2]?.client).toEqual({ userAgent: 'chat-ops/7.1' });
  });
});
