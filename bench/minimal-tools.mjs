// The minimal SDK server of the benchmarks: the smallest useful MCP server SDK v2 allows, one tool with a zod input
// schema. bench/minimal-server.mjs serves it on stdio, bench/minimal-http-server.mjs over stateless HTTP.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

/** serverOptions: the SDK's ServerOptions (the bench's bundled copy passes a jsonSchemaValidator: it has no Ajv). */
export function createMinimalServer(serverOptions) {
  const server = new McpServer({ name: 'minimal-bench-server', version: '1.0.0' }, serverOptions);
  server.registerTool(
    'echo',
    {
      title: 'Echo',
      description: 'Returns the text it is given.',
      inputSchema: z.object({ text: z.string().describe('Text to echo back.') }),
    },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
}
