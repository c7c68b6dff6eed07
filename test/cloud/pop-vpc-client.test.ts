// The real pop-core against the project's emulator over HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPopVpcClient, type PopVpcClient, type PopVpcClientOptions } from '../../src/cloud/pop-vpc-client.js';
import { AppError } from '../../src/errors/app-error.js';
import { type EmulatorSeed, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { createLogger } from '../../src/log.js';

const KEY = { accessKeyId: 'LTAI5tCloudTestKey0001', accessKeySecret: 'cloud-test-secret-0123456789abcdef' };
const STS = { accessKeyId: 'STS.CloudTestKey0002', accessKeySecret: 'sts-secret-fedcba9876543210', securityToken: 'CAIS-sts-token-value-0123456789' };
const REGION = 'cn-hangzhou';
const GW = 'vpn-cloudtest0prio0001';
const LEGACY = 'vpn-cloudtest0legacy001';
const DUAL = 'vpn-cloudtest0dual00001';
const PAGED = 'vpn-cloudtest0paged0001';
const VCO = 'vco-cloudtest0tunnel0a1';
const VCO_B = 'vco-cloudtest0tunnel0b2';

const SEED: EmulatorSeed = {
  credentials: [KEY, STS],
  quota: 200,
  applyMs: 0,
  gateways: [
    { id: GW, regionId: REGION, status: 'active', businessStatus: 'Normal', pbrPriority: true, dualTunnel: false },
    { id: LEGACY, regionId: REGION, pbrPriority: false },
    { id: DUAL, regionId: REGION, pbrPriority: true, dualTunnel: true },
    { id: PAGED, regionId: REGION, pbrPriority: true },
    { id: 'vpn-cloudtest0locked001', regionId: REGION, businessStatus: 'FinancialLocked' },
  ],
  connections: [
    { id: VCO, gatewayId: GW },
    { id: VCO_B, gatewayId: GW },
    { id: 'vco-cloudtest0legacy0a1', gatewayId: LEGACY },
    { id: 'vco-cloudtest0paged00a1', gatewayId: PAGED },
    { id: 'vco-cloudtest0locked0a1', gatewayId: 'vpn-cloudtest0locked001' },
  ],
  routes: [
    { vpnGatewayId: GW, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: VCO, weight: 100, priority: 10, publishVpc: true },
    ...Array.from({ length: 120 }, (_, i) => ({
      vpnGatewayId: PAGED,
      routeSource: `10.${Math.floor(i / 200)}.${i}.0/24`,
      routeDest: '172.16.0.0/24',
      nextHop: 'vco-cloudtest0paged00a1',
      weight: 100,
      publishVpc: false,
    })),
  ],
};

const NEW_ROUTE = {
  regionId: REGION,
  vpnGatewayId: GW,
  routeSource: '192.168.20.0/24',
  routeDest: '10.20.0.0/24',
  nextHop: VCO,
  weight: 100,
  publishVpc: true,
} as const;

let emulator: RunningEmulator;
const clients: PopVpcClient[] = [];
let logLines: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ seed: SEED, port: 0 });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  emulator.reset();
  logLines = [];
});

