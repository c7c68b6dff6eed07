// --http as an OAuth 2.1 resource server: JWTs signed by a test key pair whose JWKS is served on
// loopback; signature, issuer, audience and expiry are checked, the principal is the `sub` claim.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_SEED, GOOD_ROUTE } from './fixtures.js';
import { body, emulatorEnv, runServerProcess, useEmulator } from './harness.js';
import { LIST_TOOLS, connectHttp, postMcp, startHttpServer, stopHttpServersAfterEach } from './http-harness.js';

const emulated = useEmulator(E2E_SEED);
stopHttpServersAfterEach();

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'https://pbr.example.test/mcp';
let jwksServer: Server;
let jwksUrl: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  jwksServer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((done) => jwksServer.listen(0, '127.0.0.1', done));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((done) => jwksServer.close(() => done())));

interface Claims {
  sub?: string;
  iss?: string;
  aud?: string;
  exp?: number | string;
  key?: CryptoKey;
}

function jwt(claims: Claims = {}): Promise<string> {
  const signer = new SignJWT({ scope: 'mcp' })
    .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
    .setSubject(claims.sub ?? 'alice')
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? AUDIENCE)
    .setIssuedAt();
  signer.setExpirationTime(claims.exp ?? '5m');
  return signer.sign(claims.key ?? signingKey);
}

function oauthEnv(extra: Record<string, string> = {}) {
  return emulatorEnv(emulated.get(), E2E_SEED, {
    VPN_PBR_MCP_OAUTH_ISSUER: ISSUER,
    VPN_PBR_MCP_OAUTH_AUDIENCE: AUDIENCE,
    VPN_PBR_MCP_OAUTH_JWKS_URL: jwksUrl,
    ...extra,
  });
}

describe('OAuth 2.1 resource server', () => {
  it('accepts a valid JWT, names its subject in the audit log, and refuses wrong audience, expired, foreign-signed and missing tokens', async () => {
    const audit = join(mkdtempSync(join(tmpdir(), 'pbr-oauth-')), 'audit.jsonl');
    const server = await startHttpServer({ env: oauthEnv({ VPN_PBR_MCP_AUDIT_LOG: audit }) });

    const alice = await connectHttp(server.url, { token: await jwt() });
    expect(body(await alice.call('validateRoute', GOOD_ROUTE)).valid).toBe(true);
    await alice.close();
    expect(JSON.parse(readFileSync(audit, 'utf8').trim()).principal).toBe('alice');

    const refused = async (token: string | undefined) => {
      const response = await postMcp(server.url, LIST_TOOLS, token ? { Authorization: `Bearer ${token}` } : {});
      expect(response.status).toBe(401);
      const header = response.headers.get('www-authenticate') ?? '';
      expect(header).toMatch(/^Bearer error="invalid_token"/);
      expect(header).toContain('resource_metadata="https://pbr.example.test/.well-known/oauth-protected-resource/mcp"');
      return header;
    };
    expect(await refused(undefined)).toMatch(/Missing Authorization/);
    expect(await refused(await jwt({ aud: 'https://other.example.test/mcp' }))).toMatch(/aud claim/);
    expect(await refused(await jwt({ exp: Math.floor(Date.now() / 1000) - 60 }))).toMatch(/expired/);
    expect(await refused(await jwt({ iss: 'https://evil.example.test/' }))).toMatch(/iss claim/);
    expect(await refused(await jwt({ key: strangerKey }))).toMatch(/not a valid JWT/);
    expect(await refused('not.a.jwt')).toMatch(/not a valid JWT/);
    expect(server.stderr()).not.toMatch(/eyJ/);
  });

  it('publishes its protected-resource metadata without authentication', async () => {
    const server = await startHttpServer({ env: oauthEnv() });
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const response = await fetch(new URL(path, server.url));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ resource: AUDIENCE, authorization_servers: [ISSUER], bearer_methods_supported: ['header'] });
    }
  });

  it('takes the principal from the claim named by VPN_PBR_MCP_OAUTH_PRINCIPAL_CLAIM, and refuses a token without it', async () => {
    const audit = join(mkdtempSync(join(tmpdir(), 'pbr-oauth-')), 'audit.jsonl');
    const server = await startHttpServer({ env: oauthEnv({ VPN_PBR_MCP_OAUTH_PRINCIPAL_CLAIM: 'preferred_username', VPN_PBR_MCP_AUDIT_LOG: audit }) });
    const named = await new SignJWT({ preferred_username: 'bob.ops' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .setSubject('0b1c2d')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(signingKey);
    const bob = await connectHttp(server.url, { token: named });
    await bob.call('validateRoute', GOOD_ROUTE);
    await bob.close();
    expect(JSON.parse(readFileSync(audit, 'utf8').trim()).principal).toBe('bob.ops');
    expect((await postMcp(server.url, LIST_TOOLS, { Authorization: `Bearer ${await jwt()}` })).status).toBe(401);
  });

  it('refuses with 401 a JWT whose principal is anonymous, in any case (the name of unauthenticated callers)', async () => {
    const audit = join(mkdtempSync(join(tmpdir(), 'pbr-oauth-')), 'audit.jsonl');
    const server = await startHttpServer({ env: oauthEnv({ VPN_PBR_MCP_AUDIT_LOG: audit }) });
    for (const sub of ['anonymous', 'Anonymous', 'ANONYMOUS']) {
      const response = await postMcp(server.url, LIST_TOOLS, { Authorization: `Bearer ${await jwt({ sub })}` });
      expect(response.status, sub).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token".*reserved/);
    }
    // The same request with a real name is served.
    expect((await postMcp(server.url, LIST_TOOLS, { Authorization: `Bearer ${await jwt({ sub: 'alice' })}` })).status).toBe(200);
  });

  it('refuses to start with only part of the OAuth settings', async () => {
    const run = await runServerProcess(['--http', '--port', '0'], { VPN_PBR_MCP_OAUTH_ISSUER: ISSUER });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/OAuth needs all three/);
  });
});
