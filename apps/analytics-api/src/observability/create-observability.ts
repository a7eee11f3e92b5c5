import { QueryLimitsAware } from '@analytics/store';
import { FastifyInstance } from 'fastify';
import { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { AppMetrics } from './app-metrics';
import { createRootLogger } from './logging';
import { serveMetricsOnApiPort } from './metrics-endpoint';
import { Observability } from './observability.module';
import { currentRequestContext } from './request-context';
import { observeRequests } from './request-observers';

/**
 * Builds the logger and metrics of one application and attaches them to its Fastify instance and
 * store: request lines and durations, /metrics on the API port when only `METRICS_TOKEN` is set,
 * and the request deadline and cancellation for every store query.
 */
export function setUpObservability({
  config,
  fastify,
  store,
  logger,
}: {
  config: AppConfig;
  fastify: FastifyInstance;
  store?: QueryLimitsAware;
  logger?: Logger | false;
}): Observability {
  const root =
    logger === false
      ? createRootLogger({ level: 'silent' })
      : (logger ?? createRootLogger({ level: config.observability.logLevel }));
  const metrics = new AppMetrics();
  const { metricsPort, metricsToken } = config.observability;

  observeRequests(fastify, { logger: root, metrics });
  if (metricsPort === undefined && metricsToken !== undefined) {
    serveMetricsOnApiPort(fastify, { metrics, token: metricsToken });
  }

  store?.useQueryLimits(() => {
    const context = currentRequestContext();
    return context && { deadlineMs: context.deadlineMs, signal: context.signal };
  });

  return {
    logger: root,
    metrics,
    requestTimeoutMs: config.resilience.requestTimeoutMs,
    host: config.host,
    metricsExposure: { port: metricsPort, token: metricsToken },
  };
}
