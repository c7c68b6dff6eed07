// Who may confirm a dry run: the rule of confirm/approval.ts, and the principal carried in the token.
import { describe, expect, it } from 'vitest';
import { checkConfirmer } from '../../src/confirm/approval.js';
import { issueConfirmationToken, verifyConfirmationToken } from '../../src/confirm/token.js';
import { AppError } from '../../src/errors/app-error.js';

function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('checkConfirmer', () => {
  it.each([
    // requestedBy, confirmer, approvers, refused with
    [undefined, undefined, undefined, undefined],
    ['alice', 'alice', undefined, undefined],
    ['alice', 'bob', undefined, 'ConfirmationMismatch'],
    ['alice', undefined, undefined, 'ConfirmationMismatch'],
    [undefined, 'bob', undefined, 'ConfirmationMismatch'],
    ['alice', 'alice', ['alice', 'bob'], 'ConfirmationMismatch'],
    ['alice', 'carol', ['alice', 'bob'], 'ConfirmationMismatch'],
    ['alice', 'bob', ['alice', 'bob'], undefined],
    [undefined, 'bob', ['bob'], 'ConfirmationMismatch'],
    ['alice', undefined, ['bob'], 'ConfirmationMismatch'],
  ] as const)('%s dry run, %s confirms, approvers %j: %s', (requestedBy, confirmer, approvers, refused) => {
    expect(refusal(() => checkConfirmer(requestedBy, confirmer, approvers, 'createVpnPbrRoute'))).toBe(refused);
  });

  function hintOf(run: () => unknown): string | undefined {
    try {
      run();
    } catch (error) {
      return error instanceof AppError ? error.body.hint : undefined;
    }
    return undefined;
  }

  it('names as approvers only principals other than the one who made the dry run', () => {
    expect(hintOf(() => checkConfirmer('bob', 'bob', ['bob', 'carol'], 'createVpnPbrRoute'))).toBe(
      'ask the approver (carol) to confirm it with the same arguments and confirmationToken',
    );
    expect(hintOf(() => checkConfirmer('alice', 'dave', ['alice', 'bob', 'carol'], 'deleteVpnPbrRoute'))).toMatch(/^ask an approver \(bob, carol\) /);
  });

  it('says that nobody else may approve when the requester is the only approver', () => {
    const hint = hintOf(() => checkConfirmer('bob', 'bob', ['bob'], 'createVpnPbrRoute'));
    expect(hint).toMatch(/^no approver other than bob is configured \(VPN_PBR_MCP_APPROVERS\)/);
    expect(hint).not.toMatch(/ask .*\(bob\)/);
  });

  it('reports who asked and who approved only when another principal approved', () => {
    expect(checkConfirmer('alice', 'bob', ['bob'], 'createVpnPbrRoute')).toEqual({ requestedBy: 'alice', approvedBy: 'bob' });
    expect(checkConfirmer('alice', 'alice', undefined, 'createVpnPbrRoute')).toBeUndefined();
  });
});

describe('the principal in a confirmation token', () => {
  const route = { regionId: 'cn-hangzhou', vpnGatewayId: 'vpn-a1', routeSource: '10.0.0.0/24', routeDest: '10.1.0.0/24', nextHop: 'vco-a1', weight: 100, publishVpc: true };
  const keys = { secret: Buffer.alloc(32, 7), ttlSeconds: 60, target: 't' };

  it('comes back from verification as the requester, and is absent for a token issued without one', () => {
    const { token } = issueConfirmationToken(route, 'req-1', keys, 'alice');
    expect(verifyConfirmationToken(token, route, keys).requestedBy).toBe('alice');
    const { token: stdio } = issueConfirmationToken(route, 'req-1', keys);
    expect(verifyConfirmationToken(stdio, route, keys).requestedBy).toBeUndefined();
  });
});
