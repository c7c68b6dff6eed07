// Bounded work per caller (issue 16): concurrent tool calls per principal over HTTP (429 + Retry-After at once) and
// per connection over stdio (ServerBusy at once), and /metrics for the operators of a shared endpoint; the built bin.
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, startSession, useEmulator } from './harness.js';
import { postMcp, startHttpServer, stopHttpServersAfterEach, teamTokens, toolCall } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
stopHttpServersAfterEach();

const { tokens: people, file: tokensFile } = teamTokens(['alice', 'bob']);
const LIST = { vpnGatewayId: GOOD_ROUTE.vpnGatewayId };
// The API's first two route listings answer after a pause: the calls that make them are still running meanwhile.
const SLOW_LISTINGS = { action: 'DescribeVpnPbrRouteEntries', pauseMs: 2500 };

function slowListings(): void {
  emulated.get().faults.inject(SLOW_LISTINGS.action, { kind: 'hang', ms: SLOW_LISTINGS.pauseMs }, 2);
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((wake) => setTimeout(wake, 25));
  if (!condition()) throw new Error('condition not met in time');
}

const listingsSeen = () => emulated.get().requests.filter((r) => r.action === SLOW_LISTINGS.action).length;

/** The JSON-RPC answer in a Streamable HTTP response (one server-sent event, or plain JSON). */
async function answerOf(response: Response): Promise<Record<string, any>> {
  const text = await response.text();
  const data = /^data: (.*)$/m.exec(text)?.[1];
  return JSON.parse(data ?? text);
}

function env(extra: Record<string, string> = {}) {
  // Requests to the API may take longer than the pause.
  return emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_HTTP_TOKENS_FILE: tokensFile, VPN_PBR_MCP_TIMEOUT_MS: '10000', ...extra });
}

describe('concurrent tool calls over HTTP (--max-calls-per-caller)', () => {
  it('refuses a caller\'s third call at once with 429 and Retry-After, while another caller and /healthz are answered', async () => {
    const server = await startHttpServer({ env: env(), args: ['--max-calls-per-caller', '2'] });
    const as = (who: keyof typeof people) => ({ Authorization: `Bearer ${people[who].token}` });
    slowListings();
    // Their answers (and, with some SDKs, their headers) come once the listings are answered: not awaited yet.
    const running = [1, 2].map((id) => postMcp(server.url, toolCall('listVpnPbrRoutes', LIST, id), as('alice')));
    await until(() => listingsSeen() === 2);

    const third = await postMcp(server.url, toolCall('listVpnPbrRoutes', LIST, 3), as('alice'));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await third.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringMatching(/at most 2 tool calls of one caller at once/) } });
    // Another caller, and the load balancer's health check, are answered while alice's two calls run.
    const bob = await answerOf(await postMcp(server.url, toolCall('listVpnPbrRoutes', LIST), as('bob')));
    expect(bob.result).toMatchObject({ isError: false, structuredContent: { count: 1 } });
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
    expect(listingsSeen()).toBe(3);

    // Alice's calls are answered in full, and then she may call again.
    const answered = await Promise.all(running);
    expect(answered.map((r) => r.status)).toEqual([200, 200]);
    for (const answer of await Promise.all(answered.map(answerOf))) expect(answer.result).toMatchObject({ isError: false });
    expect((await answerOf(await postMcp(server.url, toolCall('listVpnPbrRoutes', LIST), as('alice')))).result.isError).toBe(false);
  });
});

describe('a caller who hangs up (2025 over HTTP: the SDK does not cancel the call then)', () => {
  it('keeps the slot of a call still running after its client went away, so hanging up and calling again never exceeds the bound', async () => {
    const server = await startHttpServer({ env: env(), args: ['--max-calls-per-caller', '1'] });
    const alice = { Authorization: `Bearer ${people.alice.token}` };
    slowListings();
    const away = new AbortController();
    const first = fetch(server.url, {
      method: 'POST',
      signal: away.signal,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...alice },
      body: JSON.stringify(toolCall('listVpnPbrRoutes', LIST, 1)),
    }).catch(() => 'hung up');
    await until(() => listingsSeen() === 1);
    away.abort();
    expect(await first).toBe('hung up');
    await new Promise((wake) => setTimeout(wake, 200));

    // Its listing is still being answered by the API: the call still runs, and holds alice's one slot.
    const again = await postMcp(server.url, toolCall('listVpnPbrRoutes', LIST, 2), alice);
    expect(again.status).toBe(429);
    expect(listingsSeen()).toBe(1);
    // Once that work is done, the slot is hers again.
    for (let i = 0; i < 40; i++) {
      const next = await postMcp(server.url, toolCall('listVpnPbrRoutes', LIST, 3 + i), alice);
      if (next.status === 200) {
        expect((await answerOf(next)).result.isError).toBe(false);
        return;
      }
      await new Promise((wake) => setTimeout(wake, 250));
    }
    throw new Error('the slot never came back');
  });
});

