import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { Logger } from 'pino';
import { AppMetrics } from './app-metrics';
import { loggerModuleParams } from './logging';
import { MetricsExposure, MetricsServer } from './metrics-endpoint';
import { RequestContextInterceptor, RequestTimeout } from './request-context.interceptor';

/** What `createApp` builds before Nest starts, so that Fastify hooks and Nest share it. */
export interface Observability {
  logger: Logger;
  metrics: AppMetrics;
  requestTimeoutMs: number;
  host: string;
  metricsExposure: MetricsExposure;
}

/**
 * Logging through pino, the request context with its deadline, and the metrics. Global, so that
 * any module can inject `AppMetrics` and nestjs-pino's `PinoLogger`.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(observability: Observability): DynamicModule {
    const { logger, metrics, requestTimeoutMs, host, metricsExposure } = observability;
    const providers: Provider[] = [
      { provide: AppMetrics, useValue: metrics },
      { provide: RequestTimeout, useValue: new RequestTimeout(requestTimeoutMs) },
      { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
    ];

    if (metricsExposure.port !== undefined) {
      const { port, token } = metricsExposure;
      providers.push({
        provide: MetricsServer,
        useFactory: () => new MetricsServer(metrics, { host, port, token, logger }),
      });
    }

    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggerModuleParams(logger))],
      providers,
      exports: [AppMetrics],
    };
  }
}
