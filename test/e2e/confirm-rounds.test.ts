// MCP 2026-07-28 clients against the built bin: the human's confirmation as an input_required round (MRTR), over
// stdio and over stateless HTTP; a requestState bound to the caller, tool, arguments and token; the audit line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, startSession, useEmulator } from './harness.js';
import { connectHttp, type HttpClient, startHttpServer, stopHttpServersAfterEach } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
const { realCreates } = emulated;
stopHttpServersAfterEach();

const FORM = { elicitation: { form: {} } };
const dir = mkdtempSync(join(tmpdir(), 'pbr-rounds-'));
const auditLines = (file: string): Record<string, any>[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

// Tokens file lines for alice, bob and carol (sha256 of "<name>-token").
const TOKENS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789', carol: 'carol-token-0123456789' };
const tokensFile = join(dir, 'tokens');
{
  const { createHash } = await import('node:crypto');
  writeFileSync(tokensFile, Object.entries(TOKENS).map(([p, t]) => `${p}:${createHash('sha256').update(t).digest('hex')}`).join('\n'));
}

interface Round {
  resultType: 'input_required';
  inputRequests: { confirm: { method: string; params: { message: string; mode: string; requestedSchema: unknown } } };
  requestState: string;
}

/** First call of a confirm: the client hands back the input_required result instead of answering it. */
async function askedFor(c: HttpClient, args: Record<string, unknown>): Promise<Round> {
  const result = (await c.client.callTool({ name: 'createVpnPbrRoute', arguments: args }, { allowInputRequired: true })) as unknown as Round;
  expect(result.resultType).toBe('input_required');
  return result;
}

/** The retry with the human's answer and the echoed requestState, as a 2026 client sends it. */
async function answered(c: HttpClient, args: Record<string, unknown>, requestState: string, answer: Record<string, unknown>) {
  const result = await c.client.callTool({ name: 'createVpnPbrRoute', arguments: args, inputResponses: { confirm: answer }, requestState } as never, {
    allowInputRequired: true,
  });
  return result as typeof result & { structuredContent: Record<string, any> };
}

const ACCEPT = { action: 'accept', content: { confirm: true } };

describe('MCP 2026-07-28 over stdio', () => {
  it('negotiates 2026-07-28 and confirms a create through an input_required round: accept creates once, decline sends nothing', async () => {
    const audit = join(dir, 'stdio-audit.jsonl');
    const asked: string[] = [];
    let answer: 'accept' | 'decline' = 'decline';
    const s = await startSession({
      protocol: '2026',
      env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: audit }),
      capabilities: FORM,
      onElicit: (message) => {
        asked.push(message);
        return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
      },
    });
    expect(s.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(body(await s.call('validateRoute', GOOD_ROUTE)).valid).toBe(true);
    const token = body(await s.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;

    const declined = await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(declined)).toMatchObject({ error: { code: 'ConfirmationDeclined', source: 'confirmation' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);

    answer = 'accept';
    const created = await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(created)).toMatchObject({ status: 'created', routeCreated: true });
    expect(realCreates()).toHaveLength(1);
    expect(asked).toHaveLength(2);
    for (const detail of ['createVpnPbrRoute', 'cn-hangzhou', 'vpn-e2eprio01', '192.168.1.0/24 -> 10.0.0.0/24', 'vco-e2ea1', 'not the sandbox']) {
      expect(asked[1]).toContain(detail);
    }
    await s.close();
    // Each round is a call of its own, and its audit line says that it asked.
    expect(auditLines(audit).map((l) => `${l.phase}:${l.outcome}`)).toEqual([
      'validate:valid',
      'dry_run:dry_run_passed',
      'create:asked',
      'create:declined',
      'create:asked',
      'create:sending',
      'create:created',
    ]);
    expect(auditLines(audit)[2]?.client).toEqual({ name: 'e2e-test-client', version: '1.2.3' });
  });

  it('keeps the token flow for a 2026 client without elicitation', async () => {
    const s = await startSession({ protocol: '2026', env: emulatorEnv(emulated.get(), E2E_SEED) });
    const token = body(await s.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    expect(body(await s.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }))).toMatchObject({ status: 'created' });
    await s.close();
  });
});

