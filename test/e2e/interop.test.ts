// The new-generation client (@modelcontextprotocol/client 2.x) against the built server, over stdio and
// over HTTP: with version negotiation on ('auto') it probes for the 2026 protocol, falls back to
// 2025-11-25, and lists and calls tools (its validator checks structured results against our output schemas).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { binNodeFlags } from '../../scripts/bin-flags.mjs';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { SERVER_ENTRY, baseEnv, emulatorEnv, useEmulator } from './harness.js';
import { startHttpServer, stopHttpServersAfterEach } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
stopHttpServersAfterEach();

async function exercise(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['validateRoute', 'createVpnPbrRoute', 'listVpnPbrRoutes']));
  const validated = await client.callTool({ name: 'validateRoute', arguments: GOOD_ROUTE });
  expect(validated.structuredContent).toMatchObject({ valid: true });
  const dryRun = await client.callTool({ name: 'createVpnPbrRoute', arguments: GOOD_ROUTE });
  expect(dryRun.structuredContent).toMatchObject({ status: 'dry_run_passed', confirmationToken: expect.any(String) });
  expect(client.getServerVersion()?.name).toBe('alicloud-vpn-pbr-mcp');
}

describe('@modelcontextprotocol/client 2.x', () => {
  it('lists and calls tools over stdio', async () => {
    const client = new Client({ name: 'next-gen-client', version: '2.4.0' }, { versionNegotiation: { mode: 'auto' } });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...binNodeFlags(SERVER_ENTRY), SERVER_ENTRY],
      env: baseEnv(emulatorEnv(emulated.get(), E2E_SEED)),
      stderr: 'ignore',
    });
    await client.connect(transport);
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });

  it('lists and calls tools over Streamable HTTP', async () => {
    const server = await startHttpServer({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const client = new Client({ name: 'next-gen-client', version: '2.4.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});
