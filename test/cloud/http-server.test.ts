// pop-core against a tiny HTTP server of our own: what goes on the wire, and odd answers the emulator does not make.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPopVpcClient, type PopVpcClient, type PopVpcClientOptions } from '../../src/cloud/pop-vpc-client.js';
import { USER_AGENT_PRODUCT } from '../../src/version.js';

interface Seen {
  method: string;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
}
type Reply = { status?: number; body: string; contentType?: string } | 'hold';

interface RawServer {
  url: string;
  seen: Seen[];
  release(): void;
  close(): Promise<void>;
}

const open: { server: Server; client?: PopVpcClient }[] = [];

async function rawServer(reply: (seen: Seen, index: number) => Reply): Promise<RawServer> {
  const seen: Seen[] = [];
  const held: (() => void)[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const entry: Seen = {
        method: req.method ?? '',
        headers: req.headers,
        params: Object.fromEntries(new URLSearchParams(body)),
      };
      seen.push(entry);
      const answer = (r: Exclude<Reply, 'hold'>) => {
        res.writeHead(r.status ?? 200, { 'content-type': r.contentType ?? 'application/json' });
        res.end(r.body);
      };
      const r = reply(entry, seen.length - 1);
      if (r === 'hold') held.push(() => answer(reply(entry, -1) as Exclude<Reply, 'hold'>));
      else answer(r);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ server });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    release: () => {
      for (const fn of held.splice(0)) fn();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const CREDS = { accessKeyId: 'LTAItestid', accessKeySecret: 'raw-secret-value' };

function client(url: string, extra: Partial<PopVpcClientOptions> = {}): PopVpcClient {
  const c = createPopVpcClient({ credentials: CREDS, endpoint: url, backoff: { baseMs: 1, capMs: 2 }, timeoutMs: 2000, ...extra });
  const last = open[open.length - 1];
  if (last) last.client = c;
  return c;
}

afterEach(async () => {
  for (const { server, client: c } of open.splice(0)) {
    c?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const ROUTE = {
  regionId: 'cn-hangzhou',
  vpnGatewayId: 'vpn-raw1',
  routeSource: '192.168.1.0/24',
  routeDest: '10.0.0.0/24',
  nextHop: 'vco-raw1',
  weight: 100,
  publishVpc: true,
};

const created = JSON.stringify({ RequestId: 'REQ-1', VpnInstanceId: 'vpn-raw1', RouteSource: '192.168.1.0/24',
  RouteDest: '10.0.0.0/24', NextHop: 'vco-raw1', Weight: 100, Priority: 10, State: 'published' }).replace(
  '}', ',"CreateTime":12345678901234567890}');

describe('on the wire', () => {
  it('POSTs PascalCase parameters, drops omitted ones, and sends our product before pop-core in the user agent', async () => {
    const srv = await rawServer(() => ({ body: created }));
    const result = await client(srv.url).createPbrRoute({ ...ROUTE, clientToken: 'tok-1', description: 'office' });
    expect(result).toMatchObject({ requestId: 'REQ-1', vpnInstanceId: 'vpn-raw1', weight: 100, priority: 10, state: 'published' });
    // json-bigint returns the 20-digit number as a BigNumber; it must come out as a number.
    expect(typeof result.createTime).toBe('number');
    expect(result.createTime).toBe(Number('12345678901234567890'));

    const [req] = srv.seen;
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.headers['user-agent']).toMatch(new RegExp(`^${USER_AGENT_PRODUCT.replace(/[./]/g, '\\$&')} AlibabaCloud \\(`));
    expect(req?.headers['x-acs-action']).toBe('CreateVpnPbrRouteEntry');
    expect(req?.headers['x-acs-version']).toBe('2016-04-28');
    expect(req?.headers['x-sdk-client']).toContain('@alicloud/pop-core');
    expect(req?.params).toMatchObject({
      Action: 'CreateVpnPbrRouteEntry', RegionId: 'cn-hangzhou', ClientToken: 'tok-1', VpnGatewayId: 'vpn-raw1',
      RouteSource: '192.168.1.0/24', RouteDest: '10.0.0.0/24', NextHop: 'vco-raw1', Weight: '100',
      PublishVpc: 'true', Description: 'office', AccessKeyId: 'LTAItestid',
    });
    expect(Object.keys(req?.params ?? {})).not.toEqual(expect.arrayContaining(['Priority']));
    for (const key of ['Priority', 'OverlayMode', 'DryRun', 'OwnerId', 'ResourceOwnerId', 'ResourceOwnerAccount', 'OwnerAccount']) {
      expect(req?.params, key).not.toHaveProperty(key);
    }
    expect(JSON.stringify(req?.params)).not.toContain('undefined');
  });

  it('sends booleans as true/false and a security token from a credentials provider', async () => {
    const srv = await rawServer(() => ({ status: 400, body: JSON.stringify({ Code: 'DryRunOperation', RequestId: 'DRY-1', Message: 'ok' }) }));
    let calls = 0;
    const c = client(srv.url, {
      credentials: {
        async getCredentials() {
          calls++;
          return { accessKeyId: 'LTAIsts', accessKeySecret: 'sts-secret', securityToken: 'sts-token' };
        },
      },
    });
    await expect(c.createPbrRoute({ ...ROUTE, publishVpc: false, dryRun: true })).resolves.toEqual({ dryRun: true, requestId: 'DRY-1' });
    expect(calls).toBe(1);
    expect(srv.seen[0]?.params).toMatchObject({ PublishVpc: 'false', DryRun: 'true', SecurityToken: 'sts-token', AccessKeyId: 'LTAIsts' });
  });

  it('refuses a credentials provider that yields no secret, without sending anything', async () => {
    const srv = await rawServer(() => ({ body: '{}' }));
    const c = client(srv.url, { credentials: { getCredentials: async () => ({ accessKeyId: 'x', accessKeySecret: '' }) } });
    await expect(c.describeGateway('cn-hangzhou', 'vpn-1')).rejects.toMatchObject({ code: 'CredentialsMissing', body: { source: 'config' } });
    expect(srv.seen).toHaveLength(0);
  });

  it('rejects a malformed regionId before any request', async () => {
    const srv = await rawServer(() => ({ body: '{}' }));
    await expect(client(srv.url).describeGateway('evil.com/x', 'vpn-1')).rejects.toMatchObject({ code: 'InvalidParameter.RegionId' });
    expect(srv.seen).toHaveLength(0);
  });
});

describe('odd answers', () => {
  it('treats a JSON 5xx without Code as ServiceUnavailable and retries it', async () => {
    const srv = await rawServer((_, i) => (i === 0 ? { status: 503, body: '{"RequestId":"R-503"}' } : { body: created }));
    const result = await client(srv.url).createPbrRoute({ ...ROUTE, clientToken: 'tok-5xx' });
    expect(result.requestId).toBe('REQ-1');
    expect(srv.seen.map((s) => s.params.ClientToken)).toEqual(['tok-5xx', 'tok-5xx']);
  });

  it('surfaces a JSON 5xx without Code as ServiceUnavailable once attempts run out', async () => {
    const srv = await rawServer(() => ({ status: 500, body: '{"RequestId":"R-500"}' }));
    await expect(client(srv.url, { maxAttempts: 2 }).describeGateway('cn-hangzhou', 'vpn-1')).rejects.toMatchObject({
      code: 'ServiceUnavailable', retryable: true, body: { httpStatus: 500, requestId: 'R-500' },
    });
    expect(srv.seen).toHaveLength(2);
  });

  it("treats a proxy's HTML error page as a retryable InvalidResponse without echoing it", async () => {
    const srv = await rawServer(() => ({ status: 502, body: '<html>Bad Gateway raw-secret-value</html>', contentType: 'text/html' }));
    const err = await client(srv.url, { maxAttempts: 3 }).describeGateway('cn-hangzhou', 'vpn-1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidResponse', retryable: true, body: { source: 'network' } });
    expect(JSON.stringify(err)).not.toContain('Bad Gateway');
    expect(srv.seen).toHaveLength(3);
  });

  it('reports an API that ignored DryRun (answered a success) as DryRunIgnored, never as a passed dry run', async () => {
    const srv = await rawServer(() => ({ body: created }));
    await expect(client(srv.url).createPbrRoute({ ...ROUTE, dryRun: true })).rejects.toMatchObject({
      code: 'DryRunIgnored', retryable: false, body: { source: 'cloud', requestId: 'REQ-1' },
    });
    expect(srv.seen.map((s) => s.params.DryRun)).toEqual(['true']);
  });

  it('does not retry a JSON 4xx without Code', async () => {
    const srv = await rawServer(() => ({ status: 404, body: '{"nothing":"here"}' }));
    await expect(client(srv.url).describeGateway('cn-hangzhou', 'vpn-1')).rejects.toMatchObject({ code: 'InvalidResponse', retryable: false });
    expect(srv.seen).toHaveLength(1);
  });

  it('tolerates a missing or garbage Tag and reads PbrPriority from a Tag string', async () => {
    const tags = [undefined, 'not json', '{"PbrPriority":"true"}', '{"PbrPriority":"false"}'];
    const srv = await rawServer((_, i) => ({
      body: JSON.stringify({ RequestId: `G${i}`, VpnGatewayId: 'vpn-1', Status: 'active', BusinessStatus: 'Normal', Tag: tags[i] }),
    }));
    const c = client(srv.url);
    const got = [];
    for (let i = 0; i < tags.length; i++) got.push((await c.describeGateway('cn-hangzhou', 'vpn-1')).pbrPriority);
    expect(got).toEqual([false, false, true, false]);
  });
});

describe('paging', () => {
  it('fetches pages 2..n at the same time, after page 1', async () => {
    const entry = (n: number) => ({ RouteSource: `10.${n}.0.0/24`, RouteDest: '172.16.0.0/24', NextHop: 'vco-1', Weight: 100, VpnInstanceId: 'vpn-1' });
    const page = (p: number, size: number) =>
      JSON.stringify({ RequestId: `P${p}`, TotalCount: 120, PageNumber: p, PageSize: 50,
        VpnPbrRouteEntries: { VpnPbrRouteEntry: Array.from({ length: size }, (_, i) => entry((p - 1) * 50 + i)) } });
    let inFlight = 0;
    const srv = await rawServer((seen, i) => {
      const p = Number(seen.params.PageNumber);
      if (i >= 0 && p > 1) {
        // Answer the later pages only once both are waiting: a sequential pager would time out here.
        inFlight++;
        if (inFlight === 2) setImmediate(() => srv.release());
        return 'hold';
      }
      return { body: page(p, p === 3 ? 20 : 50) };
    });
    const routes = await client(srv.url, { maxAttempts: 1 }).listPbrRoutes('cn-hangzhou', 'vpn-1');
    expect(routes).toHaveLength(120);
    expect(routes.map((r) => r.routeSource)).toEqual(Array.from({ length: 120 }, (_, n) => `10.${n}.0.0/24`));
    expect(srv.seen[0]?.params.PageNumber).toBe('1');
    expect(srv.seen.map((s) => s.params.PageSize)).toEqual(['50', '50', '50']);
    expect(srv.seen.slice(1).map((s) => s.params.PageNumber).sort()).toEqual(['2', '3']);
  });
});
