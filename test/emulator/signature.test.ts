// The RPC gateway checks: only correctly signed, fresh, unreplayed requests of a known key reach an action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { clientFor, DEMO_KEY, failureOf, NEW_ROUTE, PRIORITY_GW, postRaw, REGION, signedForm, utcTimestamp } from './helpers.js';

const GATEWAY = { RegionId: REGION, VpnGatewayId: PRIORITY_GW };
const STS = { accessKeyId: 'STS.sandboxTemporaryKey', accessKeySecret: 'sts-secret', securityToken: 'sts-token-value' };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: { credentials: [DEMO_KEY, STS] } });
});
afterAll(() => emulator.close());

describe('signature v1', () => {
  it('accepts a request signed by pop-core over POST', async () => {
    const answer = await clientFor(emulator)('DescribeVpnGateway', GATEWAY);
    expect(answer.VpnGatewayId).toBe(PRIORITY_GW);
  });

  it('accepts a request signed by pop-core over GET (parameters in the query)', async () => {
    const answer = await clientFor(emulator, DEMO_KEY, {})('DescribeVpnGateway', GATEWAY);
    expect(answer.VpnGatewayId).toBe(PRIORITY_GW);
    expect(emulator.requests.at(-1)?.method).toBe('GET');
  });

  it('verifies and decodes non-ASCII and reserved characters, over POST and GET', async () => {
    const Description = "办公室 (HQ) → app's *subnet*! ~+&=%";
    const post = await clientFor(emulator)('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, Description });
    expect(post.Description).toBe(Description);
    const get = await clientFor(emulator, DEMO_KEY, {})('DescribeVpnConnections', { RegionId: REGION, VpnGatewayId: PRIORITY_GW, Description });
    expect(get.TotalCount).toBe(2);
    expect(emulator.requests.at(-1)?.params.Description).toBe(Description);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and echoes its string-to-sign', async () => {
    const failure = await failureOf(clientFor(emulator, { ...DEMO_KEY, accessKeySecret: 'wrong' })('DescribeVpnGateway', GATEWAY));
    expect(failure.code).toBe('SignatureDoesNotMatch');
    expect(failure.status).toBe(400);
    expect(failure.message).toMatch(/^Specified signature is not matched with our calculation\. server string to sign is:POST&%2F&.*AccessKeyId%3DLTAI5tSandboxDemoKey0001/);
  });

  it('refuses a request whose parameters were altered after signing', async () => {
    const form = signedForm('DescribeVpnGateway', GATEWAY).replace('vpn-sandbox0priority01', 'vpn-sandbox0legacy0001');
    const answer = await postRaw(emulator, form);
    expect([answer.status, answer.json?.Code]).toEqual([400, 'SignatureDoesNotMatch']);
  });

  it('refuses a request signed for GET but sent as POST', async () => {
    const answer = await postRaw(emulator, signedForm('DescribeVpnGateway', GATEWAY, { method: 'GET' }));
    expect(answer.json?.Code).toBe('SignatureDoesNotMatch');
  });

  it('refuses an unknown AccessKeyId with InvalidAccessKeyId.NotFound (404)', async () => {
    const failure = await failureOf(clientFor(emulator, { accessKeyId: 'LTAI5tNobodyKnowsMe', accessKeySecret: 'x' })('DescribeVpnGateway', GATEWAY));
    expect([failure.code, failure.status]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
  });

  it('refuses a request without AccessKeyId or without Signature', async () => {
    const noKey = await postRaw(emulator, signedForm('DescribeVpnGateway', GATEWAY, { overrides: { AccessKeyId: undefined } }));
    expect([noKey.status, noKey.json?.Code]).toEqual([400, 'MissingAccessKeyId']);
    const noSignature = await postRaw(emulator, signedForm('DescribeVpnGateway', GATEWAY).replace(/&Signature=[^&]*$/, ''));
    expect([noSignature.status, noSignature.json?.Code]).toEqual([400, 'IncompleteSignature']);
  });

  it('refuses a replayed request (same SignatureNonce) with SignatureNonceUsed', async () => {
    const form = signedForm('DescribeVpnGateway', GATEWAY);
    const first = await postRaw(emulator, form);
    const replay = await postRaw(emulator, form);
    expect(first.status).toBe(200);
    expect([replay.status, replay.json?.Code]).toEqual([400, 'SignatureNonceUsed']);
  });

  it('refuses a Timestamp more than 15 minutes old or ahead, or malformed, with InvalidTimeStamp.Expired', async () => {
    for (const Timestamp of [utcTimestamp(Date.now() - 16 * 60_000), utcTimestamp(Date.now() + 16 * 60_000), '2026-01-01 10:00:00', 'yesterday']) {
      const answer = await postRaw(emulator, signedForm('DescribeVpnGateway', GATEWAY, { overrides: { Timestamp } }));
      expect([answer.status, answer.json?.Code], Timestamp).toEqual([400, 'InvalidTimeStamp.Expired']);
    }
    const fresh = await postRaw(emulator, signedForm('DescribeVpnGateway', GATEWAY, { overrides: { Timestamp: utcTimestamp(Date.now() - 14 * 60_000) } }));
    expect(fresh.status).toBe(200);
  });

  it('sees a client whose clock is 16 minutes off as expired', async () => {
    const skewed = await startEmulator({ now: () => Date.now() + 16 * 60_000 });
    try {
      const failure = await failureOf(clientFor(skewed)('DescribeVpnGateway', GATEWAY));
      expect(failure.code).toBe('InvalidTimeStamp.Expired');
    } finally {
      await skewed.close();
    }
  });

  it('refuses another API version with InvalidVersion', async () => {
    const answer = await postRaw(emulator, signedForm('DescribeVpnGateway', GATEWAY, { overrides: { Version: '2014-05-26' } }));
    expect([answer.status, answer.json?.Code]).toEqual([400, 'InvalidVersion']);
  });

  it('requires the SecurityToken of an STS credential, and only that token', async () => {
    expect((await clientFor(emulator, STS)('DescribeVpnGateway', GATEWAY)).VpnGatewayId).toBe(PRIORITY_GW);
    const { securityToken: _token, ...withoutToken } = STS;
    const missing = await failureOf(clientFor(emulator, withoutToken)('DescribeVpnGateway', GATEWAY));
    expect([missing.code, missing.status]).toEqual(['InvalidSecurityToken.Mismatch', 400]);
    const wrong = await failureOf(clientFor(emulator, { ...STS, securityToken: 'stolen' })('DescribeVpnGateway', GATEWAY));
    expect(wrong.code).toBe('InvalidSecurityToken.Mismatch');
    const unexpected = await failureOf(clientFor(emulator, { ...DEMO_KEY, securityToken: 'stray' })('DescribeVpnGateway', GATEWAY));
    expect(unexpected.code).toBe('InvalidSecurityToken.Mismatch');
  });

  it('answers an unknown Action with InvalidAction.NotFound (404)', async () => {
    const failure = await failureOf(clientFor(emulator)('DescribeEverything', { RegionId: REGION }));
    expect([failure.code, failure.status]).toEqual(['InvalidAction.NotFound', 404]);
  });

  it('records only requests that passed the signature checks, without their Signature', async () => {
    emulator.reset();
    await failureOf(clientFor(emulator, { ...DEMO_KEY, accessKeySecret: 'wrong' })('DescribeVpnGateway', GATEWAY));
    await clientFor(emulator)('DescribeVpnGateway', GATEWAY);
    expect(emulator.requests).toHaveLength(1);
    const [recorded] = emulator.requests;
    expect(recorded).toMatchObject({ action: 'DescribeVpnGateway', accessKeyId: DEMO_KEY.accessKeyId, method: 'POST' });
    expect(recorded?.params).toMatchObject({ ...GATEWAY, Action: 'DescribeVpnGateway', Version: '2016-04-28' });
    expect(recorded?.params).not.toHaveProperty('Signature');
  });

  it('gives every answer an upper-case UUID RequestId and the published error body', async () => {
    const failure = await failureOf(clientFor(emulator)('DescribeVpnGateway', { RegionId: REGION, VpnGatewayId: 'vpn-doesnotexist' }));
    expect(Object.keys(failure.data).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(failure.data.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });
});
