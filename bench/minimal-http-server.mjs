// The reference for the HTTP load benchmark: the smallest stateless Streamable HTTP MCP server the SDK allows
// (v2: createMcpHandler builds a fresh McpServer per request, for MCP 2026-07-28 and 2025 clients), one tool with
// a zod input schema, mounted on node:http with the SDK's toNodeHandler. Prints the listening line on stderr, as
// our `--http` does.   node bench/minimal-http-server.mjs [port]
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'minimal-bench-http-server', version: '1.0.0' });
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
const serve = toNodeHandler(handler);

const http = createServer((req, res) => {
  if (req.url === '/mcp') return void serve(req, res);
  res.writeHead(404).end();
});
http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = http.address();
  process.stderr.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}/mcp\n`);
});
