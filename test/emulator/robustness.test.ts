// The HTTP front end under abuse: malformed and huge bodies, odd methods, concurrency, keep-alive and shutdown.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { clientFor, NEW_ROUTE, PRIORITY_GW, postRaw, REGION, signedForm, withEmulator } from './helpers.js';

const GATEWAY = { RegionId: REGION, VpnGatewayId: PRIORITY_GW };
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('HTTP front end', () => {
  it('answers a malformed body with a JSON API error', async () => {
    await withEmulator(undefined, async (emulator) => {
      const answer = await postRaw(emulator, '%%%&&==\u0000garbage=%zz');
      expect(answer.status).toBe(400);
      expect(answer.json?.Code).toBe('MissingAccessKeyId');
      expect(answer.json?.RequestId).toMatch(REQUEST_ID);
    });
  });

  it('refuses a body over 1 MB with 413 and keeps serving', async () => {
    await withEmulator(undefined, async (emulator) => {
      const answer = await postRaw(emulator, `Description=${'a'.repeat(2 * 1024 * 1024)}`);
      expect([answer.status, answer.json?.Code]).toEqual([413, 'RequestBodyTooLarge']);
      await expect(clientFor(emulator)('DescribeVpnGateway', GATEWAY)).resolves.toHaveProperty('Status');
    });
  });

  it('refuses a body that is not form-encoded, other methods, other paths and repeated parameters', async () => {
    await withEmulator(undefined, async (emulator) => {
      const json = await postRaw(emulator, JSON.stringify({ Action: 'DescribeVpnGateway' }), 'application/json');
      expect([json.status, json.json?.Code]).toEqual([415, 'UnsupportedMediaType']);
      const put = await fetch(`${emulator.url}/`, { method: 'PUT', body: 'x' });
      expect([put.status, ((await put.json()) as { Code: string }).Code]).toEqual([405, 'UnsupportedHTTPMethod']);
      const path = await fetch(`${emulator.url}/api?${signedForm('DescribeVpnGateway', GATEWAY, { method: 'GET' })}`);
      expect(path.status).toBe(404);
      const repeated = await postRaw(emulator, `${signedForm('DescribeVpnGateway', GATEWAY)}&RegionId=cn-beijing`);
      expect([repeated.status, repeated.json?.Code]).toEqual([400, 'InvalidParameter']);
    });
  });

  it('serves many concurrent clients consistently', async () => {
    await withEmulator({ applyMs: 0, quota: 100 }, async (emulator) => {
      const call = clientFor(emulator);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => call('CreateVpnPbrRouteEntry', { ...NEW_ROUTE, RouteSource: `172.16.${i}.0/24` })),
      );
      expect(new Set(answers.map((a) => a.RequestId)).size).toBe(40);
      expect(emulator.routes(PRIORITY_GW)).toHaveLength(42);
    });
  });

  it('adds latencyMs to every answer', async () => {
    const emulator = await startEmulator({ latencyMs: 120 });
    try {
      const started = Date.now();
      await clientFor(emulator)('DescribeVpnGateway', GATEWAY);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      await emulator.close();
    }
  });

  it('closes promptly with an idle keep-alive socket and a request left hanging', async () => {
    const emulator = await startEmulator();
    const call = clientFor(emulator);
    await call('DescribeVpnGateway', GATEWAY); // leaves a pooled keep-alive socket open
    emulator.faults.inject('DescribeVpnConnections', { kind: 'lose-answer' });
    emulator.faults.inject('DescribeVpnGateway', { kind: 'hang', ms: 60_000 });
    const lost = call('DescribeVpnConnections', { RegionId: REGION }, { timeout: 60_000 }).catch((e: Error) => e);
    const hung = call('DescribeVpnGateway', GATEWAY, { timeout: 60_000 }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await emulator.close();
    await emulator.close(); // a second close is harmless
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await lost).toBeInstanceOf(Error);
    expect(await hung).toBeInstanceOf(Error);
  });

  it('keeps a connection alive across requests', async () => {
    await withEmulator(undefined, async (emulator) => {
      const { port } = emulator;
      const ports = new Set<number>();
      const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; i < 3; i++) {
        const body = signedForm('DescribeVpnGateway', GATEWAY);
        await new Promise<void>((resolve, reject) => {
          const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/', agent, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
            ports.add(req.socket?.localPort ?? -1);
            res.resume();
            res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(String(res.statusCode)))));
          });
          req.on('error', reject);
          req.end(body);
        });
      }
      agent.destroy();
      expect(ports.size).toBe(1);
    });
  });
});
