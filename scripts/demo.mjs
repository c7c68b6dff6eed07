// The main job on a fresh machine: drive the BUILT server over stdio in sandbox mode, as an agent would.
// Run with `npm run demo`. Prints a readable transcript; exits non-zero if any step does not behave.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, 'dist/index.js');

const say = (text = '') => process.stdout.write(`${text}\n`);
const step = (n, text) => say(`\n── ${n}. ${text}`);
const show = (value) => say(JSON.stringify(value, null, 2).replace(/^/gm, '   '));

// A fresh demo account each run, in a state file of its own: the demo never depends on what an earlier
// sandbox did, and never touches the user's sandbox (the default state file under their cache directory).
const stateDir = mkdtempSync(join(tmpdir(), 'alicloud-vpn-pbr-mcp-demo-'));
process.on('exit', () => rmSync(stateDir, { recursive: true, force: true }));

function expect(condition, what) {
  if (!condition) {
    say(`\n✗ demo failed: ${what}`);
    process.exit(1);
  }
}

// Besides the SDK's safe defaults (PATH, HOME, …), only what locates the user's cache: no credentials, no settings.
const passed = ['XDG_CACHE_HOME', 'LOCALAPPDATA'];
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [entry, '--sandbox', '--sandbox-state', join(stateDir, 'sandbox.json')],
  env: {
    ...Object.fromEntries(passed.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]])),
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  },
  stderr: 'pipe',
});
const client = new Client({ name: 'demo-agent', version: '1.0.0' });
await client.connect(transport);

const call = async (name, args) => {
  const result = await client.callTool({ name, arguments: args });
  expect(result.structuredContent?.sandbox === true, `${name} says "sandbox": true`);
  return { isError: result.isError === true, body: result.structuredContent };
};

say('alicloud-vpn-pbr-mcp demo: an agent adds a policy-based route in the sandbox account, then rolls it back.');
say('Nothing here reaches Alibaba Cloud: the server runs its built-in VPC emulator (--sandbox), with its own');
say('temporary sandbox state, so your own sandbox (the one Claude Desktop or the Inspector use) is left alone.');

step(1, 'tools/list');
const { tools } = await client.listTools();
for (const tool of tools) {
  const a = tool.annotations ?? {};
  say(`   ${tool.name.padEnd(18)} readOnly=${a.readOnlyHint} destructive=${a.destructiveHint}  ${tool.title}`);
}
// A host that honours MCP Apps visibility offers the model every tool but the approval card's button.
const offered = tools.filter((t) => t._meta?.ui?.visibility?.includes('model') ?? true);
expect(offered.length === tools.length - 1, 'every tool but the approval card\'s button is offered to the model');

step('1a', 'listVpnGateways: the region\'s gateways');
const gateways = await call('listVpnGateways', {});
say(`   ${gateways.body.summary}`);
const gateway = gateways.body.gateways.find((g) => g.pbrPriority)?.vpnGatewayId;
expect(gateway === 'vpn-sandbox0priority01', 'the gateway with route priorities is listed');

step('1b', 'describeVpnGateway: its IPsec connections are the valid next hops');
const described = await call('describeVpnGateway', { vpnGatewayId: gateway });
say(`   ${described.body.summary}`);
expect(described.body.connections.some((c) => c.vpnConnectionId === 'vco-sandbox0tunnel0a1'), 'the next hop is one of its connections');
const broken = {
  vpnGatewayId: gateway,
  routeSource: '192.168.20.0/24',
  routeDest: '10.30.0.5/24',
  nextHop: 'vco-sandbox0tunnel0a1',
  weight: 50,
  publishVpc: true,
  priority: 0,
};
step(2, 'validateRoute with a broken route (host bits, weight 50, priority 0)');
const invalid = await call('validateRoute', broken);
say(`   ${invalid.body.summary}`);
for (const issue of invalid.body.issues) say(`   - ${issue.code} (${issue.field}): ${issue.message}${issue.hint ? ` → ${issue.hint}` : ''}`);
expect(!invalid.isError && invalid.body.valid === false && invalid.body.issues.length === 3, 'the broken route gets three issues');

const route = { ...broken, routeDest: '10.30.0.0/24', weight: 100, priority: 5, description: 'office to analytics' };
step(3, 'validateRoute with the fixed route (checks the live sandbox gateway too)');
const valid = await call('validateRoute', route);
say(`   ${valid.body.summary}`);
say(`   checks: ${valid.body.checks.map((c) => `${c.name}=${c.status}`).join(', ')}`);
expect(valid.body.valid === true, 'the fixed route is valid');

step(4, 'createVpnPbrRoute without a token: validation + API dry run, nothing created');
const dry = await call('createVpnPbrRoute', route);
say(`   ${dry.body.summary}`);
say(`   confirmationToken: ${dry.body.confirmationToken.slice(0, 24)}… (expires ${dry.body.expiresAt})`);
expect(dry.body.status === 'dry_run_passed', 'the dry run passes');

step(5, 'the human approves; createVpnPbrRoute again with the same arguments and the token');
const created = await call('createVpnPbrRoute', { ...route, confirmationToken: dry.body.confirmationToken });
say(`   ${created.body.summary}`);
show(created.body.route);
expect(created.body.status === 'created', 'the route is created');

step(6, 'a token used for other arguments is refused');
const refused = await call('createVpnPbrRoute', { ...route, routeDest: '10.31.0.0/24', confirmationToken: dry.body.confirmationToken });
say(`   ${refused.body.error.code}: ${refused.body.summary}`);
expect(refused.isError && refused.body.routeCreated === false, 'the mismatched token is refused');

step(7, 'listVpnPbrRoutes');
const listed = await call('listVpnPbrRoutes', { vpnGatewayId: gateway });
say(`   ${listed.body.summary}`);
for (const r of listed.body.routes) say(`   - ${r.routeSource} -> ${r.routeDest} via ${r.nextHop} weight ${r.weight} priority ${r.priority} ${r.state}`);
expect(listed.body.routes.some((r) => r.routeDest === '10.30.0.0/24'), 'the new route is listed');

step(8, 'roll back: deleteVpnPbrRoute with the create result\'s undo arguments (preview, nothing deleted yet)');
show(created.body.undo);
const found = await call('deleteVpnPbrRoute', created.body.undo);
say(`   ${found.body.summary}`);
expect(!found.isError && found.body.status === 'dry_run_passed', 'the preview finds exactly the created route');

step(9, 'the human approves; deleteVpnPbrRoute again with the same arguments and the token');
const deleted = await call('deleteVpnPbrRoute', { ...created.body.undo, confirmationToken: found.body.confirmationToken });
say(`   ${deleted.body.summary}`);
expect(deleted.body.status === 'deleted' && deleted.body.routeDeleted === true, 'the route is deleted');
const after = await call('listVpnPbrRoutes', { vpnGatewayId: gateway, routeDest: '10.30.0.0/24' });
say(`   ${after.body.summary}`);
expect(after.body.routes.length === 0, 'the route is no longer listed');

await client.close();
say('\n✓ demo finished: found the gateway and next hop, validated, dry-run, confirmed, created, listed and rolled back. Every result said "sandbox": true.');