function client(overrides: Partial<PopVpcClientOptions> = {}): PopVpcClient {
  const c = createPopVpcClient({
    credentials: KEY,
    endpoint: emulator.url,
    backoff: { baseMs: 1, capMs: 5 },
    timeoutMs: 3000,
    logger: createLogger({ level: 'debug', write: (line) => logLines.push(line) }),
    ...overrides,
  });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

const requestsOf = (action: string) => emulator.requests.filter((r) => r.action === action);

describe('successful operations', () => {
  it('describes gateways: status, priority support from Tag, dual tunnel', async () => {
    const c = client();
    const gw = await c.describeGateway(REGION, GW);
    expect(gw).toMatchObject({ vpnGatewayId: GW, regionId: REGION, status: 'active', businessStatus: 'Normal', pbrPriority: true, dualTunnel: false });
    expect(gw.requestId).not.toBe('');
    expect((await c.describeGateway(REGION, LEGACY)).pbrPriority).toBe(false);
    expect((await c.describeGateway(REGION, DUAL)).dualTunnel).toBe(true);
  });

  it('describes a connection and lists a gateway connections', async () => {
    const c = client();
    await expect(c.describeConnection(REGION, VCO)).resolves.toMatchObject({ vpnConnectionId: VCO, vpnGatewayId: GW });
    const all = await c.listConnections(REGION, GW);
    expect(all.map((x) => x.vpnConnectionId)).toEqual([VCO, VCO_B]);
  });

  it('lists routes with numbers as numbers', async () => {
    const routes = await client().listPbrRoutes(REGION, GW);
    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({ vpnInstanceId: GW, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: VCO, weight: 100, priority: 10, state: 'published' });
    expect(typeof routes[0]?.createTime).toBe('number');
  });

  it('creates a route over POST with a ClientToken and without the optional parameters it was not given', async () => {
    const created = await client().createPbrRoute({ ...NEW_ROUTE, priority: undefined, description: undefined });
    expect(created).toMatchObject({ vpnInstanceId: GW, routeSource: NEW_ROUTE.routeSource, routeDest: NEW_ROUTE.routeDest, nextHop: VCO, weight: 100, priority: 10, state: 'published' });
    expect(typeof created.createTime).toBe('number');
    expect(emulator.routes(GW)).toHaveLength(2);
    const [req] = requestsOf('CreateVpnPbrRouteEntry');
    expect(req?.method).toBe('POST');
    expect(req?.params.ClientToken).toMatch(/^[\w-]{1,64}$/);
    for (const key of ['Priority', 'Description', 'OverlayMode', 'DryRun', 'OwnerId', 'ResourceOwnerId', 'ResourceOwnerAccount', 'OwnerAccount']) {
      expect(req?.params, key).not.toHaveProperty(key);
    }
    expect(Object.values(req?.params ?? {})).not.toContain('undefined');
    expect(emulator.requests.every((r) => r.method === 'POST')).toBe(true);
  });

  it('sends every given optional parameter', async () => {
    const created = await client().createPbrRoute({ ...NEW_ROUTE, priority: 5, description: 'app subnet', overlayMode: 'Ipsec', clientToken: 'my-token-1' });
    expect(created).toMatchObject({ priority: 5, description: 'app subnet', overlayMode: 'Ipsec' });
    expect(requestsOf('CreateVpnPbrRouteEntry')[0]?.params).toMatchObject({ Priority: '5', Description: 'app subnet', OverlayMode: 'Ipsec', ClientToken: 'my-token-1', PublishVpc: 'true', Weight: '100' });
  });

  it('deletes a route', async () => {
    const c = client();
    await expect(c.deletePbrRoute({ regionId: REGION, vpnGatewayId: GW, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', nextHop: VCO, weight: 100 })).resolves.toEqual({ requestId: expect.any(String) });
    expect(emulator.routes(GW)).toHaveLength(0);
  });

  it('signs with STS credentials from a provider', async () => {
    const c = client({ credentials: { getCredentials: async () => STS } });
    await expect(c.describeGateway(REGION, GW)).resolves.toMatchObject({ vpnGatewayId: GW });
    expect(emulator.requests[0]?.params.SecurityToken).toBe(STS.securityToken);
  });
});

describe('dry run', () => {
  it('resolves DryRunOperation as a passed dry run and creates nothing', async () => {
    const result = await client().createPbrRoute({ ...NEW_ROUTE, dryRun: true, clientToken: 'for-the-create' });
    expect(result).toEqual({ dryRun: true, requestId: expect.stringMatching(/.+/) });
    expect(emulator.routes(GW)).toHaveLength(1);
    const [req] = requestsOf('CreateVpnPbrRouteEntry');
    expect(req?.params.DryRun).toBe('true');
    expect(req?.params).not.toHaveProperty('ClientToken');
  });

  it('throws the rule error a dry run answers', async () => {
    const err = await failure(client().createPbrRoute({ ...NEW_ROUTE, vpnGatewayId: LEGACY, nextHop: 'vco-cloudtest0legacy0a1', priority: 5, dryRun: true }));
    expect(err.body).toMatchObject({ code: 'VpnPbrRouteEntryPriority.NotSupport', source: 'cloud', retryable: false, httpStatus: 400, requestId: expect.any(String) });
    expect(err.body.hint).toMatch(/omit priority/);
    const dup = await failure(client().createPbrRoute({ ...NEW_ROUTE, routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24', dryRun: true }));
    expect(dup.code).toBe('VpnRouteEntry.AlreadyExists');
  });
});

describe('API errors', () => {
  it('passes not-found codes through with requestId and 404, without retrying', async () => {
    const c = client();
    const gw = await failure(c.describeGateway(REGION, 'vpn-doesnotexist000001'));
    expect(gw.body).toMatchObject({ code: 'InvalidVpnGatewayInstanceId.NotFound', source: 'cloud', retryable: false, httpStatus: 404, requestId: expect.any(String) });
    expect(gw.body.hint).toMatch(/region/);
    const vco = await failure(c.describeConnection(REGION, 'vco-doesnotexist000001'));
    expect(vco.body).toMatchObject({ code: 'InvalidVpnConnectionInstanceId.NotFound', httpStatus: 404 });
    expect(emulator.requests).toHaveLength(2);
  });

  it('gives the requestId of the failed request', async () => {
    const err = await failure(client().createPbrRoute({ ...NEW_ROUTE, vpnGatewayId: 'vpn-cloudtest0locked001', nextHop: 'vco-cloudtest0locked0a1' }));
    expect(err.body).toMatchObject({ code: 'VpnGateway.FinancialLocked', retryable: false, httpStatus: 400 });
    expect(err.body.hint).toMatch(/top up/i);
    expect(err.body.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('does not retry non-retryable codes', async () => {
    for (const code of ['Forbidden', 'VpnRouteEntry.Conflict', 'CreatePbrRoutesQuotaFull.QuotaFull']) {
      emulator.reset();
      emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code }, 5);
      const err = await failure(client().createPbrRoute(NEW_ROUTE));
      expect(err.code).toBe(code);
      expect(requestsOf('CreateVpnPbrRouteEntry'), code).toHaveLength(1);
      // Not ambiguous: no listing to confirm.
      expect(requestsOf('DescribeVpnPbrRouteEntries')).toHaveLength(0);
    }
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'Forbidden' });
    const forbidden = await failure(client().describeGateway(REGION, GW));
    expect(forbidden.body).toMatchObject({ httpStatus: 403 });
    expect(forbidden.body.hint).toContain('vpc:DescribeVpnGateway');
  });
});

describe('retries', () => {
  it('retries VpnGateway.Configuring with one ClientToken, then succeeds', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'VpnGateway.Configuring' }, 3);
    const created = await client().createPbrRoute(NEW_ROUTE);
    expect(created.routeSource).toBe(NEW_ROUTE.routeSource);
    const tokens = requestsOf('CreateVpnPbrRouteEntry').map((r) => r.params.ClientToken);
    expect(tokens).toHaveLength(4);
    expect(new Set(tokens).size).toBe(1);
    // Same parameters on every attempt, signing fields aside.
    const stable = requestsOf('CreateVpnPbrRouteEntry').map(({ params: { Timestamp, SignatureNonce, ...rest } }) => JSON.stringify(rest));
    expect(new Set(stable).size).toBe(1);
    expect(emulator.routes(GW)).toHaveLength(2);
    expect(logLines).toHaveLength(3);
    expect(logLines[0]).toContain('"code":"VpnGateway.Configuring"');
    expect(logLines[2]).toContain('"attempt":3');
  });

  it('retries Throttling, TaskConflict and 5xx codes', async () => {
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'Throttling.User' });
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'TaskConflict' });
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'SomethingBroke', httpStatus: 503 });
    await expect(client().describeGateway(REGION, GW)).resolves.toMatchObject({ vpnGatewayId: GW });
    expect(requestsOf('DescribeVpnGateway')).toHaveLength(4);
  });

  it('gives up after maxAttempts with the last error', async () => {
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'VpnGateway.Configuring' }, 10);
    const err = await failure(client({ maxAttempts: 3 }).describeGateway(REGION, GW));
    expect(err.body).toMatchObject({ code: 'VpnGateway.Configuring', retryable: true });
    expect(requestsOf('DescribeVpnGateway')).toHaveLength(3);
  });

  it('does not retry at all with maxAttempts 1', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'VpnGateway.Configuring' });
    const err = await failure(client({ maxAttempts: 1 }).createPbrRoute(NEW_ROUTE));
    expect(err.code).toBe('VpnGateway.Configuring');
    expect(requestsOf('CreateVpnPbrRouteEntry')).toHaveLength(1);
    expect(logLines).toHaveLength(0);
  });

  it('retries an API InternalError at most twice', async () => {
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'InternalError', httpStatus: 500 }, 10);
    const err = await failure(client({ maxAttempts: 10 }).describeGateway(REGION, GW));
    expect(err.body).toMatchObject({ code: 'InternalError', source: 'cloud', httpStatus: 500 });
    expect(requestsOf('DescribeVpnGateway')).toHaveLength(3);
  });
});

