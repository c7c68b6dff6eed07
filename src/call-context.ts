// What one tool call knows about where it runs: configuration, who is calling, how to log, audit, report
// progress, ask the human, and when to stop. Built by src/server.ts from the SDK's request; nothing below
// it sees an SDK object. The change flow (src/change/) gets a CallContext and is handed its cloud client.
import type { AuditLog } from './audit/entry.js';
import type { VpcClient } from './cloud/vpc-client.js';
import type { Config } from './config.js';
import type { InFlightChanges } from './lifecycle/in-flight.js';
import type { Logger } from './log.js';

export type HumanAnswer = 'accept' | 'decline' | 'cancel' | 'unsupported';

export interface CallContext {
  config: Config;
  logger: Logger;
  audit: AuditLog;
  /** Changes that may be reaching the API: shutdown waits for them (lifecycle/in-flight.ts). */
  inFlight: InFlightChanges;
  now: () => number;
  client: { name?: string; version?: string };
  /** Who is calling, over HTTP (the authenticated principal); absent on stdio. */
  principal?: string;
  signal: AbortSignal;
  /** Sends an MCP progress notification (progress counts up per call) when the client asked for progress. */
  progress: (message: string) => Promise<void>;
  /** Asks the human through the client, when the client can; see confirm/ask-human.ts. */
  askHuman: (message: string) => Promise<HumanAnswer>;
  /** How often a change polls while the gateway applies it. */
  pollIntervalMs: number;
  /** Whether the client renders MCP Apps (src/ui/app-resource.ts); undefined when no handshake was seen. */
  clientRendersApps?: boolean;
  /** Set by approveRouteChange: the human pressed Approve on the approval card. */
  approvedOnCard?: boolean;
}

export interface ToolContext extends CallContext {
  /** Absent when no credentials are configured: live checks are skipped, writes refused. */
  cloud?: VpcClient;
}
