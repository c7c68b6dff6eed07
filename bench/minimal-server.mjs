// The reference for the start-up benchmark: the minimal SDK server (bench/minimal-tools.mjs) on stdio (SDK v2:
// serveStdio serves MCP 2026-07-28 and 2025 clients). Plain JavaScript run by node directly, as a published server
// would be.
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createMinimalServer } from './minimal-tools.mjs';

serveStdio(() => createMinimalServer());
