// Signature V3 (ACS3-HMAC-SHA256): the official SDKs' default, checked with the API's own error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { DEMO_KEY, NEW_ROUTE, PRIORITY_GW, REGION, utcTimestamp } from './helpers.js';
import { sendV3, signV3, type V3Options } from './v3-signer.js';

const GATEWAY = { RegionId: REGION, VpnGatewayId: PRIORITY_GW };
const STS = { accessKeyId: 'STS.sandboxTemporaryKey', accessKeySecret: 'sts-secret', securityToken: 'sts-token-value' };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: { credentials: [DEMO_KEY, STS], applyMs: 0 } });
});
afterAll(() => emulator.close());

const describeGateway = (options: V3Options = {}) => sendV3(signV3(emulator, 'DescribeVpnGateway', GATEWAY, options));
const codeOf = async (options: V3Options) => {
  const answer = await describeGateway(options);
  return [answer.status, answer.json?.Code];
};

describe('signature v3', () => {
  it('accepts parameters in the query and in a form body, and records the action from x-acs-action', async () => {
    expect((await describeGateway()).json?.VpnGatewayId).toBe(PRIORITY_GW);
    expect((await describeGateway({ form: true })).json?.VpnGatewayId).toBe(PRIORITY_GW);
    expect(emulator.requests.at(-1)).toMatchObject({ action: 'DescribeVpnGateway', accessKeyId: DEMO_KEY.accessKeyId, params: GATEWAY });
  });

  it('verifies and decodes reserved and non-ASCII characters', async () => {
    const Description = "办公室 (HQ) → app's *subnet*! ~+&=%";
    const params = { ...Object.fromEntries(Object.entries(NEW_ROUTE).map(([k, v]) => [k, String(v)])), Description, DryRun: 'true' };
    for (const form of [false, true]) {
      const answer = await sendV3(signV3(emulator, 'CreateVpnPbrRouteEntry', params, { form }));
      expect(answer.json?.Code).toBe('DryRunOperation');
      expect(emulator.requests.at(-1)?.params.Description).toBe(Description);
    }
  });

  it('answers a wrong secret with SignatureDoesNotMatch, echoing only the hash of its canonical request', async () => {
    const answer = await describeGateway({ secret: 'wrong' });
    expect([answer.status, answer.json?.Code]).toEqual([400, 'SignatureDoesNotMatch']);
    expect(answer.json?.Message).toMatch(/^Specified signature does not match our calculation\. server StringToSign is \[ACS3-HMAC-SHA256 [0-9a-f]{64}\]$/);
  });

  it('answers tampering after signing with SignatureDoesNotMatch: a query parameter, a signed header, the body hash', async () => {
    expect(await codeOf({ after: { query: { PageSize: '5' } } })).toEqual([400, 'SignatureDoesNotMatch']);
    expect(await codeOf({ after: { headers: { 'x-acs-signature-nonce': 'other' } } })).toEqual([400, 'SignatureDoesNotMatch']);
    expect(await codeOf({ headers: { 'x-acs-content-sha256': 'a'.repeat(64) } })).toEqual([400, 'SignatureDoesNotMatch']);
  });

  it('never answers MissingAccessKeyId: a missing Authorization or a malformed one is IncompleteSignature', async () => {
    expect(await codeOf({ after: { headers: { authorization: '' } } })).toEqual([400, 'IncompleteSignature']);
    expect(await codeOf({ after: { headers: { authorization: 'ACS3-HMAC-SHA256 Credential=x' } } })).toEqual([400, 'IncompleteSignature']);
    expect(await codeOf({ after: { headers: { authorization: 'ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00' } } })).toEqual([400, 'IncompleteSignature']);
  });

  it('requires host and every x-acs-* header to be signed', async () => {
    expect(await codeOf({ unsigned: ['x-acs-date'] })).toEqual([400, 'IncompleteSignature']);
    expect(await codeOf({ unsigned: ['host'] })).toEqual([400, 'IncompleteSignature']);
    expect(await codeOf({ headers: { 'x-acs-extra': 'y' }, unsigned: ['x-acs-extra'] })).toEqual([400, 'IncompleteSignature']);
  });

  it('answers a missing x-acs-date, x-acs-signature-nonce, x-acs-version or x-acs-content-sha256 with MissingParameter', async () => {
    for (const name of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-version', 'x-acs-content-sha256', 'x-acs-action']) {
      const answer = await describeGateway({ headers: { [name]: undefined } });
      expect([answer.status, answer.json?.Code], name).toEqual([400, 'MissingParameter']);
      expect(answer.json?.Message).toContain(name);
    }
  });

  it('answers an x-acs-date over 15 minutes off, or malformed, with InvalidTimeStamp.Expired', async () => {
    for (const date of [utcTimestamp(Date.now() - 16 * 60_000), utcTimestamp(Date.now() + 16 * 60_000), 'yesterday']) {
      expect(await codeOf({ headers: { 'x-acs-date': date } }), date).toEqual([400, 'InvalidTimeStamp.Expired']);
    }
  });

  it('answers a replayed request (same nonce) with SignatureNonceUsed', async () => {
    const request = signV3(emulator, 'DescribeVpnGateway', GATEWAY);
    expect((await sendV3(request)).status).toBe(200);
    const replay = await sendV3(request);
    expect([replay.status, replay.json?.Code]).toEqual([400, 'SignatureNonceUsed']);
  });

  it('answers an unknown key, another version and an unknown action with their codes', async () => {
    expect(await codeOf({ credential: { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' } })).toEqual([404, 'InvalidAccessKeyId.NotFound']);
    expect(await codeOf({ headers: { 'x-acs-version': '2014-05-26' } })).toEqual([400, 'InvalidVersion']);
    expect(await codeOf({ headers: { 'x-acs-action': 'DescribeEverything' } })).toEqual([404, 'InvalidAction.NotFound']);
  });

  it('requires the x-acs-security-token of an STS credential, and only that token', async () => {
    expect((await describeGateway({ credential: STS })).status).toBe(200);
    expect(await codeOf({ credential: STS, headers: { 'x-acs-security-token': undefined } })).toEqual([400, 'InvalidSecurityToken.Mismatch']);
    expect(await codeOf({ credential: STS, headers: { 'x-acs-security-token': 'stolen' } })).toEqual([400, 'InvalidSecurityToken.Mismatch']);
    expect(await codeOf({ headers: { 'x-acs-security-token': 'stray' } })).toEqual([400, 'InvalidSecurityToken.Mismatch']);
  });
});
