import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { CacheKeyBuilder, cachedRepository, FailOpenCache, freshnessTtl } from '@analytics/cache';
import { Clock } from '@analytics/common';
import { DuckDbStore, KustoQueryRunner, SCHEMA_VERSION } from '@analytics/store';
import {
  DuckDbErrorsRepository,
  ErrorsRepository,
  KustoErrorsRepository,
} from '@analytics/reports/errors';
import {
  DuckDbLatencyRepository,
  KustoLatencyRepository,
  LatencyRepository,
} from '@analytics/reports/latency';
import {
  DuckDbParametersRepository,
  KustoParametersRepository,
  ParametersRepository,
} from '@analytics/reports/parameters';
import {
  DuckDbQuotaRecordRepository,
  DuckDbQuotaUsageRepository,
  KustoQuotaRecordRepository,
  KustoQuotaUsageRepository,
  QuotaRecordRepository,
  QuotaUsageRepository,
} from '@analytics/reports/quota';
import { FreshnessPolicy } from '@analytics/reports/shared';
import {
  DuckDbVolumeRepository,
  KustoVolumeRepository,
  VolumeRepository,
} from '@analytics/reports/volume';
import { PinoLogger } from 'nestjs-pino';
import { StoreProbe } from '../health/store-probe';
import { AppMetrics } from '../observability/app-metrics';
import { instrumentRepository, reportCacheOutcome } from '../observability/instrument-repository';
import { currentRequestContext, runWithSignal } from '../observability/request-context';

export interface RepositoryOptions {
  /**
   * Lets the reports read the rollups where they fit. The parameters report always reads raw
   * events; quota usage reads the Kusto rollup views but the raw DuckDB events.
   */
  rollups: boolean;
  /** The report cache; undefined reads the store on every call. */
  cache?: FailOpenCache;
  keyPrefix: string;
  maxStaleMs: number;
}

type Port = abstract new (...args: never[]) => object;

/** One factory per port: the adapters of one store. */
interface StoreAdapters {
  volume: () => VolumeRepository;
  latency: () => LatencyRepository;
  errors: () => ErrorsRepository;
  parameters: () => ParametersRepository;
  quotaRecords: () => QuotaRecordRepository;
  quotaUsage: () => QuotaUsageRepository;
}

const PORTS = [
  VolumeRepository,
  LatencyRepository,
  ErrorsRepository,
  ParametersRepository,
  QuotaRecordRepository,
  QuotaUsageRepository,
];

/**
 * Binds every repository port to its store adapter and wraps the report ports in the cache
 * decorator. This is the one place that decides which adapter serves which port.
 *
 * The quota ports are not cached: account managers change quotas and expect to read the change
 * back at once, and a quota read is one small aggregate.
 */
@Global()
@Module({})
export class RepositoriesModule {
  static forDuckDb(store: DuckDbStore, options: RepositoryOptions): DynamicModule {
    const { rollups } = options;
    const probe: StoreProbe = { ping: async () => void (await store.query('SELECT 1')) };
    const adapters: StoreAdapters = {
      volume: () => new DuckDbVolumeRepository(store, { rollups }),
      latency: () => new DuckDbLatencyRepository(store, { rollups }),
      errors: () => new DuckDbErrorsRepository(store, { rollups }),
      parameters: () => new DuckDbParametersRepository(store),
      quotaRecords: () => new DuckDbQuotaRecordRepository(store),
      quotaUsage: () => new DuckDbQuotaUsageRepository(store),
    };

    const module = bindPorts({
      adapters,
      probe,
      options: { ...options, store: 'duckdb', cached: true },
    });
    return {
      ...module,
      providers: [{ provide: DuckDbStore, useValue: store }, ...(module.providers ?? [])],
      exports: [DuckDbStore, ...(module.exports ?? [])],
    };
  }

