// The CallContext the in-process change-flow tests run with: a fake cloud, no audit file, a short wait.
import type { ToolContext } from '../../src/call-context.js';
import { noAuditLog } from '../../src/audit/entry.js';
import { resolveConfig } from '../../src/config.js';
import { createInFlightChanges } from '../../src/lifecycle/in-flight.js';
import { silentLogger } from '../../src/log.js';
import type { FakeCloud } from './fake-cloud.js';

export function context(cloud: FakeCloud, overrides: Partial<ToolContext> = {}, env: Record<string, string> = {}): ToolContext {
  return {
    config: resolveConfig([], { VPN_PBR_MCP_WAIT_SECONDS: '1', VPN_PBR_MCP_CONFIRM_SECRET: 'flow-test-secret-0123456789', ...env }),
    cloud,
    logger: silentLogger,
    audit: noAuditLog,
    inFlight: createInFlightChanges(),
    now: Date.now,
    client: {},
    signal: new AbortController().signal,
    progress: async () => {},
    askHuman: async () => 'unsupported',
    pollIntervalMs: 5,
    ...overrides,
  };
}
