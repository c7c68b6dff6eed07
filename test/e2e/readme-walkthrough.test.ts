// The README's "What to ask the agent": its six requests made in the sandbox, as an agent makes them, and every
// answer it quotes (the tools' own summaries, cut with "…") found in what the built server really says, as is the
// confirmation dialog it shows.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { body, startSession } from './harness.js';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const section = README.slice(README.indexOf('## What to ask the agent'), README.indexOf('**How you are asked.**'));
const flat = (text: string) => text.replace(/\s+/g, ' ');
// Quoted answers, not the bold requests ("**1. "Which …?"**").
const QUOTES = [...flat(section).matchAll(/(\*\*\d\. )?"([^"]+)"/g)].filter((m) => m[1] === undefined).map((m) => m[2] as string);
const DIALOG = /```text\n([\s\S]*?)```/.exec(README.slice(README.indexOf('**How you are asked.**')))?.[1] ?? '';

const GATEWAY = 'vpn-sandbox0priority01';
const ACTIVE = { vpnGatewayId: GATEWAY, routeSource: '192.168.20.0/24', routeDest: '10.20.0.0/24', nextHop: 'vco-sandbox0tunnel0a1', weight: 100, publishVpc: true };
const STANDBY = { ...ACTIVE, nextHop: 'vco-sandbox0tunnel0b2', weight: 0 };

describe("the README's walk-through in the sandbox", () => {
  it('gets the answers the README quotes, and the human sees the dialog it shows', async () => {
    const questions: string[] = [];
    const session = await startSession({
      args: ['--sandbox', '--sandbox-state', join(mkdtempSync(join(tmpdir(), 'pbr-walkthrough-')), 'sandbox.json')],
      env: { VPN_PBR_MCP_WAIT_SECONDS: '10' },
      capabilities: { elicitation: {} },
      onElicit: (message) => {
        questions.push(message);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const said: string[] = [];
    const call = async (tool: string, args: Record<string, unknown>) => {
      const b = body(await session.call(tool, args));
      // The summary, and the messages and hints of any issues.
      said.push(JSON.stringify(b));
      return b;
    };
    const change = async (tool: string, args: Record<string, unknown>) => {
      const preview = await call(tool, args);
      expect(preview.status, preview.summary).toBe('dry_run_passed');
      return call(tool, { ...args, confirmationToken: preview.confirmationToken });
    };

    await call('listVpnGateways', {});
    await call('describeVpnGateway', { vpnGatewayId: GATEWAY });
    const listed = await call('listVpnPbrRoutes', { vpnGatewayId: GATEWAY });
    expect(listed.routes.map((r: { nextHop: string; weight: number }) => `${r.nextHop}:${r.weight}`)).toEqual([
      'vco-sandbox0tunnel0a1:100',
      'vco-sandbox0tunnel0b2:0',
    ]);
    const broken = await call('createVpnPbrRoute', { ...ACTIVE, routeDest: '10.20.0.5/24' });
    expect(broken.routeCreated).toBe(false);
    expect((await change('createVpnPbrRoute', ACTIVE)).status).toBe('created');
    const standby = await change('createVpnPbrRoute', STANDBY);
    expect(standby.status).toBe('created');
    expect((await change('deleteVpnPbrRoute', standby.undo)).status).toBe('deleted');
    const pair = { routeSource: '192.168.10.0/24', routeDest: '10.10.0.0/24' };
    const swap = {
      vpnGatewayId: GATEWAY,
      changes: [
        { op: 'modify', ...pair, nextHop: 'vco-sandbox0tunnel0a1', weight: 100, newWeight: 0 },
        { op: 'modify', ...pair, nextHop: 'vco-sandbox0tunnel0b2', weight: 0, newWeight: 100 },
      ],
    };
    expect((await change('applyRouteChanges', swap)).status).toBe('applied');
    await session.close();

    expect(QUOTES.length).toBeGreaterThanOrEqual(7);
    for (const quote of QUOTES) {
      for (const part of quote.split('…').map((p) => p.trim()).filter(Boolean)) {
        expect(said.some((answer) => answer.includes(part)), part).toBe(true);
      }
    }
    // The dialog shown is the question of the standby's create, shortened: every line of it, in order.
    const standbyQuestion = questions.find((q) => q.includes('vco-sandbox0tunnel0b2') && q.startsWith('Create'));
    const lines = DIALOG.trim().split('\n').map((line) => line.trim());
    expect(lines.length).toBeGreaterThan(3);
    const asked = (standbyQuestion ?? '').split('\n');
    expect(asked.filter((line) => lines.includes(line))).toEqual(lines);
  });
});