  /**
   * Binds every port to its Azure Data Explorer adapter, with the same cache wrapping as DuckDB,
   * and counts the runner's retries in the `store_retries_total` metric.
   */
  static forKusto(runner: KustoQueryRunner, options: RepositoryOptions): DynamicModule {
    const { rollups } = options;
    const probe: StoreProbe = { ping: (timeoutMs) => runner.ping(timeoutMs) };
    const adapters: StoreAdapters = {
      volume: () => new KustoVolumeRepository(runner, { rollups }),
      latency: () => new KustoLatencyRepository(runner, { rollups }),
      errors: () => new KustoErrorsRepository(runner, { rollups }),
      parameters: () => new KustoParametersRepository(runner),
      quotaRecords: () => new KustoQuotaRecordRepository(runner),
      quotaUsage: () => new KustoQuotaUsageRepository(runner, { rollups }),
    };
    const retryMetric: Provider = {
      provide: KUSTO_RETRY_METRIC,
      inject: [AppMetrics],
      useFactory: (metrics: AppMetrics) => {
        runner.onRetry(() => metrics.countStoreRetry({ store: 'kusto' }));
        return true;
      },
    };

    const module = bindPorts({
      adapters,
      probe,
      options: { ...options, store: 'kusto', cached: true },
    });
    return { ...module, providers: [retryMetric, ...(module.providers ?? [])] };
  }
}

/** Token of the provider that subscribes the retry metric to the Kusto runner; nothing injects it. */
const KUSTO_RETRY_METRIC = Symbol('KustoRetryMetric');

function bindPorts(request: {
  adapters: StoreAdapters;
  probe: StoreProbe;
  options: PortOptions;
}): DynamicModule {
  const { adapters, probe, options } = request;
  const uncached = { ...options, cached: false };
  const providers: Provider[] = [
    { provide: StoreProbe, useValue: probe },
    // Registered so that Nest closes the Redis connection on shutdown.
    ...(options.cache ? [{ provide: FailOpenCache, useValue: options.cache }] : []),
    reportPort(VolumeRepository, 'volume', adapters.volume, options),
    reportPort(LatencyRepository, 'latency', adapters.latency, options),
    reportPort(ErrorsRepository, 'errors', adapters.errors, options),
    reportPort(ParametersRepository, 'parameters', adapters.parameters, options),
    reportPort(QuotaRecordRepository, 'quota-records', adapters.quotaRecords, uncached),
    reportPort(QuotaUsageRepository, 'quota-usage', adapters.quotaUsage, uncached),
  ];

  return { module: RepositoriesModule, providers, exports: [StoreProbe, ...PORTS] };
}

interface PortOptions extends RepositoryOptions {
  /** Store name in logs and metrics. */
  store: string;
  /** Whether results go through the cache (when one is configured). */
  cached: boolean;
}

/**
 * Binds a port to its adapter: the cache decorator around the adapter, and the instrumentation
 * (one log line and the metrics per call) around the cache, so that hits are counted too.
 */
function reportPort<T extends object>(
  port: Port,
  report: string,
  createAdapter: () => T,
  options: PortOptions,
): Provider {
  return {
    provide: port,
    inject: [FreshnessPolicy, Clock, AppMetrics, PinoLogger],
    useFactory: (
      freshness: FreshnessPolicy,
      clock: Clock,
      metrics: AppMetrics,
      logger: PinoLogger,
    ) => {
      const adapter = createAdapter();
      const inner =
        options.cached && options.cache
          ? cached(adapter, { report, freshness, clock, options })
          : adapter;
      return instrumentRepository(inner, { report, store: options.store, logger, metrics });
    },
  };
}

function cached<T extends object>(
  adapter: T,
  request: { report: string; freshness: FreshnessPolicy; clock: Clock; options: PortOptions },
): T {
  const { report, freshness, clock, options } = request;
  return cachedRepository(adapter, {
    cache: options.cache as FailOpenCache,
    keys: new CacheKeyBuilder(options.keyPrefix),
    // The stores estimate percentiles differently, and so do rollups and raw events, so no two
    // of these ever share entries, even in one Redis.
    report: `${options.store}-${report}${options.rollups === false ? '-raw' : ''}`,
    // The store schema version: a migration that changes what reports read also retires
    // every cached entry.
    schemaVersion: SCHEMA_VERSION,
    ttlMs: freshnessTtl(freshness, clock),
    maxStaleMs: options.maxStaleMs,
    clock,
    onOutcome: reportCacheOutcome,
    cancellation: { current: () => currentRequestContext()?.signal, run: runWithSignal },
  });
}
