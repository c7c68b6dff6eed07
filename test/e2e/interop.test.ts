// Clients of both SDK generations against the built server, over stdio and over HTTP. The rest of the suite runs
// @modelcontextprotocol/client 2.x (2025-11-25 by default, E2E_PROTOCOL=2026 for 2026-07-28); this file also
// drives the previous generation, @modelcontextprotocol/sdk 1.32.2 (2025-11-25 only; a devDependency for this
// test alone), as clients in the field still run it.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioClientTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { binNodeFlags } from '../../scripts/bin-flags.mjs';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { SERVER_ENTRY, baseEnv, emulatorEnv, useEmulator } from './harness.js';
import { startHttpServer, stopHttpServersAfterEach } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
stopHttpServersAfterEach();

type AnyClient = {
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  getServerVersion(): { name: string } | undefined;
};
const structured = (result: unknown) => (result as { structuredContent: Record<string, any> }).structuredContent;

/** Lists, validates, dry-runs and confirms a create; returns the confirm's body. */
async function exercise(client: AnyClient): Promise<Record<string, any>> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['validateRoute', 'createVpnPbrRoute', 'listVpnPbrRoutes']));
  expect(structured(await client.callTool({ name: 'validateRoute', arguments: GOOD_ROUTE }))).toMatchObject({ valid: true });
  const dryRun = structured(await client.callTool({ name: 'createVpnPbrRoute', arguments: GOOD_ROUTE }));
  expect(dryRun).toMatchObject({ status: 'dry_run_passed', confirmationToken: expect.any(String) });
  expect(client.getServerVersion()?.name).toBe('alicloud-vpn-pbr-mcp');
  return structured(await client.callTool({ name: 'createVpnPbrRoute', arguments: { ...GOOD_ROUTE, confirmationToken: dryRun.confirmationToken } }));
}

const spawnArgs = () => ({
  command: process.execPath,
  args: [...binNodeFlags(SERVER_ENTRY), SERVER_ENTRY],
  env: baseEnv(emulatorEnv(emulated.get(), E2E_SEED)),
  stderr: 'ignore' as const,
});

describe('@modelcontextprotocol/sdk 1.32.2 (MCP 2025-11-25)', () => {
  it('over stdio: the whole flow, the human asked through a real elicitation/create', async () => {
    const client = new ClientV1({ name: 'v1-client', version: '1.32.2' }, { capabilities: { elicitation: { form: {} } } });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { confirm: true } };
    });
    await client.connect(new StdioClientTransportV1(spawnArgs()));
    try {
      expect(await exercise(client as unknown as AnyClient)).toMatchObject({ status: 'created', routeCreated: true });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain('vpn-e2eprio01');
      expect(emulated.realCreates()).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('over stateless HTTP: the whole flow with the token', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const client = new ClientV1({ name: 'v1-client', version: '1.32.2' });
    await client.connect(new StreamableHTTPClientTransportV1(new URL(server.url)));
    try {
      expect(await exercise(client as unknown as AnyClient)).toMatchObject({ status: 'created', routeCreated: true });
    } finally {
      await client.close();
    }
  });
});

describe('@modelcontextprotocol/client 2.x with version negotiation (MCP 2026-07-28)', () => {
  it('over stdio (its discovery probe starts and stops a second server process first)', async () => {
    const client = new Client({ name: 'next-gen-client', version: '2.4.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StdioClientTransport(spawnArgs()));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      expect(await exercise(client as unknown as AnyClient)).toMatchObject({ status: 'created', routeCreated: true });
    } finally {
      await client.close();
    }
  });

  it('over stateless HTTP', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const client = new Client({ name: 'next-gen-client', version: '2.4.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      expect(await exercise(client as unknown as AnyClient)).toMatchObject({ status: 'created', routeCreated: true });
    } finally {
      await client.close();
    }
  });
});
