import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { CacheOutcomeEvent, collectCacheOutcomes } from '@analytics/cache';
import { Clock } from '@analytics/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';

/** Name of this service's cache in the Cache-Status header (RFC 9211). */
const CACHE_NAME = 'usage-analytics';

/**
 * HTTP caching for reports (GET responses with `meta.freshUntil`): a weak `ETag` over the numbers,
 * 304 for a matching `If-None-Match`, `Cache-Control: private, max-age` until `freshUntil`, and
 * `Cache-Status` stating whether the store computed the report (miss), the cache did (hit) or a stale entry
 * stood in for a failed store (hit with a negative ttl). Responses stay private: they carry one
 * tenant's data. A report served from the cache keeps the `generatedAt` of its oldest entry and the
 * `freshUntil` of the first entry to expire, so `max-age` never outlives the cached data.
 */
@Injectable()
export class HttpCachingInterceptor implements NestInterceptor {
  constructor(private readonly clock: Clock) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (request.method !== 'GET') {
      return next.handle();
    }

    return from(
      collectCacheOutcomes(() => lastValueFrom(next.handle(), { defaultValue: undefined })).then(
        ({ result, outcomes }) => this.decorate({ request, reply, body: result, outcomes }),
      ),
    );
  }

  private decorate({
    request,
    reply,
    body,
    outcomes,
  }: {
    request: FastifyRequest;
    reply: FastifyReply;
    body: unknown;
    outcomes: CacheOutcomeEvent[];
  }): unknown {
    const meta = (body as { meta?: ReportTiming } | undefined)?.meta;
    if (
      typeof meta?.freshUntil !== 'string' ||
      typeof meta.generatedAt !== 'string' ||
      reply.getHeader('etag') !== undefined
    ) {
      return body;
    }

    const nowMs = this.clock.nowMs();
    const timing = timingOf(meta as ReportTiming, outcomes, nowMs);
    const served = { ...(body as object), meta: { ...meta, ...timing } };
    const maxAgeSeconds = Math.max(0, Math.floor((Date.parse(timing.freshUntil) - nowMs) / 1000));
    const etag = etagOf(served);
    void reply.header('etag', etag);
    void reply.header('cache-control', `private, max-age=${maxAgeSeconds}`);
    void reply.header('vary', 'Authorization');
    const status = cacheStatusOf(outcomes);
    if (status) {
      void reply.header('cache-status', status);
    }

    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      void reply.status(304);
      return undefined;
    }
    return served;
  }
}

interface ReportTiming {
  generatedAt: string;
  freshUntil: string;
}

/**
 * Returns the report's timing as the cache served it. A report assembled from cached entries is
 * as old as its oldest entry and fresh until its first entry expires, not as new as the response.
 */
function timingOf(meta: ReportTiming, outcomes: CacheOutcomeEvent[], nowMs: number): ReportTiming {
  let generatedAtMs = Date.parse(meta.generatedAt);
  let freshUntilMs = Date.parse(meta.freshUntil);
  for (const event of outcomes) {
    if (event.storedAtMs !== null) {
      generatedAtMs = Math.min(generatedAtMs, event.storedAtMs);
    }
    if (event.freshnessMs !== null) {
      freshUntilMs = Math.min(freshUntilMs, nowMs + Math.max(0, event.freshnessMs));
    }
  }
  return {
    generatedAt: new Date(generatedAtMs).toISOString(),
    freshUntil: new Date(freshUntilMs).toISOString(),
  };
}

/**
 * Computes a weak ETag over the report without `meta.generatedAt` and `meta.freshUntil`. Those two
 * fields change on every response while the numbers do not, so the tag is weak.
 */
function etagOf(body: { meta?: Record<string, unknown> }): string {
  const stableMeta = { ...body.meta };
  delete stableMeta.generatedAt;
  delete stableMeta.freshUntil;
  const stable = JSON.stringify({ ...body, meta: stableMeta });
  return `W/"${createHash('sha256').update(stable).digest('base64url').slice(0, 32)}"`;
}

/**
 * Builds one Cache-Status entry for the request: a miss when any store read ran, stale when a stale
 * entry was served, a hit when every read came from the cache.
 */
function cacheStatusOf(outcomes: CacheOutcomeEvent[]): string | undefined {
  const counted = outcomes.filter((event) => event.outcome !== 'bypass');
  if (counted.length === 0) {
    return undefined;
  }

  const stale = counted.find((event) => event.outcome === 'stale');
  if (stale) {
    return `${CACHE_NAME}; hit; ttl=${Math.round((stale.freshnessMs ?? 0) / 1000)}; detail=stale-if-error`;
  }
  if (counted.some((event) => event.outcome === 'miss')) {
    return `${CACHE_NAME}; fwd=miss; stored`;
  }
  const ttlMs = Math.min(...counted.map((event) => event.freshnessMs ?? 0));
  return `${CACHE_NAME}; hit; ttl=${Math.max(0, Math.round(ttlMs / 1000))}`;
}

/** Weak comparison, as RFC 9110 prescribes for If-None-Match; `*` matches any current response. */
function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) {
    return false;
  }
  const opaque = etag.replace(/^W\//, '');
  return value.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === opaque;
  });
}