describe('concurrent tool calls over stdio (--max-calls-per-connection)', () => {
  it('answers a call over the bound at once with ServerBusy (retryable, nothing sent), and the running calls in full', async () => {
    const session = await startSession({ env: env(), args: ['--max-calls-per-connection', '2'] });
    try {
      slowListings();
      const running = [session.call('listVpnPbrRoutes', LIST), session.call('listVpnPbrRoutes', LIST)];
      await until(() => listingsSeen() === 2);

      const busy = await session.call('createVpnPbrRoute', GOOD_ROUTE);
      expect(busy.isError).toBe(true);
      expect(body(busy)).toMatchObject({
        error: { code: 'ServerBusy', retryable: true, source: 'internal', hint: expect.stringMatching(/retry in a moment/) },
        routeCreated: false,
      });
      expect(body(busy).summary).toMatch(/No route was created\.$/);
      expect(emulated.get().requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry')).toHaveLength(0);

      for (const result of await Promise.all(running)) expect(result.isError).toBe(false);
      expect(body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).status).toBe('dry_run_passed');
    } finally {
      await session.close();
    }
  });
});

describe('/metrics', () => {
  it('serves Prometheus counters of tool calls, refusals and API calls, behind the same authentication as /mcp', async () => {
    const server = await startHttpServer({ env: env({ VPN_PBR_MCP_HTTP_RATE_PER_MINUTE: '2' }) });
    const alice = { Authorization: `Bearer ${people.alice.token}` };
    const metrics = new URL('/metrics', server.url);
    expect((await fetch(metrics)).status).toBe(401);

    expect((await answerOf(await postMcp(server.url, toolCall('validateRoute', GOOD_ROUTE), alice))).result.isError).toBe(false);
    expect((await answerOf(await postMcp(server.url, toolCall('listVpnPbrRoutes', LIST), alice))).result.isError).toBe(false);
    expect((await postMcp(server.url, toolCall('listVpnPbrRoutes', LIST), alice)).status).toBe(429);

    const scraped = await fetch(metrics, { headers: alice });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await scraped.text();
    expect(text).toContain('vpn_pbr_mcp_tool_calls_total{tool="validateRoute",outcome="ok"} 1');
    expect(text).toContain('vpn_pbr_mcp_tool_calls_total{tool="listVpnPbrRoutes",outcome="ok"} 1');
    expect(text).toContain('vpn_pbr_mcp_tool_call_duration_seconds_count{tool="validateRoute"} 1');
    expect(text).toContain('vpn_pbr_mcp_http_refusals_total{code="RateLimited"} 1');
    expect(text).toContain('vpn_pbr_mcp_http_refusals_total{code="Unauthorized"} 1');
    expect(text).toContain('vpn_pbr_mcp_changes_in_flight 0');
    expect(text).toMatch(/^vpn_pbr_mcp_api_calls_total\{action="DescribeVpnPbrRouteEntries",code="Success"\} [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).not.toContain(people.alice.token);
  });

  it('serves them without authentication on --metrics-port (loopback), and then not on the main port', async () => {
    const server = await startHttpServer({ env: env(), args: ['--metrics-port', '0'] });
    const at = /^metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)$/m.exec(server.stderr())?.[1];
    expect(at).toBeDefined();
    const text = await (await fetch(at as string)).text();
    expect(text).toContain('# TYPE vpn_pbr_mcp_tool_calls_total counter');
    expect((await fetch(new URL('/metrics', server.url), { headers: { Authorization: `Bearer ${people.alice.token}` } })).status).toBe(404);
  });
});
