import { describe, expect, it } from 'vitest';
import { hintFor, isRetryableCode, redact, toAppError } from '../../src/cloud/api-errors.js';

const ctx = { action: 'CreateVpnPbrRouteEntry', secrets: ['s3cr3t/Secret+Value', 'STS.token-value!'], timeoutMs: 1000 };

// The shape pop-core throws for a body with a Code.
function popCoreApiError(body: Record<string, unknown>, statusCode: number) {
  const err = new Error(`${String(body.Message)}, URL: http://h/?AccessKeyId=LTAI&Signature=abc`);
  return Object.assign(err, {
    name: `${String(body.Code)}Error`,
    code: body.Code,
    data: body,
    url: 'http://h/?Signature=abc',
    entry: { url: 'http://h/', request: {}, response: { statusCode, headers: {} } },
  });
}

describe('isRetryableCode', () => {
  it('retries busy-gateway, throttling and 5xx codes and nothing else', () => {
    for (const code of ['VpnGateway.Configuring', 'TaskConflict', 'VpnTask.CONFLICT', 'Appliance.Configuring',
      'VpnConnection.Configuring', 'Throttling', 'Throttling.User', 'ServiceUnavailable', 'InternalError']) {
      expect(isRetryableCode(code), code).toBe(true);
    }
    for (const code of ['VpnRouteEntry.Conflict', 'Forbidden', 'DryRunOperation', 'Resource.QuotaFull',
      'InvalidVpnGatewayInstanceId.NotFound', 'SignatureDoesNotMatch']) {
      expect(isRetryableCode(code, 400), code).toBe(false);
    }
    expect(isRetryableCode('SomethingNew', 503)).toBe(true);
  });
});

describe('toAppError', () => {
  it('passes API codes through with requestId, httpStatus, a redacted message and a hint', () => {
    const err = toAppError(
      popCoreApiError(
        { Code: 'Forbidden', Message: 'denied, see https://x.example/?a=1&Signature=zz and s3cr3t/Secret+Value', RequestId: 'R-1' },
        403,
      ),
      ctx,
    );
    expect(err.body).toMatchObject({ code: 'Forbidden', source: 'cloud', retryable: false, requestId: 'R-1', httpStatus: 403 });
    expect(err.message).not.toContain('Signature=');
    expect(err.message).not.toContain('s3cr3t');
    expect(err.message).not.toContain('https://x.example/?');
    expect(err.body.hint).toContain('vpc:CreateVpnPbrRouteEntry');
  });

  it('never passes on the message of a signature error', () => {
    const err = toAppError(
      popCoreApiError({ Code: 'SignatureDoesNotMatch', Message: 'string to sign is: POST&%2F&AccessKeyId%3DLTAI%26Signature', RequestId: 'R-2' }, 400),
      ctx,
    );
    expect(err.message).not.toContain('POST&');
    expect(err.body.hint).toMatch(/AccessKey/);
    expect(toAppError(popCoreApiError({ Code: 'InvalidAccessKeyId.NotFound', Message: 'x' }, 404), ctx).body.hint).toMatch(/AccessKey/);
  });

  it('maps timeouts, connection and DNS failures to retryable network errors', () => {
    const timeout = Object.assign(new Error('ReadTimeout(1000). POST http://h/?Signature=x failed.'), { name: 'RequestTimeoutError' });
    expect(toAppError(timeout, ctx).body).toMatchObject({ code: 'Timeout', source: 'network', retryable: true });
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN']) {
      const err = Object.assign(new Error(`connect ${code} http://h/?Signature=x`), { code });
      const mapped = toAppError(err, ctx);
      expect(mapped.body).toMatchObject({ code: 'NetworkError', source: 'network', retryable: true });
      expect(mapped.message).not.toContain('Signature');
    }
  });

  it('maps a json-bigint SyntaxError to InvalidResponse and anything else to a generic InternalError', () => {
    const syntax = { name: 'SyntaxError', message: 'Unexpected <', at: 1, text: '<html>secret page</html>' };
    expect(toAppError(syntax, ctx).body).toMatchObject({ code: 'InvalidResponse', source: 'network', retryable: true });
    const other = toAppError(new TypeError('boom http://h/?Signature=1'), ctx);
    expect(other.body).toMatchObject({ code: 'InternalError', source: 'internal', retryable: false });
    expect(other.message).not.toContain('boom');
  });
});

describe('redact', () => {
  it('removes signed URLs, credential parameters and secrets in plain and encoded forms', () => {
    const secret = 's3cr3t/Secret+Value';
    const text = [
      'https://vpc.example.com/?Action=X&Signature=abc',
      'Signature=abc%3D',
      'AccessKeyId%3DLTAI%26SecurityToken%3Dtok%26Version',
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(encodeURIComponent(secret)),
      "STS.token-value%21",
    ].join(' ');
    const out = redact(text, ctx.secrets);
    for (const banned of ['Signature=', 'Signature%3D', 'AccessKeyId%3D', 'SecurityToken%3D', 's3cr3t', 'token-value', '?Action']) {
      expect(out).not.toContain(banned);
    }
    expect(redact('plain words stay', [])).toBe('plain words stay');
  });
});

describe('hintFor', () => {
  it('says what to do next where it is obvious', () => {
    expect(hintFor('VpnGateway.FinancialLocked', 'X')).toMatch(/top up/i);
    expect(hintFor('InvalidVpnGatewayInstanceId.NotFound', 'X')).toMatch(/region/);
    expect(hintFor('VpnGateway.Configuring', 'X')).toMatch(/wait/);
    expect(hintFor('VpnRouteEntry.InvalidWeight', 'X')).toBeUndefined();
  });
});
