import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { CacheKeyBuilder, cachedRepository, FailOpenCache, freshnessTtl } from '@analytics/cache';
import { Clock } from '@analytics/common';
import { DuckDbStore, KqlParameters, KustoQueryRunner, SCHEMA_VERSION } from '@analytics/store';
import { DuckDbErrorsRepository, ErrorsRepository, KustoErrorsRepository } from '@analytics/reports/errors';
import { DuckDbLatencyRepository, KustoLatencyRepository, LatencyRepository } from '@analytics/reports/latency';
import { DuckDbParametersRepository, KustoParametersRepository, ParametersRepository } from '@analytics/reports/parameters';
import {
  DuckDbQuotaRecordRepository,
  DuckDbQuotaUsageRepository,
  KustoQuotaRecordRepository,
  KustoQuotaUsageRepository,
  QuotaRecordRepository,
  QuotaUsageRepository,
} from '@analytics/reports/quota';
import { FreshnessPolicy } from '@analytics/reports/shared';
import { DuckDbVolumeRepository, KustoVolumeRepository, VolumeRepository } from '@analytics/reports/volume';
import { StoreProbe } from '../health/store-probe';

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
      { provide: StoreProbe, useValue: { ping: async () => void (await store.query('SELECT 1')) } satisfies StoreProbe },
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
      exports: [DuckDbStore, StoreProbe, VolumeRepository, LatencyRepository, ErrorsRepository, ParametersRepository, QuotaRecordRepository, QuotaUsageRepository],
    };
  }

  /**
   * Binds every port to its Azure Data Explorer adapter, with the same cache wrapping as DuckDB.
   * `options.rollups` has no effect yet: the Kusto report adapters read the raw events table.
   */
  static forKusto(runner: KustoQueryRunner, options: RepositoryOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: StoreProbe, useValue: { ping: async () => void (await runner.query('print ready = 1', new KqlParameters())) } satisfies StoreProbe },
      ...(options.cache ? [{ provide: FailOpenCache, useValue: options.cache }] : []),
      cachedPort(VolumeRepository, 'volume', () => new KustoVolumeRepository(runner), options),
      cachedPort(LatencyRepository, 'latency', () => new KustoLatencyRepository(runner), options),
      cachedPort(ErrorsRepository, 'errors', () => new KustoErrorsRepository(runner), options),
      cachedPort(ParametersRepository, 'parameters', () => new KustoParametersRepository(runner), options),
      { provide: QuotaRecordRepository, useFactory: () => new KustoQuotaRecordRepository(runner) },
      { provide: QuotaUsageRepository, useFactory: () => new KustoQuotaUsageRepository(runner) },
    ];

    return {
      module: RepositoriesModule,
      providers,
      exports: [StoreProbe, VolumeRepository, LatencyRepository, ErrorsRepository, ParametersRepository, QuotaRecordRepository, QuotaUsageRepository],
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
        // Percentiles from rollups differ slightly from exact ones, so the two modes never share entries.
        report: options.rollups === false ? `${report}-raw` : report,
        // The store schema version: a migration that changes what reports read also retires
        // every cached entry.
        schemaVersion: SCHEMA_VERSION,
        ttlMs: freshnessTtl(freshness, clock),
        maxStaleMs: options.maxStaleMs,
        clock,
      }),
  };
}
