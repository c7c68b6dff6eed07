// --http: bearer tokens, the principal in audit lines and confirmation tokens, two-person approval,
// and the HTTP hardening (Origin, body cap, rate limit), against the built bin.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, runServerProcess, useEmulator } from './harness.js';
import { LIST_TOOLS, connectHttp, newToken, postMcp, startHttpServer, stopHttpServersAfterEach, teamTokens, toolCall } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
stopHttpServersAfterEach();

const dir = mkdtempSync(join(tmpdir(), 'pbr-http-'));
const { tokens: people, file: tokensFile } = teamTokens(['alice', 'bob', 'carol']);

function teamEnv(extra: Record<string, string> = {}) {
  return emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_HTTP_TOKENS_FILE: tokensFile, VPN_PBR_MCP_WAIT_SECONDS: '5', ...extra });
}

function auditLines(file: string): Record<string, any>[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('start-up', () => {
  it('refuses a non-loopback host without authentication, in one line', async () => {
    const run = await runServerProcess(['--http', '--host', '0.0.0.0', '--port', '0'], {});
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/without authentication/);
  });

  it.each(['anonymous', 'Anonymous'])('refuses a tokens file that names %s (what every unauthenticated caller is called), in one line', async (name) => {
    const file = join(dir, `tokens-${name}`);
    writeFileSync(file, `${people.alice.line}\n${name}:${'ab'.repeat(32)}\n`);
    const started = Date.now();
    const run = await runServerProcess(['--http', '--port', '0'], teamEnv({ VPN_PBR_MCP_HTTP_TOKENS_FILE: file }));
    expect(run.code).toBe(2);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/line 2 names "anonymous", a reserved principal/);
  });

  it('refuses approvers that name anonymous, in one line', async () => {
    const run = await runServerProcess(['--http', '--port', '0'], teamEnv({ VPN_PBR_MCP_APPROVERS: 'alice,ANONYMOUS' }));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/VPN_PBR_MCP_APPROVERS names "ANONYMOUS", a reserved principal/);
  });

  it('new-token prints a token and its tokens-file line, which holds the hash and not the token', () => {
    const { token, line } = people.alice;
    expect(token).toMatch(/^vpnpbr_[A-Za-z0-9_-]{43}$/);
    expect(line).toMatch(/^alice:[0-9a-f]{64}$/);
    expect(line).not.toContain(token);
    expect(newToken('alice').token).not.toBe(token);
  });
});

describe('bearer tokens', () => {
  it('answers /healthz without a token, 401 with WWW-Authenticate without or with a bad token, and serves a good one', async () => {
    const server = await startHttpServer({ env: teamEnv() });
    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);

    const missing = await postMcp(server.url, LIST_TOOLS);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    const bad = await postMcp(server.url, LIST_TOOLS, { Authorization: 'Bearer vpnpbr_not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer /);
    await expect(connectHttp(server.url, { token: 'vpnpbr_wrong' })).rejects.toThrow();

    const alice = await connectHttp(server.url, { token: people.alice.token });
    const { tools } = await alice.client.listTools();
    expect(tools.map((t) => t.name)).toContain('createVpnPbrRoute');
    expect(body(await alice.call('validateRoute', GOOD_ROUTE)).valid).toBe(true);
    await alice.close();
    expect(server.stderr()).not.toContain(people.alice.token);
    expect(server.stderr()).toMatch(/ ready over HTTP \(bearer authentication required\)\n/);
  });
});

describe('the principal', () => {
  it('is in every audit line, and a dry run by alice cannot be confirmed by bob', async () => {
    const audit = join(dir, 'audit-principal.jsonl');
    const server = await startHttpServer({ env: teamEnv({ VPN_PBR_MCP_AUDIT_LOG: audit }) });
    const alice = await connectHttp(server.url, { token: people.alice.token });
    const bob = await connectHttp(server.url, { token: people.bob.token });

    const dryRun = body(await alice.call('createVpnPbrRoute', GOOD_ROUTE));
    expect(dryRun.status).toBe('dry_run_passed');
    const stolen = await bob.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dryRun.confirmationToken });
    expect(stolen.isError).toBe(true);
    expect(body(stolen)).toMatchObject({ error: { code: 'ConfirmationMismatch', source: 'confirmation' }, routeCreated: false });
    expect(emulated.realCreates()).toHaveLength(0);

    const created = body(await alice.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: dryRun.confirmationToken }));
    expect(created.status).toBe('created');
    expect(created.approval).toBeUndefined();
    await Promise.all([alice.close(), bob.close()]);
    await server.stop();

    const lines = auditLines(audit);
    expect(lines.map((l) => `${l.principal}:${l.phase}:${l.outcome}`)).toEqual([
      'alice:dry_run:dry_run_passed',
      'bob:create:error',
      'alice:create:sending',
      'alice:create:created',
    ]);
    expect(lines[1]?.errorCode).toBe('ConfirmationMismatch');
    expect(readFileSync(audit, 'utf8')).not.toContain(people.alice.token);
  });
});

