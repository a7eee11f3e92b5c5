import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Outcome of one repository call as the metrics label it. */
export type StoreCallOutcome = 'ok' | 'error' | 'timeout' | 'cancelled';

/** Seconds; from a cached result (about 1 ms) to a query near the default request timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one application instance. Each instance has a registry of its own, so
 * several apps in one process (the end-to-end tests) do not share counters.
 */
export class AppMetrics {
  readonly registry = new Registry();

  private readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the arrival of a request to its response, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly storeQueryDuration = new Histogram({
    name: 'store_query_duration_seconds',
    help: 'Time of repository calls that reached the store (cache hits excluded), by report, store, method and outcome',
    labelNames: ['report', 'store', 'method', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly cacheHits = new Counter({
    name: 'cache_hits_total',
    help: 'Repository calls served from a fresh cache entry, by report',
    labelNames: ['report'] as const,
    registers: [this.registry],
  });

  private readonly cacheMisses = new Counter({
    name: 'cache_misses_total',
    help: 'Repository calls that went to the store because no fresh cache entry existed, by report',
    labelNames: ['report'] as const,
    registers: [this.registry],
  });

  private readonly cacheStaleServed = new Counter({
    name: 'cache_stale_served_total',
    help: 'Repository calls served from an expired cache entry because the store failed, by report',
    labelNames: ['report'] as const,
    registers: [this.registry],
  });

  private readonly rateLimitRejections = new Counter({
    name: 'rate_limit_rejections_total',
    help: 'Requests rejected with 429 by the rate limiter, by route template',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  private readonly storeRetries = new Counter({
    name: 'store_retries_total',
    help: 'Store queries sent again after a transient failure, by store',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  constructor({ processMetrics = true }: { processMetrics?: boolean } = {}) {
    if (processMetrics) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  observeRequest({
    method,
    route,
    status,
    durationMs,
  }: {
    method: string;
    route: string;
    status: number;
    durationMs: number;
  }): void {
    this.httpRequestDuration.observe({ method, route, status: String(status) }, durationMs / 1000);
  }

  observeStoreQuery({
    report,
    store,
    method,
    outcome,
    durationMs,
  }: {
    report: string;
    store: string;
    method: string;
    outcome: StoreCallOutcome;
    durationMs: number;
  }): void {
    this.storeQueryDuration.observe({ report, store, method, outcome }, durationMs / 1000);
  }

  countCacheOutcome({ report, outcome }: { report: string; outcome: string }): void {
    if (outcome === 'hit') {
      this.cacheHits.inc({ report });
    } else if (outcome === 'miss') {
      this.cacheMisses.inc({ report });
    } else if (outcome === 'stale') {
      this.cacheStaleServed.inc({ report });
    }
  }

  /** Call once per request that the rate limiter rejects. */
  countRateLimitRejection({ route }: { route: string }): void {
    this.rateLimitRejections.inc({ route });
  }

  /** Call once per query that a store adapter sends again after a transient failure. */
  countStoreRetry({ store }: { store: string }): void {
    this.storeRetries.inc({ store });
  }

  /** Renders the registry in the Prometheus text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
