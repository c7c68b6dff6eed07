// The reference for the start-up benchmark: the smallest useful MCP server the SDK allows, one tool with a zod
// input schema, on stdio. Plain JavaScript run by node directly, as a published server would be.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'minimal-bench-server', version: '1.0.0' });

server.registerTool(
  'echo',
  {
    title: 'Echo',
    description: 'Returns the text it is given.',
    inputSchema: { text: z.string().describe('Text to echo back.') },
  },
  async ({ text }) => ({ content: [{ type: 'text', text }] }),
);

await server.connect(new StdioServerTransport());