describe('MCP 2026-07-28 over stateless HTTP', () => {
  async function team(extra: Record<string, string> = {}) {
    const audit = join(dir, `http-audit-${Math.random().toString(36).slice(2)}.jsonl`);
    const env = emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_HTTP_TOKENS_FILE: tokensFile, VPN_PBR_MCP_AUDIT_LOG: audit, ...extra });
    const server = await startHttpServer({ env });
    const as = (name: keyof typeof TOKENS) => connectHttp(server.url, { token: TOKENS[name], protocol: '2026', capabilities: FORM, name: `${name}-agent` });
    return { server, audit, as };
  }

  it('asks with a form naming the change; accept creates once; a replayed round makes no second route and says replayed', async () => {
    const { server, audit, as } = await team();
    const alice = await as('alice');
    expect(alice.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const token = body(await alice.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const args = { ...GOOD_ROUTE, confirmationToken: token };

    const round = await askedFor(alice, args);
    expect(round.inputRequests.confirm).toMatchObject({ method: 'elicitation/create', params: { mode: 'form' } });
    for (const detail of ['vpn-e2eprio01', 'cn-hangzhou', '192.168.1.0/24 -> 10.0.0.0/24', 'vco-e2ea1']) {
      expect(round.inputRequests.confirm.params.message).toContain(detail);
    }
    expect(realCreates()).toHaveLength(0);

    const created = await answered(alice, args, round.requestState, ACCEPT);
    expect(created.structuredContent).toMatchObject({ status: 'created', routeCreated: true });
    const replay = await answered(alice, args, round.requestState, ACCEPT);
    expect(replay.structuredContent).toMatchObject({ routeCreated: true, replayed: true });
    // One ClientToken, one route.
    expect(new Set(realCreates().map((r) => r.params.ClientToken)).size).toBe(1);
    expect(emulated.get().routes('vpn-e2eprio01').filter((r) => r.routeDest === GOOD_ROUTE.routeDest)).toHaveLength(1);
    await alice.close();
    await server.stop();
    const lines = auditLines(audit);
    expect(lines.map((l) => `${l.principal}:${l.phase}:${l.outcome}`).slice(0, 4)).toEqual([
      'alice:dry_run:dry_run_passed',
      'alice:create:asked',
      'alice:create:sending',
      'alice:create:created',
    ]);
    expect(lines[1]?.client).toEqual({ name: 'alice-agent', version: '1.0.0' });
  });

  it('declined, altered, expired or foreign rounds send nothing', async () => {
    // Two-person approval: bob and carol approve; the approver's call is the one that asks the approver.
    const { as } = await team({ VPN_PBR_MCP_APPROVERS: 'bob,carol', VPN_PBR_MCP_CONFIRM_TTL_SECONDS: '3' });
    const [alice, bob, carol] = await Promise.all([as('alice'), as('bob'), as('carol')]);
    const token = body(await alice.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const args = { ...GOOD_ROUTE, confirmationToken: token };
    const round = await askedFor(bob, args);

    const declined = await answered(bob, args, round.requestState, { action: 'decline' });
    expect(declined.structuredContent).toMatchObject({ error: { code: 'ConfirmationDeclined', source: 'confirmation' }, routeCreated: false });
    const last = round.requestState.at(-1) === 'A' ? 'B' : 'A';
    const altered = await answered(bob, args, `${round.requestState.slice(0, -1)}${last}`, ACCEPT);
    expect(altered.structuredContent).toMatchObject({ error: { code: 'ConfirmationInvalid', source: 'confirmation' }, routeCreated: false });
    const foreign = await answered(carol, args, round.requestState, ACCEPT);
    expect(foreign.structuredContent).toMatchObject({ error: { code: 'ConfirmationMismatch', source: 'confirmation' }, routeCreated: false });
    await new Promise((wake) => setTimeout(wake, 3100));
    const expired = await answered(bob, args, round.requestState, ACCEPT);
    expect(expired.structuredContent).toMatchObject({ error: { code: 'ConfirmationExpired', source: 'confirmation' }, routeCreated: false });
    expect(realCreates()).toHaveLength(0);
    await Promise.all([alice, bob, carol].map((c) => c.close()));
  });

  it('asks through the client\'s own form handler (auto-fulfilled), and a client without elicitation keeps the token flow', async () => {
    const { as, server } = await team();
    const alice = await as('alice');
    alice.client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { confirm: true } }));
    const token = body(await alice.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    expect(body(await alice.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }))).toMatchObject({ status: 'created' });
    await alice.close();

    const plain = await connectHttp(server.url, { token: TOKENS.bob, protocol: '2026' });
    const other = { ...GOOD_ROUTE, routeDest: '10.7.0.0/24' };
    const t2 = body(await plain.call('createVpnPbrRoute', other)).confirmationToken;
    expect(body(await plain.call('createVpnPbrRoute', { ...other, confirmationToken: t2 }))).toMatchObject({ status: 'created' });
    await plain.close();
  });
});
