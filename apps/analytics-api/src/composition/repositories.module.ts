import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { CacheKeyBuilder, cachedRepository, FailOpenCache, freshnessTtl } from '@analytics/cache';
import { Clock } from '@analytics/common';
import { DuckDbStore, SCHEMA_VERSION } from '@analytics/store';
import { DuckDbErrorsRepository, ErrorsRepository } from '@analytics/reports/errors';
import { DuckDbLatencyRepository, LatencyRepository } from '@analytics/reports/latency';
import { DuckDbParametersRepository, ParametersRepository } from '@analytics/reports/parameters';
import { DuckDbQuotaRecordRepository, DuckDbQuotaUsageRepository, QuotaRecordRepository, QuotaUsageRepository } from '@analytics/reports/quota';
import { FreshnessPolicy } from '@analytics/reports/shared';
import { DuckDbVolumeRepository, VolumeRepository } from '@analytics/reports/volume';

export interface RepositoryOptions {
  /** Lets the grouped reports read the rollup tables; the parameters and quota reports read raw events. */
  rollups: boolean;
  /** The report cache; undefined reads the store on every call. */
  cache?: FailOpenCache;
  keyPrefix: string;
  maxStaleMs: number;
}

type Port = abstract new (...args: never[]) => object;

/**
 * Binds every repository port to its store adapter and wraps the report ports in the cache
 * decorator. This is the one place that knows which adapter serves which port.
 *
 * The quota ports are not cached: account managers change quotas and expect to read the change
 * back at once, and a quota read is one small aggregate.
 */
@Global()
@Module({})
export class RepositoriesModule {
  static forDuckDb(store: DuckDbStore, options: RepositoryOptions): DynamicModule {
    const { rollups } = options;
    const providers: Provider[] = [
      { provide: DuckDbStore, useValue: store },
      // Registered so that Nest closes the Redis connection on shutdown.
      ...(options.cache ? [{ provide: FailOpenCache, useValue: options.cache }] : []),
      cachedPort(VolumeRepository, 'volume', () => new DuckDbVolumeRepository(store, { rollups }), options),
      cachedPort(LatencyRepository, 'latency', () => new DuckDbLatencyRepository(store, { rollups }), options),
      cachedPort(ErrorsRepository, 'errors', () => new DuckDbErrorsRepository(store, { rollups }), options),
      cachedPort(ParametersRepository, 'parameters', () => new DuckDbParametersRepository(store), options),
      { provide: QuotaRecordRepository, useFactory: () => new DuckDbQuotaRecordRepository(store) },
      { provide: QuotaUsageRepository, useFactory: () => new DuckDbQuotaUsageRepository(store) },
    ];

    return {
      module: RepositoriesModule,
      providers,
      exports: [DuckDbStore, VolumeRepository, LatencyRepository, ErrorsRepository, ParametersRepository, QuotaRecordRepository, QuotaUsageRepository],
    };
  }
}

function cachedPort<T extends object>(port: Port, report: string, createAdapter: () => T, options: RepositoryOptions): Provider {
  const { cache } = options;
  if (!cache) {
    return { provide: port, useFactory: createAdapter };
  }

  return {
    provide: port,
    inject: [FreshnessPolicy, Clock],
    useFactory: (freshness: FreshnessPolicy, clock: Clock) =>
      cachedRepository(createAdapter(), {
        cache,
        keys: new CacheKeyBuilder(options.keyPrefix),
        report,
        // The store schema version: a migration that changes what reports read also retires
        // every cached entry.
        schemaVersion: SCHEMA_VERSION,
        ttlMs: freshnessTtl(freshness, clock),
        maxStaleMs: options.maxStaleMs,
        clock,
      }),
  };
}
