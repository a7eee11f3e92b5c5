import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { TenantScope, DomainError } from '@analytics/common';
import { decode } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthSettings } from './auth-settings';
import { KeySource } from './jwks/key-source';
import { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

const extractBearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Verifies bearer JWTs: signature against the key set (asymmetric algorithms only), issuer,
 * audience, expiry and not-before with the configured clock tolerance. A valid token without a
 * tenant claim is authenticated but not authorized, so it gets 403 rather than 401: the caller's
 * credential works, and asking the SSO again would not add the claim.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly settings: AuthSettings,
    keySource: KeySource,
    private readonly tokenCache: VerifiedTokenCache,
  ) {
    super({
      jwtFromRequest: extractBearerToken,
      passReqToCallback: true,
      algorithms: [...settings.algorithms],
      issuer: settings.issuer,
      audience: settings.audience,
      jsonWebTokenOptions: { clockTolerance: settings.clockToleranceSeconds },
      secretOrKeyProvider: (
        _request: unknown,
        rawToken: string,
        done: (error: unknown, key?: string | Buffer) => void,
      ) => {
        const header = decode(rawToken, { complete: true })?.header;
        keySource
          .findKey(header?.kid)
          .then((key) =>
            done(
              key ? null : new Error('unknown signing key'),
              key?.export({ format: 'pem', type: 'spki' }),
            ),
          )
          .catch((error: unknown) => done(error));
      },
    });
  }

  /** Skips the signature check for a token verified before and not yet expired. */
  override authenticate(request: Parameters<typeof extractBearerToken>[0], options?: object): void {
    const token = extractBearerToken(request);
    const principal = token ? this.tokenCache.get(token) : undefined;
    if (principal) {
      this.success(principal);
      return;
    }
    super.authenticate(request, options);
  }

  validate(
    request: Parameters<typeof extractBearerToken>[0],
    payload: Record<string, unknown>,
  ): Principal {
    const principal = this.principalOf(payload);
    const token = extractBearerToken(request);
    if (token) {
      this.tokenCache.set(token, principal, payload.exp);
    }
    return principal;
  }

  private principalOf(payload: Record<string, unknown>): Principal {
    const { claims } = this.settings;
    // jsonwebtoken accepts a token without `exp`, which would never expire, and rate limits
    // count per subject, so both claims are required.
    if (typeof payload.exp !== 'number') {
      throw new DomainError(
        'unauthenticated',
        'The bearer token has no "exp" claim; tokens must expire',
      );
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new DomainError('unauthenticated', 'The bearer token has no "sub" (subject) claim');
    }
    const tenantId = payload[claims.tenant];
    if (!TenantScope.isValidId(tenantId)) {
      throw new DomainError(
        'forbidden',
        `The token has no valid "${claims.tenant}" (tenant) claim`,
      );
    }

    return {
      tenantId,
      subject: payload.sub,
      roles: stringList(payload[claims.roles] ?? payload.scope ?? payload.scp),
      managedTenants: stringList(payload[claims.managedTenants]),
    };
  }
}

/** Accepts a JSON array of strings or an OAuth-style space-separated string. */
function stringList(value: unknown): string[] {
  if (typeof value === 'string') {
    return value.split(' ').filter((item) => item.length > 0);
  }
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  return [];
}
