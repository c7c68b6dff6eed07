// What operators ask for before letting an agent near a network: allowlists, audit log, human confirmation,
// one change per gateway, read-only mode, and junk input that never breaks anything.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE, SECRET, STS_TOKEN } from './fixtures.js';
import { body, emulatorEnv, nonJsonRpcStdout, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);
const { realCreates } = emulated;

describe('read-only mode', () => {
  it('lists only the read-only tools, and a call to the create tool is refused as a structured error', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_READ_ONLY: 'true' }) });
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['validateRoute', 'listVpnPbrRoutes', 'listVpnGateways', 'describeVpnGateway']);
    const result = await session.client.callTool({ name: 'createVpnPbrRoute', arguments: GOOD_ROUTE });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: 'ReadOnlyMode', source: 'policy' }, routeCreated: false });
    expect(body(await session.call('validateRoute', GOOD_ROUTE)).valid).toBe(true);
    expect(emulated.get().requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry')).toHaveLength(0);
    await session.close();
  });
});

describe('allowlists', () => {
  it('refuses a route outside them before any API call, and validateRoute reports the same codes', async () => {
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_ALLOWED_REGIONS: 'cn-shanghai', VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-e2elegacy01' }),
    });
    const create = await session.call('createVpnPbrRoute', GOOD_ROUTE);
    expect(create.isError).toBe(true);
    expect(body(create).error).toMatchObject({ code: 'RegionNotAllowed', source: 'policy' });
    expect(body(create).error.issues.map((i: { code: string }) => i.code)).toEqual(['RegionNotAllowed', 'GatewayNotAllowed']);
    expect(body(create).routeCreated).toBe(false);

    const validated = body(await session.call('validateRoute', GOOD_ROUTE));
    expect(validated.valid).toBe(false);
    expect(validated.issues.map((i: { code: string }) => i.code)).toEqual(['RegionNotAllowed', 'GatewayNotAllowed']);
    expect(emulated.get().requests).toHaveLength(0);
    await session.close();
  });

  it('refuses to list the routes of a region or gateway outside them, before any API call', async () => {
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_ALLOWED_REGIONS: 'cn-hangzhou', VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-e2elegacy01' }),
    });
    const gateway = body(await session.call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2eprio01' }));
    expect(gateway.error).toMatchObject({ code: 'GatewayNotAllowed', source: 'policy', field: 'vpnGatewayId' });
    const region = body(await session.call('listVpnPbrRoutes', { regionId: 'cn-shanghai', vpnGatewayId: 'vpn-e2elegacy01' }));
    expect(region.error).toMatchObject({ code: 'RegionNotAllowed', source: 'policy', field: 'regionId' });
    expect(emulated.get().requests).toHaveLength(0);
    expect(body(await session.call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2elegacy01' })).routes).toEqual([]);
    await session.close();
  });

  it('never names a gateway or region outside them, not even one the API answers with', async () => {
    const hidden = ['vpn-e2elegacy01', 'vpn-e2elocked01', 'cn-shanghai'];
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_ALLOWED_REGIONS: 'cn-hangzhou', VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-e2eprio01' }),
    });
    const answers: unknown[] = [];
    // The next hop is a connection of a hidden gateway: the answer says it is not this gateway's, not whose it is.
    const validated = await session.call('validateRoute', { ...GOOD_ROUTE, nextHop: 'vco-e2elegacy1' });
    expect(body(validated).issues).toEqual([expect.objectContaining({ code: 'InvalidNextHop.NotFound', message: expect.stringMatching(/belongs to another gateway, not to vpn-e2eprio01/) })]);
    answers.push(validated, await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, nextHop: 'vco-e2elegacy1' }));
    // API messages that name what the allowlists hide.
    const leak = 'The NextHop vco-e2elegacy1 belongs to vpn-e2elegacy01 (cn-shanghai), see vpn-e2elocked01.';
    emulated.get().faults.inject('DescribeVpnConnection', { kind: 'error', code: 'Forbidden', message: leak });
    const warned = await session.call('validateRoute', GOOD_ROUTE);
    expect(body(warned).issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('belongs to') })]);
    answers.push(warned);
    emulated.get().faults.inject('DescribeVpnPbrRouteEntries', { kind: 'error', code: 'Forbidden', message: leak });
    answers.push(await session.call('listVpnPbrRoutes', { vpnGatewayId: 'vpn-e2eprio01' }));
    emulated.get().faults.inject('CreateVpnPbrRouteEntry', { kind: 'error', code: 'InvalidNextHop.NotFound', message: leak });
    answers.push(await session.call('createVpnPbrRoute', GOOD_ROUTE));
    answers.push(
      await session.call('listVpnGateways', {}),
      await session.call('describeVpnGateway', { vpnGatewayId: 'vpn-e2eprio01' }),
      await session.call('createVpnPbrRoute', GOOD_ROUTE),
    );
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      for (const name of hidden) expect(text).not.toContain(name);
    }
    expect(JSON.stringify(answers)).toContain('vpn-e2eprio01');
    await session.close();
  });

  it('lets an allowed route through', async () => {
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_ALLOWED_REGIONS: 'cn-hangzhou', VPN_PBR_MCP_ALLOWED_GATEWAYS: 'vpn-e2eprio01,vpn-x1' }),
    });
    expect(body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).status).toBe('dry_run_passed');
    await session.close();
  });
});

