// The answer parser that replaces json-bigint's for pop-core: the same values, JSON.parse's speed.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { answerParser } from '../../src/cloud/json-answer.js';
import { createPopVpcClient } from '../../src/cloud/pop-vpc-client.js';
import { startEmulator } from '../../src/emulator/index.js';

// json-bigint exactly as pop-core's RPC client requires it.
const requireFromPopCore = createRequire(createRequire(import.meta.url).resolve('@alicloud/pop-core/lib/rpc.js'));
const jsonBigint = requireFromPopCore('json-bigint') as { parse: (text: string) => unknown };
const slow = requireFromPopCore('json-bigint/lib/parse.js')() as (text: string) => unknown;
const parse = answerParser(slow);

function slowOrError(text: string): unknown {
  try {
    return slow(text);
  } catch {
    return 'error';
  }
}

describe('answerParser', () => {
  it('gives what json-bigint gives for any JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const expected = slowOrError(text);
        if (expected !== 'error') expect(parse(text)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps long integers exact by handing them to json-bigint', () => {
    const text = '{"RequestId":"r","Id":12345678901234567890,"List":[9007199254740993],"CreateTime":1700000000000}';
    const value = parse(Buffer.from(text) as unknown as string) as Record<string, { toFixed?: () => string }>;
    expect(value.Id?.toFixed?.()).toBe('12345678901234567890');
    expect((value.List as unknown as { toFixed(): string }[])[0]?.toFixed()).toBe('9007199254740993');
    expect(value.CreateTime).toBe(1700000000000);
  });

  it('leaves the keys json-bigint refuses to json-bigint', () => {
    expect(() => parse('{"__proto__":{"polluted":true}}')).toThrow();
    expect(() => parse('{"\\u005f_proto__":1}')).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('pop-core with the answer parser', () => {
  const emulator = startEmulator({
    seed: { credentials: [{ accessKeyId: 'LTAI5tJsonAnswerKey01', accessKeySecret: 'json-answer-secret-0123456789' }], gateways: [{ id: 'vpn-jsonanswer0001', regionId: 'cn-hangzhou' }] },
    port: 0,
  });
  afterAll(async () => (await emulator).close());

  it('parses answers with JSON.parse once a client has made a call', async () => {
    const running = await emulator;
    const client = createPopVpcClient({
      credentials: { accessKeyId: 'LTAI5tJsonAnswerKey01', accessKeySecret: 'json-answer-secret-0123456789' },
      endpoint: running.url,
    });
    try {
      const gateway = await client.describeGateway('cn-hangzhou', 'vpn-jsonanswer0001');
      expect(gateway.vpnGatewayId).toBe('vpn-jsonanswer0001');
      // json-bigint builds prototype-less objects, JSON.parse ordinary ones.
      expect(Object.getPrototypeOf(jsonBigint.parse('{"A":1}'))).toBe(Object.prototype);
    } finally {
      client.close();
    }
  });
});
