import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src/cloud/sdk-errors.js';

const ctx = { action: 'CreateVpnPbrRouteEntry', seen: { secrets: ['s3cr3t/Secret+Value', 'STS.token-value!'] }, timeoutMs: 1000 };

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

