// A confirmation token binds the account actually used, under every credential source (issue 8, item 7).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { body, emulatorEnv, startSession, useEmulator } from './harness.js';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';

const ALPHA = { accessKeyId: 'LTAI5tAlphaProfile0001', accessKeySecret: 'alpha-secret-0123456789abcdef' };
const BETA = { accessKeyId: 'LTAI5tBetaProfile00002', accessKeySecret: 'beta-secret-fedcba9876543210' };
const SEED = { ...E2E_SEED, credentials: [ALPHA, BETA] };
const emulated = useEmulator(SEED);

function credentialsFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pbr-profiles-')), 'credentials');
  const section = (name: string, key: typeof ALPHA) =>
    `[${name}]\ntype = access_key\naccess_key_id = ${key.accessKeyId}\naccess_key_secret = ${key.accessKeySecret}\n`;
  writeFileSync(file, section('alpha', ALPHA) + section('beta', BETA));
  return file;
}

describe('tokens and the account', () => {
  it("two servers sharing the secret and endpoint but using different profiles refuse each other's tokens", async () => {
    const file = credentialsFile();
    // No static keys: both servers resolve their account through the credential chain.
    const env = (profile: string) =>
      emulatorEnv(emulated.get(), { credentials: [] }, {
        ALIBABA_CLOUD_CREDENTIALS_FILE: file,
        ALIBABA_CLOUD_PROFILE: profile,
        VPN_PBR_MCP_CONFIRM_SECRET: 'shared-secret-for-two-servers-0001',
      });
    const alpha = await startSession({ env: env('alpha') });
    const beta = await startSession({ env: env('beta') });
    try {
      const token = body(await alpha.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
      expect(token).toEqual(expect.any(String));
      const crossed = body(await beta.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
      expect(crossed.error.code).toBe('ConfirmationMismatch');
      expect(crossed.routeCreated).toBe(false);
      expect(emulated.realCreates()).toHaveLength(0);

      const own = body(await alpha.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token }));
      expect(own.routeCreated).toBe(true);
      expect(emulated.realCreates().map((r) => r.accessKeyId)).toEqual([ALPHA.accessKeyId]);
    } finally {
      await alpha.close();
      await beta.close();
    }
  });
});
