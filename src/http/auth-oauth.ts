// OAuth 2.1 resource server: a JWT is accepted when its signature verifies against the issuer's JWKS
// and it names our issuer and audience and has not expired. The principal is one of its claims.
import { type AuthInfo, OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { isPrincipal, isReservedPrincipal } from '../principal.js';

export interface OAuthSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  principalClaim: string;
}

export type JwtVerifier = (token: string) => Promise<AuthInfo>;

/** What a client may learn about a refused JWT (no claim values, no key material). */
function refusal(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new OAuthError(OAuthErrorCode.InvalidToken, 'The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new OAuthError(OAuthErrorCode.InvalidToken, `The token's ${error.claim} claim is not accepted here`);
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && !(error instanceof errors.JOSEError))) {
    return new OAuthError(OAuthErrorCode.ServerError, 'The key set of the token issuer could not be fetched');
  }
  return new OAuthError(OAuthErrorCode.InvalidToken, 'The token is not a valid JWT signed by the configured issuer');
}

export function createJwtVerifier(settings: OAuthSettings): JwtVerifier {
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (token) => {
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw refusal(error);
    }
    const principal = payload[settings.principalClaim];
    if (typeof principal === 'string' && isReservedPrincipal(principal)) {
      throw new OAuthError(OAuthErrorCode.InvalidToken, `The token's ${settings.principalClaim} claim names a reserved principal`);
    }
    if (typeof principal !== 'string' || !isPrincipal(principal)) {
      throw new OAuthError(OAuthErrorCode.InvalidToken, `The token has no usable ${settings.principalClaim} claim to name the caller`);
    }
    const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    const clientId = typeof payload.azp === 'string' ? payload.azp : typeof payload.client_id === 'string' ? payload.client_id : principal;
    return { token, clientId, scopes: scope, expiresAt: payload.exp, extra: { principal } };
  };
}
