// Injected faults: what a client meets when the API or the network misbehaves, and what got committed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type Call, clientFor, failureOf, NEW_ROUTE, PRIORITY_GW, postRaw, REGION, signedForm } from './helpers.js';

const GATEWAY = { RegionId: REGION, VpnGatewayId: PRIORITY_GW };

let emulator: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emulator = await startEmulator({ seed: { applyMs: 0 } });
  call = clientFor(emulator);
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const created = () => emulator.routes(PRIORITY_GW).filter((r) => r.routeSource === NEW_ROUTE.RouteSource);

async function thrown(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
}

describe('error fault', () => {
  it('answers the injected API error once, without processing, then works again', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'Throttling.User' });
    const failure = await failureOf(call('CreateVpnPbrRouteEntry', NEW_ROUTE));
    expect([failure.code, failure.status, failure.message]).toEqual(['Throttling.User', 400, 'Request was denied due to user flow control.']);
    expect(created()).toHaveLength(0);
    await call('CreateVpnPbrRouteEntry', NEW_ROUTE);
    expect(created()).toHaveLength(1);
  });

  it('uses the given HTTP status and message, for the given number of times', async () => {
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'ServiceUnavailable', httpStatus: 503, message: 'try later' }, 2);
    for (let i = 0; i < 2; i++) {
      const failure = await failureOf(call('DescribeVpnGateway', GATEWAY));
      expect([failure.code, failure.status, failure.message]).toEqual(['ServiceUnavailable', 503, 'try later']);
    }
    await expect(call('DescribeVpnGateway', GATEWAY)).resolves.toHaveProperty('Status', 'active');
  });

  it("matches only its action, or any action with '*', consumed in order", async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'TaskConflict' });
    emulator.faults.inject('*', { kind: 'error', code: 'InternalError' });
    emulator.faults.inject('*', { kind: 'error', code: 'VpnTask.CONFLICT' });
    expect((await failureOf(call('DescribeVpnGateway', GATEWAY))).code).toBe('InternalError');
    expect((await failureOf(call('CreateVpnPbrRouteEntry', NEW_ROUTE))).code).toBe('TaskConflict');
    expect((await failureOf(call('CreateVpnPbrRouteEntry', NEW_ROUTE))).code).toBe('VpnTask.CONFLICT');
    await call('CreateVpnPbrRouteEntry', NEW_ROUTE);
  });

  it('is dropped by clear()', async () => {
    emulator.faults.inject('*', { kind: 'error', code: 'InternalError' }, 5);
    emulator.faults.clear();
    await expect(call('DescribeVpnGateway', GATEWAY)).resolves.toHaveProperty('Status');
  });

  it('applies only to requests that pass the signature checks', async () => {
    emulator.faults.inject('*', { kind: 'error', code: 'InternalError' });
    expect((await failureOf(clientFor(emulator, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' })('DescribeVpnGateway', GATEWAY))).code).toBe('InvalidAccessKeyId.NotFound');
    expect((await failureOf(call('DescribeVpnGateway', GATEWAY))).code).toBe('InternalError');
  });
});

describe('non-json fault', () => {
  it("answers a proxy's HTML 502 page, which pop-core cannot parse, and processes nothing", async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'non-json' });
    const error = await thrown(call('CreateVpnPbrRouteEntry', NEW_ROUTE));
    expect(error.name).toBe('SyntaxError'); // json-bigint's parse error, not an API error
    expect(created()).toHaveLength(0);
  });

  it('uses the given status', async () => {
    emulator.faults.inject('DescribeVpnGateway', { kind: 'non-json', status: 504 });
    const answer = await postRaw(emulator, signedForm('DescribeVpnGateway', GATEWAY));
    expect(answer.status).toBe(504);
    expect(answer.contentType).toBe('text/html');
    expect(answer.text).toContain('504 Gateway Timeout');
  });
});

