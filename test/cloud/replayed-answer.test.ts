// What tells an original answer replayed by the API from a new one: the create's CreateTime against the API's
// own clock (its Date header), through the real pop-core against the emulator, whose clock is moved on here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopVpcClient, type PopVpcClient } from '../../src/cloud/pop-vpc-client.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

const KEY = { accessKeyId: 'LTAI5tReplayKey0001', accessKeySecret: 'replay-secret-0123456789abcdef' };
const GW = 'vpn-replay0gw01';
const ROUTE = { regionId: 'cn-hangzhou', vpnGatewayId: GW, routeSource: '192.168.1.0/24', routeDest: '10.0.0.0/24', nextHop: 'vco-replay0a1', weight: 100, publishVpc: true };

let clock = Date.now();
let emulator: RunningEmulator;
let client: PopVpcClient;
beforeAll(async () => {
  emulator = await startEmulator({
    seed: { credentials: [KEY], applyMs: 0, gateways: [{ id: GW, pbrPriority: true }], connections: [{ id: 'vco-replay0a1', gatewayId: GW }] },
    now: () => clock,
  });
  client = createPopVpcClient({ credentials: KEY, endpoint: emulator.url, maxAttempts: 1 });
});
afterAll(async () => {
  client.close();
  await emulator.close();
});

describe('a create answer carries the API clock', () => {
  it('answeredAt is the Date header; a repeated ClientToken answers the original CreateTime, later on that clock', async () => {
    const first = await client.createPbrRoute({ ...ROUTE, clientToken: 'replay-token-1' });
    expect(first.createTime).toBe(clock);
    expect(first.answeredAt).toBe(Math.floor(clock / 1000) * 1000);
    clock += 90_000; // still within the 15 minutes the signature check allows
    const again = await client.createPbrRoute({ ...ROUTE, clientToken: 'replay-token-1' });
    expect(again.createTime).toBe(first.createTime);
    expect(again.answeredAt).toBe(Math.floor(clock / 1000) * 1000);
    expect(emulator.routes(GW)).toHaveLength(1);
  });
});