describe('faults', () => {
  it('non-JSON answer: InvalidResponse, retried', async () => {
    emulator.faults.inject('DescribeVpnGateway', { kind: 'non-json' });
    await expect(client().describeGateway(REGION, GW)).resolves.toMatchObject({ vpnGatewayId: GW });
    emulator.faults.inject('DescribeVpnGateway', { kind: 'non-json', status: 504 }, 2);
    const err = await failure(client({ maxAttempts: 2 }).describeGateway(REGION, GW));
    expect(err.body).toMatchObject({ code: 'InvalidResponse', source: 'network', retryable: true });
    expect(JSON.stringify(err)).not.toContain('Tengine');
  });

  it('hang: Timeout after timeoutMs, retried', async () => {
    emulator.faults.inject('DescribeVpnGateway', { kind: 'hang', ms: 5000 });
    const started = Date.now();
    await expect(client({ timeoutMs: 200 }).describeGateway(REGION, GW)).resolves.toMatchObject({ vpnGatewayId: GW });
    expect(Date.now() - started).toBeLessThan(2000);
    emulator.faults.inject('DescribeVpnGateway', { kind: 'hang', ms: 5000 });
    const err = await failure(client({ timeoutMs: 200, maxAttempts: 1 }).describeGateway(REGION, GW));
    expect(err.body).toMatchObject({ code: 'Timeout', source: 'network', retryable: true });
    expect(err.message).toContain('200 ms');
  });

  it('connection refused: NetworkError', async () => {
    const closed = await startEmulator({ seed: SEED, port: 0 });
    await closed.close();
    const err = await failure(client({ endpoint: closed.url, maxAttempts: 2 }).describeGateway(REGION, GW));
    expect(err.body).toMatchObject({ code: 'NetworkError', source: 'network', retryable: true });
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).not.toContain(closed.url);
  });

  for (const then of ['hang', 'non-json', 'destroy'] as const) {
    it(`lost answer (${then}) with retries: one route, the cached idempotent answer`, async () => {
      emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-answer', after: then });
      const created = await client({ timeoutMs: 300 }).createPbrRoute(NEW_ROUTE);
      expect(created).toMatchObject({ routeSource: NEW_ROUTE.routeSource, routeDest: NEW_ROUTE.routeDest, nextHop: VCO });
      const creates = requestsOf('CreateVpnPbrRouteEntry');
      expect(creates).toHaveLength(2);
      expect(creates[0]?.params.ClientToken).toBe(creates[1]?.params.ClientToken);
      expect(emulator.routes(GW).filter((r) => r.routeSource === NEW_ROUTE.routeSource)).toHaveLength(1);
    });

    it(`lost answer (${then}) without retries: the ambiguous failure is thrown and was reported per attempt`, async () => {
      emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'lose-answer', after: then });
      const seen: string[] = [];
      const err = await failure(client({ timeoutMs: 300, maxAttempts: 1 }).createPbrRoute(NEW_ROUTE, { onAttemptFailed: (e) => seen.push(e.code) }));
      expect(['Timeout', 'InvalidResponse', 'NetworkError']).toContain(err.code);
      expect(seen).toEqual([err.code]);
      // Establishing what became of it is the change flow's job (src/change/); the client only sends.
      expect(requestsOf('DescribeVpnPbrRouteEntries')).toHaveLength(0);
      expect(emulator.routes(GW).filter((r) => r.routeSource === NEW_ROUTE.routeSource)).toHaveLength(1);
    });
  }

  it('sends no further attempt once the caller cancelled, and says so', async () => {
    emulator.faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'VpnGateway.Configuring' }, 3);
    const controller = new AbortController();
    const err = await failure(client().createPbrRoute(NEW_ROUTE, { signal: controller.signal, onAttemptFailed: () => controller.abort() }));
    expect(err.body).toMatchObject({ code: 'Cancelled', retryable: true });
    expect(requestsOf('CreateVpnPbrRouteEntry')).toHaveLength(1);
  });

  it('sends nothing past the deadline, and shrinks the request timeout to what is left of it', async () => {
    const past = await failure(client().describeGateway(REGION, GW, { deadline: Date.now() - 1 }));
    expect(past.body).toMatchObject({ code: 'CallBudgetExceeded', retryable: true });
    expect(emulator.requests).toHaveLength(0);
    emulator.faults.inject('DescribeVpnGateway', { kind: 'hang', ms: 5000 }, 5);
    const seen: string[] = [];
    const err = await failure(client({ timeoutMs: 10_000 }).withOptions({ deadline: Date.now() + 800 }).describeGateway(REGION, GW, { onAttemptFailed: (e) => seen.push(e.code) }));
    expect(seen[0]).toBe('Timeout');
    expect(['Timeout', 'CallBudgetExceeded']).toContain(err.code);
  });

  it('digests the AccessKey ID it signs with, differently per key and never readable', async () => {
    const a = await client({ credentials: KEY }).accountDigest();
    const b = await client({ credentials: STS }).accountDigest();
    expect(a).not.toBe(b);
    expect(a).not.toContain(KEY.accessKeyId);
    expect(await client({ credentials: { getCredentials: async () => KEY } }).accountDigest()).toBe(a);
  });
});

