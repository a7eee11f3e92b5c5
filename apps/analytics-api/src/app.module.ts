import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import {
  AuthenticationGuard,
  AuthModule,
  AuthSettings,
  DevSigningKey,
  KeySource,
} from '@analytics/auth';
import { FailOpenCache } from '@analytics/cache';
import { Clock, CursorCodec } from '@analytics/common';
import { FreshnessPolicy, ReportDependencies } from '@analytics/reports/shared';
import { ErrorsModule } from '@analytics/reports/errors';
import { LatencyModule } from '@analytics/reports/latency';
import { ParametersModule } from '@analytics/reports/parameters';
import { QuotaModule } from '@analytics/reports/quota';
import { VolumeModule } from '@analytics/reports/volume';
import { DuckDbStore } from '@analytics/store';
import { AppStore } from './composition/app-store';
import { RepositoriesModule, RepositoryOptions } from './composition/repositories.module';
import { AppConfig } from './config/app-config';
import { DevJwksController } from './dev-issuer/dev-jwks.controller';
import { HealthModule } from './health/health.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { HttpCachingInterceptor } from './http/http-caching.interceptor';
import { createValidationPipe } from './http/validation-pipe';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RateLimitCounter } from './rate-limit/rate-limit-counter';
import { TenantRateLimitGuard } from './rate-limit/tenant-rate-limit.guard';
import { Observability, ObservabilityModule } from './observability/observability.module';

/** What `main` prepares before Nest starts: the opened store, keys and secrets. */
export interface AppRuntime {
  config: AppConfig;
  store: AppStore;
  authSettings: AuthSettings;
  keySource: KeySource;
  /** Present when the embedded dev issuer is in use; its JWKS is then served. */
  devSigningKey?: DevSigningKey;
  cursorSecret: Buffer;
  clock?: Clock;
  observability: Observability;
  /** The report cache (Redis or in-memory LRU); undefined when CACHE_ENABLED=false. */
  cache?: FailOpenCache;
  /** Rate-limit counters: Redis when configured, else in memory. */
  rateLimitCounter: RateLimitCounter;
}

/** Binds the ports to the adapters of the store that `STORE` selected. */
function repositoriesFor(runtime: AppRuntime): DynamicModule {
  const options: RepositoryOptions = {
    rollups: runtime.config.rollups,
    cache: runtime.cache,
    keyPrefix: 'usage-analytics-report',
    maxStaleMs: runtime.config.cache.maxStaleSeconds * 1000,
  };
  return runtime.store instanceof DuckDbStore
    ? RepositoriesModule.forDuckDb(runtime.store, options)
    : RepositoriesModule.forKusto(runtime.store.runner, options);
}

@Global()
@Module({})
class CoreModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    const { freshness } = runtime.config;
    const providers: Provider[] = [
      { provide: Clock, useValue: runtime.clock ?? new Clock() },
      { provide: CursorCodec, useValue: new CursorCodec(runtime.cursorSecret) },
      {
        provide: FreshnessPolicy,
        useValue: new FreshnessPolicy(
          freshness.ingestionDelaySeconds * 1000,
          freshness.recentTtlSeconds * 1000,
          freshness.settledTtlSeconds * 1000,
        ),
      },
      ReportDependencies,
    ];
    return { module: CoreModule, providers, exports: providers };
  }
}

/** The composition root: picks the store adapter, the identity provider and the reports. */
@Module({})
export class AppModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    const devIssuer = runtime.devSigningKey
      ? {
          controllers: [DevJwksController],
          providers: [{ provide: DevSigningKey, useValue: runtime.devSigningKey }],
        }
      : { controllers: [], providers: [] };

    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot(runtime.observability),
        CoreModule.forRoot(runtime),
        repositoriesFor(runtime),
        AuthModule.forRoot({ settings: runtime.authSettings, keySource: runtime.keySource }),
        RateLimitModule.forRoot({
          settings: runtime.config.rateLimit,
          counter: runtime.rateLimitCounter,
        }),
        VolumeModule,
        LatencyModule,
        ErrorsModule,
        ParametersModule.forRoot({ secretParameters: runtime.config.secretParameters }),
        QuotaModule,
        HealthModule.forRoot({
          checkTimeoutMs: runtime.config.resilience.healthCheckTimeoutMs,
          redisUrl: runtime.config.redisUrl,
        }),
      ],
      controllers: [...devIssuer.controllers],
      providers: [
        ...devIssuer.providers,
        // Global guards run in this order: the throttler counts per tenant, so it needs the
        // principal that authentication sets.
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: TenantRateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: HttpCachingInterceptor },
      ],
    };
  }
}