describe('audit log', () => {
  it('writes one JSON line per validate, dry run and create, mode 0600, with no secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbr-audit-'));
    const file = join(dir, 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_AUDIT_LOG: file }), clientName: 'audit-client' });
    await session.call('validateRoute', GOOD_ROUTE);
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const created = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
    expect(created.status).toBe('created');
    await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, routeDest: '10.9.9.9/8' });
    await session.close();

    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(STS_TOKEN);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => `${l.phase}:${l.outcome}`)).toEqual([
      'validate:valid',
      'dry_run:dry_run_passed',
      'create:sending',
      'create:created',
      'dry_run:refused',
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({ tool: expect.any(String), client: { name: 'audit-client', version: '1.2.3' } });
      expect(Date.parse(line.time)).not.toBeNaN();
      expect(line.durationMs).toEqual(expect.any(Number));
      expect(line.route).toMatchObject({ vpnGatewayId: 'vpn-e2eprio01', regionId: 'cn-hangzhou' });
    }
    expect(lines[3].clientToken).toBe(realCreates()[0]?.params.ClientToken);
    expect(lines[3].requestIds.length).toBeGreaterThanOrEqual(2);
    expect(lines[4].errorCode).toBe('ValidationFailed');
  });
  // Failing closed when the line cannot be written: test/e2e/audit-file.test.ts.
});

describe('human confirmation through elicitation', () => {
  it('asks the user with the route details; decline sends nothing', async () => {
    const asked: string[] = [];
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED),
      capabilities: { elicitation: {} },
      onElicit: (message) => {
        asked.push(message);
        return { action: 'decline' };
      },
    });
    const route = { ...GOOD_ROUTE, priority: 7, description: 'to the branch office', overlayMode: 'Ipsec' };
    const token = body(await session.call('createVpnPbrRoute', route)).confirmationToken;
    const result = await session.call('createVpnPbrRoute', { ...route, confirmationToken: token });
    expect(body(result).error).toMatchObject({ code: 'ConfirmationDeclined', source: 'confirmation' });
    expect(body(result).routeCreated).toBe(false);
    expect(realCreates()).toHaveLength(0);
    expect(asked).toHaveLength(1);
    for (const detail of ['cn-hangzhou', 'vpn-e2eprio01', '192.168.1.0/24 -> 10.0.0.0/24', 'vco-e2ea1', 'Weight: 100', 'Priority: 7', 'Publish to VPC route table: yes', 'Description: "to the branch office"', 'Overlay mode: Ipsec', 'not the sandbox']) {
      expect(asked[0]).toContain(detail);
    }
    await session.close();
  });

  it('creates when the user accepts; clients without the capability keep working with the token alone', async () => {
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED),
      capabilities: { elicitation: {} },
      onElicit: () => ({ action: 'accept', content: { confirm: true } }),
    });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    expect(body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token })).status).toBe('created');
    await session.close();
  });
});

