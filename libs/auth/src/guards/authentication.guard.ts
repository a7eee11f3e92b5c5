import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@analytics/common';
import { Principal } from '../principal';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './require-roles.decorator';

/**
 * The global guard: every route needs a verified token unless marked `@Public()`. No token or an
 * invalid one is 401; a valid token without the tenant claim or a required role is 403.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }

    await super.canActivate(context);

    const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets) ?? [];
    const missing = required.filter((role) => !principal.roles.includes(role));
    if (missing.length > 0) {
      throw new DomainError(
        'forbidden',
        `The token lacks the role${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      );
    }
    return true;
  }

  override handleRequest<T>(error: unknown, principal: T | false, info: unknown): T {
    if (error instanceof DomainError) {
      throw error;
    }
    if (error || !principal) {
      throw new DomainError('unauthenticated', describeTokenFailure(error ?? info));
    }
    return principal;
  }
}

/** Says why a token failed without echoing it; the reasons come from jsonwebtoken and passport-jwt. */
function describeTokenFailure(reason: unknown): string {
  const message = reason instanceof Error ? reason.message : '';
  if (/No auth token/i.test(message)) {
    return 'A bearer token is required: send "Authorization: Bearer <token>"';
  }
  if (/expired/i.test(message)) {
    return 'The bearer token has expired; request a new one';
  }
  if (/not active/i.test(message)) {
    return 'The bearer token is not valid yet (nbf is in the future)';
  }
  if (/audience|issuer/i.test(message)) {
    return `The bearer token was issued for another ${/audience/i.test(message) ? 'audience' : 'issuer'}`;
  }
  return 'The bearer token is invalid: its signature, algorithm or format was rejected';
}
