// The reference for the HTTP load benchmark: the minimal SDK server (bench/minimal-tools.mjs) over stateless
// Streamable HTTP (v2: createMcpHandler builds a fresh one per request, for MCP 2026-07-28 and 2025 clients),
// mounted on node:http with the SDK's toNodeHandler. Prints the listening line on stderr, as
// our `--http` does.   node bench/minimal-http-server.mjs [port]
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { createMinimalServer } from './minimal-tools.mjs';

const handler = createMcpHandler(() => createMinimalServer());
const serve = toNodeHandler(handler);

const http = createServer((req, res) => {
  if (req.url === '/mcp') return void serve(req, res);
  res.writeHead(404).end();
});
http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = http.address();
  process.stderr.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}/mcp\n`);
});
