// One client, and so one pool of keep-alive connections, per endpoint: later calls reuse the first call's
// connections (against the real API each new one costs a TLS handshake).
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPopVpcClient, type PopVpcClient } from '../../src/cloud/pop-vpc-client.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

const KEY = { accessKeyId: 'LTAI5tConnectionsKey01', accessKeySecret: 'connections-secret-0123456789' };
const GW = 'vpn-connections000001';
const VCO = 'vco-connections000001';

let emulator: RunningEmulator;
let proxy: Server;
let accepted = 0;
const sockets = new Set<Socket>();
let client: PopVpcClient;

beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      credentials: [KEY],
      gateways: [{ id: GW, regionId: 'cn-hangzhou', pbrPriority: true }],
      connections: [{ id: VCO, gatewayId: GW }],
      routes: Array.from({ length: 120 }, (_, i) => ({ vpnGatewayId: GW, routeSource: `10.0.${i}.0/24`, routeDest: '172.16.0.0/24', nextHop: VCO, weight: 100, publishVpc: false })),
    },
    port: 0,
  });
  // A TCP relay in front of the emulator that counts the connections the client opens.
  proxy = createServer((socket) => {
    accepted += 1;
    const upstream = connect(emulator.port, '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('no proxy port');
  client = createPopVpcClient({ credentials: KEY, endpoint: `http://127.0.0.1:${address.port}` });
});

afterAll(async () => {
  client.close();
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await emulator.close();
});

// What validateRoute asks: the gateway, the next hop and every page of the route list, concurrently.
async function lookUps(): Promise<void> {
  const [, , routes] = await Promise.all([
    client.describeGateway('cn-hangzhou', GW),
    client.describeConnection('cn-hangzhou', VCO),
    client.listPbrRoutes('cn-hangzhou', GW),
  ]);
  expect(routes).toHaveLength(120);
}

it('later calls reuse the connections of the first ones', async () => {
  await lookUps();
  // The first call reads the route list's first page alone; the second asks for all its pages at once.
  await lookUps();
  const pool = accepted;
  // Fewer connections than the 2 × 5 requests made: free connections were reused already.
  expect(pool).toBeGreaterThan(0);
  expect(pool).toBeLessThanOrEqual(5);
  for (let i = 0; i < 3; i++) await lookUps();
  expect(accepted).toBe(pool);
});