describe('two-person approval (VPN_PBR_MCP_APPROVERS)', () => {
  it('refuses the requester and a non-approver, accepts a listed approver, and names both', async () => {
    const audit = join(dir, 'audit-approval.jsonl');
    const server = await startHttpServer({ env: teamEnv({ VPN_PBR_MCP_AUDIT_LOG: audit, VPN_PBR_MCP_APPROVERS: 'bob,alice' }) });
    const alice = await connectHttp(server.url, { token: people.alice.token });
    const bob = await connectHttp(server.url, { token: people.bob.token });
    const carol = await connectHttp(server.url, { token: people.carol.token });
    const token = body(await alice.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const confirm = { ...GOOD_ROUTE, confirmationToken: token };

    const own = await alice.call('createVpnPbrRoute', confirm);
    expect(body(own)).toMatchObject({ error: { code: 'ConfirmationMismatch' }, routeCreated: false });
    expect(body(own).error.message).toMatch(/alice made the dry run and may not also confirm it/);
    expect(body(own).error.hint).toMatch(/ask the approver \(bob\)/);
    const outsider = await carol.call('createVpnPbrRoute', confirm);
    expect(body(outsider)).toMatchObject({ error: { code: 'ConfirmationMismatch' }, routeCreated: false });
    expect(emulated.realCreates()).toHaveLength(0);

    const approved = body(await bob.call('createVpnPbrRoute', confirm));
    expect(approved).toMatchObject({ status: 'created', routeCreated: true, approval: { requestedBy: 'alice', approvedBy: 'bob' } });
    expect(approved.summary).toMatch(/Requested by alice, approved by bob\.$/);
    expect(emulated.realCreates()).toHaveLength(1);
    await Promise.all([alice, bob, carol].map((c) => c.close()));
    await server.stop();

    const created = auditLines(audit).find((l) => l.outcome === 'created');
    expect(created).toMatchObject({ principal: 'bob', requestedBy: 'alice', phase: 'create' });
  });
});

describe('hardening', () => {
  it('refuses a browser Origin that is not listed, and lets a listed one through', async () => {
    const server = await startHttpServer({ env: teamEnv({ VPN_PBR_MCP_HTTP_ALLOWED_ORIGINS: 'https://ops.example.com' }) });
    const auth = { Authorization: `Bearer ${people.alice.token}` };
    const evil = await postMcp(server.url, LIST_TOOLS, { ...auth, Origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const listed = await postMcp(server.url, LIST_TOOLS, { ...auth, Origin: 'https://ops.example.com' });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://ops.example.com');
    // A browser's preflight carries no token: a listed origin gets its CORS answer, another is refused.
    const preflight = (origin: string) =>
      fetch(server.url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
    const ok = await preflight('https://ops.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    // A browser MCP 2026-07-28 client sends these on every request.
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Mcp-Method, Mcp-Name/);
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('refuses a body over 1 MB with 413 and answers the next request normally', async () => {
    const server = await startHttpServer({ env: teamEnv() });
    const auth = { Authorization: `Bearer ${people.alice.token}` };
    const huge = JSON.stringify({ ...LIST_TOOLS, params: { padding: 'x'.repeat(1024 * 1024) } });
    const refused = await postMcp(server.url, huge, auth);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
    expect((await postMcp(server.url, LIST_TOOLS, auth)).status).toBe(200);
  });

  it('counts the rate limit in tool calls: past it 429 with Retry-After, while listing tools and another principal still get through', async () => {
    const server = await startHttpServer({ env: teamEnv({ VPN_PBR_MCP_HTTP_RATE_PER_MINUTE: '3' }) });
    const alice = { Authorization: `Bearer ${people.alice.token}` };
    // Connecting and listing the tools carries no tool call: it does not use up the budget.
    for (let i = 0; i < 5; i++) expect((await postMcp(server.url, LIST_TOOLS, alice)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await postMcp(server.url, toolCall('validateRoute', GOOD_ROUTE), alice);
      statuses.push(answer.status);
      await answer.text();
    }
    const refused = await postMcp(server.url, toolCall('validateRoute', GOOD_ROUTE), alice);
    expect([...statuses, refused.status]).toEqual([200, 200, 200, 429]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringMatching(/at most 3 tool calls per minute/) } });
    expect((await postMcp(server.url, LIST_TOOLS, alice)).status).toBe(200);
    const bob = await postMcp(server.url, toolCall('validateRoute', GOOD_ROUTE), { Authorization: `Bearer ${people.bob.token}` });
    expect(bob.status).toBe(200);
  });
});
