// A confirmation token has one spelling: another text that decodes to the same bytes is refused and sends nothing.
import { describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, startSession, useEmulator } from './harness.js';

const emulated = useEmulator(E2E_SEED);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('confirmation token spelling', () => {
  it('refuses the other spellings of a valid token; the token itself creates one route with one ClientToken', async () => {
    const session = await startSession({ env: emulatorEnv(emulated.get(), E2E_SEED) });
    const token: string = body(await session.call('createVpnPbrRoute', GOOD_ROUTE)).confirmationToken;
    const last = ALPHABET.indexOf(token.slice(-1));
    // The signature's last character carries two unused bits: three other characters decode the same.
    const respelled = [1, 2, 3].map((spare) => `${token.slice(0, -1)}${ALPHABET[last ^ spare]}`);
    for (const other of [...respelled, `${token}=`]) {
      const result = body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: other }));
      expect(result.error.code).toBe('ConfirmationInvalid');
      expect(result.routeCreated).toBe(false);
    }
    expect(emulated.realCreates()).toHaveLength(0);
    expect(body(await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: token })).routeCreated).toBe(true);
    for (const other of respelled) await session.call('createVpnPbrRoute', { ...GOOD_ROUTE, confirmationToken: other });
    expect(emulated.realCreates().map((r) => r.params.ClientToken)).toHaveLength(1);
    await session.close();
  });
});
