// Who is calling: static bearer tokens and/or OAuth JWTs, checked by the SDK's bearer middleware
// (401 + WWW-Authenticate). Without either (loopback only, see serve.ts) every caller is "anonymous".
import { requireBearerAuth } from '@modelcontextprotocol/express';
import { type AuthInfo, OAuthError, OAuthErrorCode, type OAuthTokenVerifier } from '@modelcontextprotocol/server';
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import { createJwtVerifier, type JwtVerifier } from './auth-oauth.js';
import { hashToken, readTokensFile } from './auth-static.js';
import { ANONYMOUS } from '../principal.js';

export interface HttpAuth {
  /** Sets req.auth (AuthInfo with extra.principal) or answers 401. */
  middleware: RequestHandler;
  /** RFC 9728 metadata, served when OAuth is configured. */
  protectedResource?: (req: Request) => Record<string, unknown>;
}

// Static tokens do not expire; the SDK middleware wants an expiry, so each check grants an hour.
const STATIC_VALIDITY_SECONDS = 3600;

export function hasAuthentication(config: Config): boolean {
  return config.httpTokensFile !== undefined || config.oauthJwksUrl !== undefined;
}

function verifierOf(byHash: Map<string, string> | undefined, jwt: JwtVerifier | undefined): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const principal = byHash?.get(hashToken(token));
      if (principal !== undefined) {
        return { token, clientId: principal, scopes: [], expiresAt: Math.floor(Date.now() / 1000) + STATIC_VALIDITY_SECONDS, extra: { principal } };
      }
      if (jwt) return jwt(token);
      throw new OAuthError(OAuthErrorCode.InvalidToken, 'The bearer token is not known to this server');
    },
  };
}

/** The resource this server is: the OAuth audience when it is a URL, else /mcp on the Host asked for. */
function resourceUrl(config: Config, req: Request): string {
  const audience = config.oauthAudience;
  if (audience && /^https?:\/\//.test(audience)) return audience;
  return `${req.protocol}://${req.get('host') ?? `${config.httpHost}:${config.httpPort}`}/mcp`;
}

function metadataUrl(resource: string): string {
  const url = new URL(resource);
  return new URL(`/.well-known/oauth-protected-resource${url.pathname === '/' ? '' : url.pathname}`, url).href;
}

export async function createHttpAuth(config: Config): Promise<HttpAuth> {
  if (!hasAuthentication(config)) {
    const anonymous: AuthInfo = { token: '', clientId: ANONYMOUS, scopes: [], extra: { principal: ANONYMOUS } };
    return {
      middleware: (req, _res, next) => {
        (req as Request & { auth?: AuthInfo }).auth = anonymous;
        next();
      },
    };
  }
  const byHash = config.httpTokensFile ? await readTokensFile(config.httpTokensFile) : undefined;
  const { oauthIssuer: issuer, oauthAudience: audience, oauthJwksUrl: jwksUrl } = config;
  const jwt = jwksUrl && issuer && audience ? createJwtVerifier({ issuer, audience, jwksUrl, principalClaim: config.oauthPrincipalClaim }) : undefined;
  const verifier = verifierOf(byHash, jwt);
  const staticOnly = requireBearerAuth({ verifier });
  return {
    middleware: jwt
      ? (req: Request, res: Response, next) =>
          requireBearerAuth({ verifier, resourceMetadataUrl: metadataUrl(resourceUrl(config, req)) })(req, res, next)
      : staticOnly,
    protectedResource: jwt
      ? (req) => ({
          resource: resourceUrl(config, req),
          authorization_servers: [issuer],
          bearer_methods_supported: ['header'],
          resource_name: 'alicloud-vpn-pbr-mcp',
        })
      : undefined,
  };
}
