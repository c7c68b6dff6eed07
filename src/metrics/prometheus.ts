// Prometheus metrics of the HTTP server (issue 16: operators of a shared endpoint need to see it). Only
// http/serve.ts imports this file, so prom-client is in dist/http.js and a stdio start never loads it.
// Every label value comes from a fixed set: tool names from the tool list, codes of ours or the API's
// (checked for shape and capped in number), never an argument, a principal or an exception's text.
import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
// The records' shapes are the server's and the cloud transport's own: type imports, erased from the bundles.
import type { ApiCallObserver } from '../cloud/transport.js';
import type { ServerDeps } from '../server.js';

export interface MetricsSources {
  /** The tools this server lists: the only tool label values. */
  toolNames: readonly string[];
  changesInFlight: () => number;
  callsRunning: () => number;
}

export interface Metrics {
  /** Told of each answered tool call (createServer's onToolCall). */
  toolCall: NonNullable<ServerDeps['onToolCall']>;
  /** Told of each signed API request (the cloud transport's onApiCall). */
  apiCall: ApiCallObserver;
  refusal(code: string): void;
  /** Wraps an authentication middleware: its 401 answers are counted as refusals (`Unauthorized`). */
  countingAuthRefusals(auth: RequestHandler): RequestHandler;
  /** GET /metrics: the text format. */
  serve: RequestHandler;
}

// A code is a label value only when it looks like one (`VpnGateway.Configuring`, `Throttling.User`), and only the
// first MAX_CODES distinct ones per metric: an endpoint that invents codes cannot grow the series without end.
const CODE_SHAPE = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const MAX_CODES = 100;
const OTHER = 'Other';

function codeLabels(): (code: string) => string {
  const seen = new Set<string>();
  return (code) => {
    if (!CODE_SHAPE.test(code)) return OTHER;
    if (seen.has(code)) return code;
    if (seen.size >= MAX_CODES) return OTHER;
    seen.add(code);
    return code;
  };
}

const PREFIX = 'vpn_pbr_mcp_';

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const tools = new Set(sources.toolNames);
  const toolLabel = (name: string) => (tools.has(name) ? name : OTHER);
  const outcomeLabel = codeLabels();
  const apiCodeLabel = codeLabels();
  const actionLabel = codeLabels();
  const refusalLabel = codeLabels();

  const toolCalls = new Counter({ name: `${PREFIX}tool_calls_total`, help: 'Tool calls answered, by tool and outcome (ok, or the error code).', labelNames: ['tool', 'outcome'] as const, registers: [registry] });
  const toolSeconds = new Histogram({
    name: `${PREFIX}tool_call_duration_seconds`,
    help: 'Time to answer a tool call, by tool.',
    labelNames: ['tool'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const apiCalls = new Counter({ name: `${PREFIX}api_calls_total`, help: 'Signed Alibaba Cloud API requests, by action and result code (Success or the error code).', labelNames: ['action', 'code'] as const, registers: [registry] });
  const apiSeconds = new Histogram({
    name: `${PREFIX}api_call_duration_seconds`,
    help: 'Time of one signed Alibaba Cloud API request, by action.',
    labelNames: ['action'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusals = new Counter({ name: `${PREFIX}http_refusals_total`, help: 'HTTP requests refused before any tool ran, by code (RateLimited, ServerBusy, Unauthorized).', labelNames: ['code'] as const, registers: [registry] });
  // Read when scraped.
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('changes_in_flight', 'Changes that may be reaching the API right now (what a shutdown waits for).', sources.changesInFlight);
  gauge('tool_calls_running', 'Tool calls running now, all callers together.', sources.callsRunning);

  const refusal = (code: string) => refusals.inc({ code: refusalLabel(code) });
  return {
    toolCall({ tool, outcome, seconds }) {
      toolCalls.inc({ tool: toolLabel(tool), outcome: outcome === 'ok' ? 'ok' : outcomeLabel(outcome) });
      toolSeconds.observe({ tool: toolLabel(tool) }, seconds);
    },
    apiCall({ action, code, seconds }) {
      const label = actionLabel(action);
      apiCalls.inc({ action: label, code: apiCodeLabel(code) });
      apiSeconds.observe({ action: label }, seconds);
    },
    refusal,
    countingAuthRefusals: (auth) => (req, res, next) => {
      res.once('finish', () => {
        if (res.statusCode === 401) refusal('Unauthorized');
      });
      auth(req, res, next);
    },
    serve: async (_req, res) => {
      res.set('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    },
  };
}
