import { Principal } from '@analytics/auth';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { AppMetrics } from './app-metrics';

/** Route label of requests that matched no route, so unknown paths cannot grow the label set. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Status logged for a request whose client left before the response was written. */
const CLIENT_CLOSED_REQUEST = 499;

/** Routes that probes and scrapers call every few seconds; their lines are logged at debug level. */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Writes one log line per request (request id, tenant, method, route template, status, duration)
 * and records the request duration histogram. Register it before Nest adds its routes.
 */
export function observeRequests(
  fastify: FastifyInstance,
  { logger, metrics }: { logger: Logger; metrics: AppMetrics },
): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    // pino-http, which nestjs-pino runs as middleware on the raw request, reads the id from here.
    request.raw.id = request.id;
    done();
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request);
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    // A response that never finished went to a client that had left: 499, as nginx logs it, so
    // a cancelled request does not count as a server error.
    const status = reply.raw.writableFinished ? reply.statusCode : CLIENT_CLOSED_REQUEST;
    const line = {
      requestId: request.id,
      tenant: tenantOf(request),
      method: request.method,
      route,
      path: pathOf(request),
      status,
      durationMs,
    };

    metrics.observeRequest({ method: request.method, route, status, durationMs });
    if (QUIET_ROUTES.has(route)) {
      logger.debug(line, 'request completed');
    } else {
      logger[status >= 500 ? 'warn' : 'info'](line, 'request completed');
    }
    done();
  });

  fastify.addHook('onRequestAbort', (request, done) => {
    logger.info(
      {
        requestId: request.id,
        tenant: tenantOf(request),
        method: request.method,
        route: routeOf(request),
        path: pathOf(request),
      },
      'request aborted by the client',
    );
    done();
  });
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}

/** The path without its query string, which may carry filter values, cut to 512 characters. */
function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0].slice(0, 512);
}

function tenantOf(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { user?: Principal }).user?.tenantId;
}
