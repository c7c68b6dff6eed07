// The reference for the start-up benchmark: the smallest useful MCP server the SDK allows, one tool with a zod
// input schema, on stdio (SDK v2: serveStdio serves MCP 2026-07-28 and 2025 clients). Plain JavaScript run by
// node directly, as a published server would be.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

serveStdio(() => {
  const server = new McpServer({ name: 'minimal-bench-server', version: '1.0.0' });
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
});