describe('human confirmation: answers that are not a yes', () => {
  it('refuses when the client answers the form with something else than a boolean, and sends nothing', async () => {
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED),
      capabilities: { elicitation: {} },
      onElicit: () => ({ action: 'accept', content: { confirm: 'yes' } }),
    });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(result).error).toMatchObject({ code: 'ConfirmationNotObtained', source: 'confirmation' });
    expect(body(result).routeCreated).toBe(false);
    expect(realCreates()).toHaveLength(0);
    await session.close();
  });

  it('treats an accepted form with confirm=false as a decline', async () => {
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED),
      capabilities: { elicitation: { form: {} } },
      onElicit: () => ({ action: 'accept', content: { confirm: false } }),
    });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const result = await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token });
    expect(body(result).error.code).toBe('ConfirmationDeclined');
    expect(realCreates()).toHaveLength(0);
    await session.close();
  });

  it('does not ask a client that can only open URLs, and creates with the token alone', async () => {
    let asked = 0;
    const session = await startSession({
      env: emulatorEnv(emulated.get(), E2E_SEED),
      capabilities: { elicitation: { url: {} } },
      onElicit: () => {
        asked++;
        return { action: 'decline' };
      },
    });
    const token = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    expect(body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token })).status).toBe('created');
    expect(asked).toBe(0);
    await session.close();
  });
});

describe('one change per gateway at a time', () => {
  it('queues concurrent creates on one gateway so none is sent while it is updating', async () => {
    const slow = await startEmulator({ seed: { ...E2E_SEED, applyMs: 800 }, port: 0 });
    const session = await startSession({ env: emulatorEnv(slow, E2E_SEED, { VPN_PBR_MCP_WAIT_SECONDS: '0' }) });
    const routes = [
      { ...GOOD_ROUTE, routeDest: '10.1.0.0/24' },
      { ...GOOD_ROUTE, routeDest: '10.2.0.0/24' },
      { ...GOOD_ROUTE, routeDest: '10.3.0.0/24' },
    ];
    const tokens = await Promise.all(routes.map(async (r) => body(await session.call('createVpnPbrRoute', r)).confirmationToken));
    const results = await Promise.all(routes.map((r, i) => session.call('createVpnPbrRoute', { ...r, confirmationToken: tokens[i] })));
    expect(results.map((r) => body(r).status)).toEqual(['submitted', 'submitted', 'submitted']);
    const sent = slow.requests.filter((r) => r.action === 'CreateVpnPbrRouteEntry' && r.params.DryRun !== 'true');
    // Each create went out once, and only after the previous change had been applied.
    expect(sent).toHaveLength(3);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(800);
    expect(slow.routes('vpn-e2eprio01')).toHaveLength(4);
    await session.close();
    await slow.close();
  });
});

describe('junk input', () => {
  it('answers arbitrary arguments to every tool with a well-formed result, creates nothing, and stays up', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED, { VPN_PBR_MCP_MAX_ATTEMPTS: '1' }) });
    const routeLike = fc.record(
      {
        regionId: fc.oneof(fc.constant('cn-hangzhou'), fc.string()),
        vpnGatewayId: fc.oneof(fc.constant('vpn-e2eprio01'), fc.string(), fc.integer()),
        routeSource: fc.oneof(fc.constant('192.168.1.0/24'), fc.string(), fc.ipV4()),
        routeDest: fc.oneof(fc.constant('10.0.0.0/24'), fc.string(), fc.ipV4().map((ip) => `${ip}/24`)),
        nextHop: fc.oneof(fc.constant('vco-e2ea1'), fc.string()),
        weight: fc.oneof(fc.constantFrom(0, 100), fc.double(), fc.string()),
        publishVpc: fc.oneof(fc.boolean(), fc.string()),
        description: fc.string({ maxLength: 130 }),
        priority: fc.oneof(fc.integer({ min: -5, max: 105 }), fc.double()),
        confirmationToken: fc.string(),
        clientToken: fc.string({ maxLength: 80 }),
      },
      { requiredKeys: [] },
    );
    const args = fc.oneof(routeLike, fc.dictionary(fc.string(), fc.jsonValue()), fc.object());
    const tool = fc.constantFrom('validateRoute', 'createVpnPbrRoute', 'listVpnPbrRoutes');
    await fc.assert(
      fc.asyncProperty(tool, args, async (name, input) => {
        const result = await session.call(name, input);
        const b = body(result);
        expect(typeof b.summary).toBe('string');
        expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(b);
        if (result.isError) {
          expect(b.error).toMatchObject({ code: expect.any(String), message: expect.any(String), source: expect.any(String) });
          if (name === 'createVpnPbrRoute') expect(b.routeCreated).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
    expect(realCreates()).toHaveLength(0);
    // Still alive and answering.
    expect(body(await session.call('validateRoute', GOOD_ROUTE)).valid).toBe(true);
    await session.close();
    expect(nonJsonRpcStdout(session.stdout())).toEqual([]);
  });
});
