// The metrics' label values come from fixed sets only: no argument, principal or invented code grows the series.
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/prometheus.js';

async function scrape(metrics: ReturnType<typeof createMetrics>): Promise<string> {
  let text = '';
  const res = {
    set: () => res,
    send: (body: string) => {
      text = body;
    },
  };
  await metrics.serve({} as Request, res as unknown as Response, () => {});
  return text;
}

describe('metrics', () => {
  it('labels only listed tools and code-shaped codes, at most 100 distinct codes', async () => {
    let inFlight = 2;
    const metrics = createMetrics({ toolNames: ['validateRoute'], changesInFlight: () => inFlight, callsRunning: () => 5 });
    metrics.toolCall({ tool: 'validateRoute', outcome: 'ok', seconds: 0.2 });
    metrics.toolCall({ tool: 'secretTool', outcome: 'ValidationFailed', seconds: 0.1 });
    metrics.apiCall({ action: 'DescribeVpnGateways', code: 'message with 10.0.0.1 and a secret', seconds: 0.05 });
    for (let i = 0; i < 120; i++) metrics.apiCall({ action: 'DescribeVpnGateways', code: `Invented.Code${i}`, seconds: 0.01 });
    metrics.refusal('RateLimited');
    inFlight = 0;
    const text = await scrape(metrics);
    expect(text).toContain('vpn_pbr_mcp_tool_calls_total{tool="validateRoute",outcome="ok"} 1');
    expect(text).toContain('vpn_pbr_mcp_tool_calls_total{tool="Other",outcome="ValidationFailed"} 1');
    expect(text).not.toContain('secretTool');
    expect(text).not.toContain('10.0.0.1');
    expect(text).toContain('vpn_pbr_mcp_api_calls_total{action="DescribeVpnGateways",code="Invented.Code99"} 1');
    expect(text).not.toContain('Invented.Code100"');
    expect(text).toContain('vpn_pbr_mcp_api_calls_total{action="DescribeVpnGateways",code="Other"} 21');
    expect(text).toContain('vpn_pbr_mcp_http_refusals_total{code="RateLimited"} 1');
    expect(text).toContain('vpn_pbr_mcp_changes_in_flight 0');
    expect(text).toContain('vpn_pbr_mcp_tool_calls_running 5');
  });
});
