import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { FastifyInstance } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { AppMetrics } from './app-metrics';

/** Where /metrics is served: `METRICS_PORT`, `METRICS_TOKEN`, both or neither. */
export interface MetricsExposure {
  /** A port of its own on the API's host; undefined serves /metrics on the API port, if at all. */
  port?: number;
  /** Bearer token that a scraper must send; required on the API port. */
  token?: string;
}

/**
 * Serves /metrics on the API port behind the bearer token. Without a token it is not served there,
 * so a deployment that sets neither variable exposes no metrics to API clients.
 */
export function serveMetricsOnApiPort(
  fastify: FastifyInstance,
  { metrics, token }: { metrics: AppMetrics; token: string },
): void {
  fastify.get('/metrics', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .header('content-type', 'application/problem+json')
        .send(unauthorizedProblem(String(request.id)));
    }
    return reply.header('content-type', metrics.contentType).send(await metrics.render());
  });
}

/** The separate metrics listener of `METRICS_PORT`, started and stopped with the application. */
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: AppMetrics,
    private readonly options: { host: string; port: number; token?: string; logger: Logger },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });

    this.server = server;
    this.options.logger.info(
      { host: this.options.host, port: this.port },
      'metrics listening on /metrics',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) {
      return;
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** The bound port; differs from the configured one when that is 0. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('Not found: metrics are served at GET /metrics\n');
      return;
    }
    if (
      this.options.token !== undefined &&
      !bearerMatches(request.headers.authorization, this.options.token)
    ) {
      response
        .writeHead(401, {
          'www-authenticate': 'Bearer',
          'content-type': 'application/problem+json',
        })
        .end(JSON.stringify(unauthorizedProblem('')));
      return;
    }

    try {
      const body = await this.metrics.render();
      response.writeHead(200, { 'content-type': this.metrics.contentType }).end(body);
    } catch (error) {
      this.options.logger.error({ err: error }, 'metrics rendering failed');
      response
        .writeHead(500, { 'content-type': 'text/plain' })
        .end('Metrics could not be rendered; see the server log\n');
    }
  }
}

/** Compares digests, so the comparison takes the same time whatever the length of the guess. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return timingSafeEqual(sha256(presented), sha256(token));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function unauthorizedProblem(requestId: string): object {
  return {
    type: '/problems/unauthenticated',
    title: 'Authentication required',
    status: 401,
    detail: 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"',
    instance: '/metrics',
    requestId,
  };
}
