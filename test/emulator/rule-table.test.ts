// The fixture table of route rules against both sides: the emulator (a DryRun create over HTTP) and validateRoute
// (in-process, its live checks against the same emulator). Each side is written from Alibaba's rules on its own.
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopVpcClient } from '../../src/cloud/pop-vpc-client.js';
import { resolveConfig } from '../../src/config.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { createServer } from '../../src/server.js';
import { clientFor, DEMO_KEY, failureOf } from './helpers.js';
import { BASE, DUAL_TUNNEL_CASES, RULE_CASES, RULE_SEED, type RuleCase } from './rule-cases.js';

let emulator: RunningEmulator;
let mcp: Client;
beforeAll(async () => {
  emulator = await startEmulator({ seed: RULE_SEED });
  const cloud = createPopVpcClient({ credentials: DEMO_KEY, endpoint: emulator.url, maxAttempts: 1 });
  const server = createServer({ config: resolveConfig([], {}), cloud });
  mcp = new Client({ name: 'rule-table', version: '0' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), mcp.connect(b)]);
});
afterAll(async () => {
  await mcp.close();
  await emulator.close();
});

const toParams = (route: RuleCase['route']) => {
  const r = { ...BASE, ...route };
  return {
    RegionId: r.regionId,
    VpnGatewayId: r.vpnGatewayId,
    RouteSource: r.routeSource,
    RouteDest: r.routeDest,
    NextHop: r.nextHop,
    Weight: r.weight,
    PublishVpc: r.publishVpc,
    ...(r.priority === undefined ? {} : { Priority: r.priority }),
    ...(r.description === undefined ? {} : { Description: r.description }),
    ...(r.overlayMode === undefined ? {} : { OverlayMode: r.overlayMode }),
    DryRun: true,
  };
};

async function validatorCodes(route: RuleCase['route']): Promise<{ valid: boolean; errors: string[] }> {
  const result = await mcp.callTool({ name: 'validateRoute', arguments: { ...BASE, ...route } });
  const body = result.structuredContent as { valid?: boolean; issues?: { code: string; severity: string }[] };
  return { valid: body.valid === true, errors: (body.issues ?? []).filter((i) => i.severity === 'error').map((i) => i.code) };
}

describe.each([
  ['documented rules', RULE_CASES],
  ['dual-tunnel rules', DUAL_TUNNEL_CASES],
])('route rule table: %s', (_title, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('the emulator answers %s as the API does', async (_name, c) => {
    expect((await failureOf(clientFor(emulator)('CreateVpnPbrRouteEntry', toParams(c.route)))).code).toBe(c.alibaba);
  });

  it.each(cases.map((c) => [c.name, c] as const))('validateRoute agrees on %s (or differs where the table says why)', async (_name, c) => {
    const expected = c.validator?.code ?? c.alibaba;
    const { valid, errors } = await validatorCodes(c.route);
    if (expected === 'DryRunOperation' || expected === 'valid') expect({ valid, errors }).toEqual({ valid: true, errors: [] });
    else expect(errors).toContain(expected);
  });
});
