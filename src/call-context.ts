// What one tool call knows about where it runs: configuration, who is calling, how to log, audit, report
// progress, ask the human, and when to stop. Built by src/server.ts from the SDK's request; nothing below
// it sees an SDK object. The change flow (src/change/) gets a CallContext and is handed its cloud client.
import type { AuditLog } from './audit/entry.js';
import type { VpcClient } from './cloud/vpc-client.js';
import type { Config } from './config.js';
import type { InFlightChanges } from './lifecycle/in-flight.js';
import type { Logger } from './log.js';

/** `asked`: the question went out as an MCP 2026 `input_required` round; the client calls again with the answer. */
export type HumanAnswer = 'accept' | 'decline' | 'cancel' | 'unsupported' | 'asked';

export interface CallContext {
  config: Config;
  logger: Logger;
  audit: AuditLog;
  /** Changes that may be reaching the API: shutdown waits for them (lifecycle/in-flight.ts). */
  inFlight: InFlightChanges;
  now: () => number;
  /** The client as it names itself (clientInfo), or, when it does not (2025 over HTTP), its User-Agent. */
  client: { name?: string; version?: string; userAgent?: string };
  /** The request's W3C traceparent (`_meta.traceparent`, or over HTTP the header), for the audit line. */
  traceparent?: string;
  /** Who is calling, over HTTP (the authenticated principal); absent on stdio. */
  principal?: string;
  signal: AbortSignal;
  /** Sends an MCP progress notification (progress counts up per call) when the client asked for progress. */
  progress: (message: string) => Promise<void>;
  /** Asks the human through the client, when it can (confirm/human-gate.ts); a round never outlives `expiresAt`. */
  askHuman: (message: string, facts?: { expiresAt?: Date }) => Promise<HumanAnswer>;
  /** How often a change polls while the gateway applies it. */
  pollIntervalMs: number;
  /** Whether this request's client renders MCP Apps (src/ui/app-resource.ts); undefined when unknown (2025 stateless HTTP). */
  clientRendersApps?: boolean;
  /** Set by approveRouteChange: the human pressed Approve on the approval card. */
  approvedOnCard?: boolean;
}

export interface ToolContext extends CallContext {
  /** Absent when no credentials are configured: live checks are skipped, writes refused. */
  cloud?: VpcClient;
}