describe('paging', () => {
  it('returns all 120 routes in API order, fetching pages 2..3 concurrently', async () => {
    const slow = await startEmulator({ seed: SEED, port: 0, latencyMs: 200 });
    try {
      const c = client({ endpoint: slow.url });
      const routes = await c.listPbrRoutes(REGION, PAGED);
      expect(routes).toHaveLength(120);
      expect(routes.map((r) => r.routeSource)).toEqual(Array.from({ length: 120 }, (_, i) => `10.0.${i}.0/24`));
      const pages = slow.requests.map((r) => [r.params.PageNumber, r.params.PageSize]);
      expect(pages[0]).toEqual(['1', '50']);
      expect(pages.slice(1).map((p) => p[0]).sort()).toEqual(['2', '3']);
      // Accepted together after the 200 ms latency; one after the other would be 200 ms apart.
      const [, second, third] = slow.requests;
      expect(Math.abs((second?.at ?? 0) - (third?.at ?? 1e9))).toBeLessThan(150);
    } finally {
      await slow.close();
    }
  });
});

describe('redaction', () => {
  const bannedFor = (secret: string, extra: string[] = []) => [secret, 'Signature=', `${emulator.url}/?`, 'string to sign', ...extra];

  function expectClean(err: AppError, banned: string[]) {
    const texts = [err.message, JSON.stringify(err), JSON.stringify(err.body), ...logLines];
    for (const text of texts) for (const b of banned) expect(text, `${b} leaked`).not.toContain(b);
  }

  it('a wrong secret: SignatureDoesNotMatch with our own message, nothing signed passed on', async () => {
    const err = await failure(client({ credentials: { ...KEY, accessKeySecret: 'wrong-secret-value-123' } }).describeGateway(REGION, GW));
    expect(err.body).toMatchObject({ code: 'SignatureDoesNotMatch', source: 'cloud', retryable: false, httpStatus: 400 });
    expect(err.body.hint).toMatch(/AccessKey/);
    expectClean(err, bannedFor('wrong-secret-value-123', ['AccessKeyId%3D']));
  });

  it('a wrong secret with a security token: neither secret nor token leaks', async () => {
    const err = await failure(client({ credentials: { ...STS, accessKeySecret: 'wrong-sts-secret-456' } }).describeGateway(REGION, GW));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expectClean(err, bannedFor('wrong-sts-secret-456', [STS.securityToken, 'SecurityToken%3D']));
  });

  it('an API message that echoes signed URLs and credential values is scrubbed, in errors and retry logs', async () => {
    const message = `denied ${emulator.url}/?AccessKeyId=${STS.accessKeyId}&SecurityToken=${STS.securityToken}&Signature=abc secret=${STS.accessKeySecret}`;
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'Throttling', message }, 2);
    emulator.faults.inject('DescribeVpnGateway', { kind: 'error', code: 'Forbidden', message });
    const err = await failure(client({ credentials: STS }).describeGateway(REGION, GW));
    expect(err.code).toBe('Forbidden');
    expect(logLines).toHaveLength(2);
    expectClean(err, bannedFor(STS.accessKeySecret, [STS.securityToken]));
    expect(err.message).toContain('denied');
  });

  it('an unknown key: a fixed message and a hint', async () => {
    const err = await failure(client({ credentials: { accessKeyId: 'LTAInotknown', accessKeySecret: 'whatever-secret' } }).describeGateway(REGION, GW));
    expect(err.body).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', httpStatus: 404 });
    expect(err.body.hint).toMatch(/AccessKey/);
  });
});