describe('hang fault', () => {
  it('makes a client with a shorter timeout give up, and processes nothing', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'hang', ms: 1000 });
    const error = await thrown(call('CreateVpnPbrRouteEntry', NEW_ROUTE, { timeout: 150 }));
    expect(error.name).toMatch(/Timeout/);
    await new Promise((r) => setTimeout(r, 1100));
    expect(created()).toHaveLength(0);
  });

  it('answers normally after the wait when the client waits long enough', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'hang', ms: 100 });
    const started = Date.now();
    await call('CreateVpnPbrRouteEntry', NEW_ROUTE, { timeout: 2000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(created()).toHaveLength(1);
  });
});

describe('lose-answer fault', () => {
  it('commits, then hangs until the client gives up; a retry with the same ClientToken gets the committed result', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-answer' });
    const params = { ...NEW_ROUTE, ClientToken: 'lost-1' };
    const error = await thrown(call('CreateVpnPbrRouteEntry', params, { timeout: 200 }));
    expect(error.name).toMatch(/Timeout/);
    expect(created()).toHaveLength(1);
    const retry = await call('CreateVpnPbrRouteEntry', params);
    expect(retry).toMatchObject({ RouteSource: NEW_ROUTE.RouteSource, CreateTime: created()[0]?.createTime });
    expect(created()).toHaveLength(1);
  });

  it('commits, then answers an HTML 502', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-answer', after: 'non-json' });
    expect((await thrown(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'lost-2' }))).name).toBe('SyntaxError');
    expect(created()).toHaveLength(1);
    await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'lost-2' });
    expect(created()).toHaveLength(1);
  });

  it('commits, then destroys the connection', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-answer', after: 'destroy' });
    const error = await thrown(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'lost-3' }));
    expect(error.code ?? error.message).toMatch(/ECONNRESET|socket hang up/);
    expect(created()).toHaveLength(1);
    await call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'lost-3' });
    expect(created()).toHaveLength(1);
  });

  it('loses an API error answer too, without creating anything', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-answer', after: 'non-json' });
    await thrown(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, Weight: 3 }));
    expect(created()).toHaveLength(0);
  });
});

describe('late-commit fault', () => {
  it('commits after the client gave up: the route appears later, and a retry with the same ClientToken gets it', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'late-commit', ms: 400 });
    const params = { ...NEW_ROUTE, ClientToken: 'late-1' };
    const error = await thrown(call('CreateVpnPbrRouteEntry', params, { timeout: 100 }));
    expect(error.name).toMatch(/Timeout/);
    expect(created()).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(created()).toHaveLength(1);
    await call('CreateVpnPbrRouteEntry', params);
    expect(created()).toHaveLength(1);
  });
});

describe('lose-request fault', () => {
  it("loses the request unprocessed while another actor's route appears", async () => {
    const theirs = { vpnGatewayId: PRIORITY_GW, routeSource: NEW_ROUTE.RouteSource, routeDest: NEW_ROUTE.RouteDest, nextHop: NEW_ROUTE.NextHop, weight: 100, priority: 77 };
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-request', insertRoute: theirs });
    const error = await thrown(call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, ClientToken: 'lost-req-1' }, { timeout: 150 }));
    expect(error.name).toMatch(/Timeout/);
    expect(created()).toEqual([expect.objectContaining({ priority: 77, publishVpc: false, state: 'normal' })]);
  });
});

describe('fault injection', () => {
  it('refuses a malformed fault', () => {
    expect(() => emulator.faults.inject('*', { kind: 'hang', ms: -1 })).toThrow(RangeError);
    expect(() => emulator.faults.inject('*', { kind: 'late-commit', ms: Number.NaN })).toThrow(RangeError);
    expect(() => emulator.faults.inject('*', { kind: 'error', code: '' })).toThrow(TypeError);
    expect(() => emulator.faults.inject('*', { kind: 'error', code: 'X' }, 0)).toThrow(RangeError);
  });
});
