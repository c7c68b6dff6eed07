// The human gate's decisions, in-process: which client is asked how, and every way an echoed round is refused.
import { describe, expect, it } from 'vitest';
import { type CarriedAnswer, canElicitForm, createHumanGate, type GateRequest } from '../../src/confirm/human-gate.js';
import { isAppError } from '../../src/errors/app-error.js';

const SECRET = Buffer.from('gate-test-secret-0123456789abcdef');
const ARGS = { vpnGatewayId: 'vpn-1', routeDest: '10.0.0.0/24', confirmationToken: 'tok.en' };
const T0 = 1_800_000_000_000;
const EXPIRES = new Date(T0 + 600_000);

function gate(request: Partial<GateRequest>, now = T0, secret = SECRET) {
  return createHumanGate(
    { tool: 'createVpnPbrRoute', arguments: ARGS, principal: 'alice', state: undefined, answer: { kind: 'missing' }, canAsk: true, ...request },
    { secret, now: () => now, ttlSeconds: 600 },
  );
}

/** Round 1 on a client that can be asked: its requestState. */
async function firstRound(request: Partial<GateRequest> = {}, expiresAt = EXPIRES): Promise<string> {
  const g = gate(request);
  expect(await g.ask('Create it?', { expiresAt })).toBe('asked');
  return g.round?.requestState as string;
}

const accept: CarriedAnswer = { kind: 'elicit', action: 'accept', content: { confirm: true } };

async function refusal(promise: Promise<unknown>): Promise<{ code: string; source: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, source: error.body.source };
    throw error;
  }
  throw new Error('not refused');
}

describe('who is asked how', () => {
  it.each([
    ['2025 stateless HTTP (capabilities unknown)', undefined, undefined],
    ['no elicitation', {}, false],
    ['a bare elicitation capability means form', { elicitation: {} }, true],
    ['form', { elicitation: { form: {} } }, true],
    ['URL only', { elicitation: { url: {} } }, false],
  ])('%s', (_name, capabilities, expected) => {
    expect(canElicitForm(capabilities)).toBe(expected);
  });

  it('answers "unsupported" when the client cannot be asked (the token alone confirms), and opens a round when it can', async () => {
    expect(await gate({ canAsk: undefined }).ask('q')).toBe('unsupported');
    expect(await gate({ canAsk: false }).ask('q')).toBe('unsupported');
    const g = gate({});
    expect(await g.ask('Create 10.0.0.0/24 on vpn-1?', { expiresAt: EXPIRES })).toBe('asked');
    expect(g.round).toMatchObject({ message: 'Create 10.0.0.0/24 on vpn-1?\nTool: createVpnPbrRoute', requestedSchema: { required: ['confirm'] } });
  });
});

describe('the answer of a round', () => {
  it.each([
    [accept, 'accept'],
    [{ kind: 'elicit', action: 'accept', content: { confirm: false } }, 'decline'],
    [{ kind: 'elicit', action: 'decline' }, 'decline'],
    [{ kind: 'elicit', action: 'cancel' }, 'cancel'],
  ] as [CarriedAnswer, string][])('%j reads as %s', async (answer, expected) => {
    const state = await firstRound();
    expect(await gate({ state, answer }).ask('q', { expiresAt: EXPIRES })).toBe(expected);
  });

  it.each([
    { confirm: 'yes' },
    { confirm: true, extra: 1 },
    {},
  ])('an accepted form that is not ours (%j) is no confirmation', async (content) => {
    const state = await firstRound();
    expect(await refusal(gate({ state, answer: { kind: 'elicit', action: 'accept', content } }).ask('q'))).toEqual({
      code: 'ConfirmationNotObtained',
      source: 'confirmation',
    });
  });

  it('asks again when the state comes back without an answer', async () => {
    const state = await firstRound();
    const g = gate({ state, answer: { kind: 'missing' } });
    expect(await g.ask('q', { expiresAt: EXPIRES })).toBe('asked');
    expect(g.round?.requestState).toEqual(expect.any(String));
  });
});

describe('an echoed requestState is refused, nothing answered', () => {
  it('when altered', async () => {
    const state = await firstRound();
    const last = state.at(-1) === 'A' ? 'B' : 'A';
    expect((await refusal(gate({ state: `${state.slice(0, -1)}${last}`, answer: accept }).ask('q'))).code).toBe('ConfirmationInvalid');
    expect((await refusal(gate({ state: 'garbage', answer: accept }).ask('q'))).code).toBe('ConfirmationInvalid');
    expect((await refusal(gate({ state: 42, answer: accept }).ask('q'))).code).toBe('ConfirmationInvalid');
  });

  it('when signed with another secret (a replica without the shared VPN_PBR_MCP_CONFIRM_SECRET)', async () => {
    const state = await firstRound();
    const other = createHumanGate(
      { tool: 'createVpnPbrRoute', arguments: ARGS, principal: 'alice', state, answer: accept, canAsk: true },
      { secret: Buffer.from('another-secret-0123456789abcdefgh'), now: () => T0, ttlSeconds: 600 },
    );
    expect((await refusal(other.ask('q'))).code).toBe('ConfirmationInvalid');
  });

  it('when it was minted for another caller, tool, token or arguments', async () => {
    const state = await firstRound();
    expect((await refusal(gate({ state, answer: accept, principal: 'bob' }).ask('q'))).code).toBe('ConfirmationMismatch');
    expect((await refusal(gate({ state, answer: accept, tool: 'approveRouteChange' }).ask('q'))).code).toBe('ConfirmationMismatch');
    expect((await refusal(gate({ state, answer: accept, arguments: { ...ARGS, confirmationToken: 'other' } }).ask('q'))).code).toBe(
      'ConfirmationMismatch',
    );
    expect((await refusal(gate({ state, answer: accept, arguments: { ...ARGS, routeDest: '10.9.0.0/24' } }).ask('q'))).code).toBe(
      'ConfirmationMismatch',
    );
    // The same arguments in another order are the same call.
    const reordered = Object.fromEntries(Object.entries(ARGS).reverse());
    expect(await gate({ state, answer: accept, arguments: reordered }).ask('q')).toBe('accept');
  });

  it('once the confirmation token has expired: the round never outlives it', async () => {
    const state = await firstRound({}, new Date(T0 + 5_000));
    expect(await gate({ state, answer: accept }, T0 + 4_000).ask('q')).toBe('accept');
    expect(await refusal(gate({ state, answer: accept }, T0 + 5_000).ask('q'))).toEqual({ code: 'ConfirmationExpired', source: 'confirmation' });
  });
});
