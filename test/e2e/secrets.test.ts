// An API message that echoes the secret or the STS token, in any case, encoded or in part, never reaches an
// answer, the audit log or stderr.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmulatorSeed } from '../../src/emulator/index.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { emulatorEnv, startSession, useEmulator } from './harness.js';

// Shaped like real ones: a 30-character secret, an STS token of ~1 kB, both with + / = in them.
const SECRET = `Se/+${randomBytes(20).toString('base64')}`;
const TOKEN = `CAIS+/${randomBytes(750).toString('base64')}`;
const SEED: EmulatorSeed = { ...E2E_SEED, credentials: [{ accessKeyId: 'STS.NUxA7pLq9ZrWkTb3Yc', accessKeySecret: SECRET, securityToken: TOKEN }] };
const emulated = useEmulator(SEED);

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** How an API (or a proxy in front of it) might echo a value. */
function echoes(value: string): string[] {
  return [
    value.toLowerCase(),
    value.toUpperCase(),
    b64(value),
    b64url(value),
    // Inside a larger base64 blob: another alignment.
    b64(`{"k":"${value}"}`),
    encodeURIComponent(value),
    rfc3986(rfc3986(value)),
    // In part: 9 characters from the start, the last 12.
    value.slice(5, 14),
    value.slice(-12),
  ];
}

const lower = (s: string) => s.toLowerCase();
/** The 8-character runs of every echoed form: none may appear anywhere a user or attacker can read. */
const runs = (value: string) => {
  const out = new Set<string>();
  for (const form of [value, b64(value), encodeURIComponent(value)]) {
    for (let i = 0; i + 8 <= form.length; i++) out.add(lower(form.slice(i, i + 8)));
  }
  return out;
};

describe('secrets echoed by the API', () => {
  it('are scrubbed from answers, the audit log and stderr in every case, encoding and part', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pbr-secrets-')), 'audit.jsonl');
    const session = await startSession({ env: emulatorEnv(emulated.get(), SEED, { VPN_PBR_MCP_AUDIT_LOG: file, VPN_PBR_MCP_MAX_ATTEMPTS: '1' }) });
    const message = `Denied: ${[...echoes(SECRET), ...echoes(TOKEN)].join(' | ')} (end)`;
    const answers: string[] = [];
    for (const [action, tool, args] of [
      ['CreateVpnPbrRouteEntry', 'createVpnPbrRoute', GOOD_ROUTE],
      ['DescribeVpnPbrRouteEntries', 'listVpnPbrRoutes', { vpnGatewayId: GOOD_ROUTE.vpnGatewayId }],
      ['DescribeVpnGateway', 'validateRoute', GOOD_ROUTE],
    ] as const) {
      emulated.get().faults.inject(action, { kind: 'error', code: 'Forbidden.RAM', message });
      const result = await session.call(tool, args);
      const text = JSON.stringify(result);
      // The API's message did come back, scrubbed.
      expect(text).toContain('Denied: [redacted]');
      expect(text).toContain('(end)');
      answers.push(text);
    }
    await session.close();
    const seen = lower([...answers, readFileSync(file, 'utf8'), session.stderr()].join('\n'));
    for (const form of [...echoes(SECRET), ...echoes(TOKEN)]) expect(seen).not.toContain(lower(form));
    const leaked = [...runs(SECRET), ...runs(TOKEN)].filter((run) => seen.includes(run));
    expect(leaked).toEqual([]);
  });
});
