// Every tool's metadata in one place, and committed schema snapshots (test/__toolsnaps__): a schema change is a
// deliberate, reviewed change. Regenerate with UPDATE_TOOLSNAPS=1.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, InMemoryTransport, type Tool } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createServer, describeTool } from '../../src/server.js';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { startSession } from '../e2e/harness.js';

async function listTools(argv: string[] = []): Promise<Tool[]> {
  const server = createServer({ config: resolveConfig(argv, {}) });
  const client = new Client({ name: 'metadata-test', version: '0' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  const { tools } = await client.listTools();
  await client.close();
  return tools;
}

const EXPECTED = {
  validateRoute: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  createVpnPbrRoute: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  listVpnPbrRoutes: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  listVpnGateways: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  describeVpnGateway: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  deleteVpnPbrRoute: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  modifyVpnPbrRoute: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  applyRouteChanges: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  approveRouteChange: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
};

describe('tool metadata', () => {
  it('lists exactly the contract\'s tools with title, description, schemas and all four annotations', async () => {
    const tools = await listTools();
    expect(tools.map((t) => t.name)).toEqual(Object.keys(EXPECTED));
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.annotations, tool.name).toMatchObject(EXPECTED[tool.name as keyof typeof EXPECTED]);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.inputSchema.additionalProperties, `${tool.name} must reject unknown keys`).toBe(false);
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.outputSchema?.required).toContain('summary');
      for (const schema of [tool.inputSchema, tool.outputSchema]) {
        expect(Object.keys(schema ?? {})).not.toContain('anyOf');
        expect(Object.keys(schema ?? {})).not.toContain('oneOf');
      }
    }
  });

  it('requires the route arguments and keeps optional ones optional', async () => {
    const create = (await listTools()).find((t) => t.name === 'createVpnPbrRoute');
    expect(create?.inputSchema.required).toEqual(['vpnGatewayId', 'routeSource', 'routeDest', 'nextHop', 'weight', 'publishVpc']);
    expect(Object.keys(create?.inputSchema.properties ?? {})).toEqual([
      'regionId', 'vpnGatewayId', 'routeSource', 'routeDest', 'nextHop', 'weight', 'publishVpc', 'description', 'overlayMode', 'priority', 'confirmationToken', 'clientToken',
    ]);
  });

  it('lists no tool that changes anything in read-only mode', async () => {
    const tools = await listTools(['--read-only']);
    expect(tools.map((t) => t.name)).toEqual(['validateRoute', 'listVpnPbrRoutes', 'listVpnGateways', 'describeVpnGateway']);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('matches the committed schema snapshots', async () => {
    for (const tool of await listTools()) {
      const file = resolve(import.meta.dirname, '../__toolsnaps__', `${tool.name}.json`);
      const current = `${JSON.stringify(tool, null, 2)}\n`;
      if (process.env.UPDATE_TOOLSNAPS === '1' || !existsSync(file)) {
        if (process.env.CI) throw new Error(`missing tool snapshot ${file}`);
        writeFileSync(file, current);
      }
      expect(current, `${tool.name} changed: review and run UPDATE_TOOLSNAPS=1 npx vitest run test/unit/tool-metadata.test.ts`).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('the built server lists exactly what the tool definitions say (its listing is computed at build time)', async () => {
    const session = await startSession({ env: {} });
    const { tools } = await session.client.listTools();
    await session.close();
    expect(tools).toEqual(ALL_TOOLS.map(describeTool));
  });
});
