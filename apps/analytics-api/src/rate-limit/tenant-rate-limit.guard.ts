import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, Principal } from '@analytics/auth';
import { DomainError } from '@analytics/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppMetrics } from '../observability/app-metrics';
import { RateLimitCounter } from './rate-limit-counter';
import { RateLimitSettings } from './rate-limit-settings';

const POLICY = 'default';

/**
 * Rate limits per tenant and subject, never per IP alone: many customers share egress IPs, and
 * one customer's many IPs must not multiply its limit. Runs after authentication, so the
 * principal is known. Every counted response carries the IETF RateLimit and RateLimit-Policy
 * headers (draft-ietf-httpapi-ratelimit-headers); a rejected request is a 429 problem with
 * Retry-After.
 */
@Injectable()
export class TenantRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly counter: RateLimitCounter,
    private readonly settings: RateLimitSettings,
    private readonly metrics: AppMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Public routes (health probes, the dev JWKS) have no principal to count against.
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const principal = request.user;
    if (!principal) {
      return true;
    }

    const limit = principal.roles.includes('quota:admin')
      ? this.settings.adminLimit
      : this.settings.readerLimit;
    const { hits, resetSeconds } = await this.counter.increment(
      `${principal.tenantId}:${principal.subject}`,
      this.settings.windowSeconds * 1000,
    );

    void reply.header(
      'ratelimit-policy',
      `"${POLICY}";q=${limit};w=${this.settings.windowSeconds}`,
    );
    void reply.header('ratelimit', `"${POLICY}";r=${Math.max(0, limit - hits)};t=${resetSeconds}`);

    if (hits > limit) {
      this.metrics.countRateLimitRejection({ route: request.routeOptions.url ?? 'unknown' });
      void reply.header('retry-after', String(resetSeconds));
      throw new DomainError(
        'rate_limited',
        `Rate limit of ${limit} requests per ${this.settings.windowSeconds} s exceeded for this tenant and user; retry after ${resetSeconds} s`,
      );
    }
    return true;
  }
}
