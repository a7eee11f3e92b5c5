import { INestApplication } from '@nestjs/common';
import { DuckDbStore } from '@analytics/store';
import { FastifyInstance } from 'fastify';
import { Server } from 'node:http';
import { Logger } from 'pino';

export interface ShutdownOptions {
  app: INestApplication;
  store: Pick<DuckDbStore, 'close'>;
  /** How long requests in flight may run after the signal before their connections are closed. */
  timeoutMs: number;
  logger: Logger;
}

const closing = new WeakSet<FastifyInstance>();

/**
 * Ends each keep-alive connection after its response once shutdown has begun. Fastify's `close`
 * ends only the connections that are idle when it is called, so without this a connection whose
 * request finishes later would keep the server open until the time limit. Register it in `createApp`.
 */
export function closeConnectionsDuringShutdown(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing.has(fastify)) {
      void reply.header('connection', 'close');
    }
  });
}

/**
 * On SIGTERM or SIGINT: stops accepting connections, lets requests in flight finish within
 * `timeoutMs`, runs the Nest shutdown hooks (metrics listener, Redis connections), closes the store
 * (unless requests were cut off) and exits. The exit code is 0 when every request finished in time and 1 when some were cut off.
 * Admin writes run in store transactions, so a cut-off write is rolled back, never half recorded.
 */
export function exitGracefullyOnSignals(options: ShutdownOptions): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      options.logger.warn({ signal }, 'shutdown already in progress');
      return;
    }
    stopping = true;
    void shutDown(options, signal).then((code) => process.exit(code));
  };

  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Runs the shutdown sequence and returns the exit code; does not exit. */
export async function shutDown(
  { app, store, timeoutMs, logger }: ShutdownOptions,
  signal: string,
): Promise<number> {
  logger.info(
    { signal, timeoutMs },
    'shutting down: no new connections, waiting for requests in flight',
  );
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const server = app.getHttpServer() as Server;

  closing.add(fastify);
  const drained = await Promise.race([
    fastify.close().then(() => true),
    delay(timeoutMs).then(() => false),
  ]);
  if (!drained) {
    logger.warn(
      { timeoutMs },
      'requests still in flight at the shutdown time limit; closing their connections',
    );
    server.closeAllConnections();
  }

  let code = drained ? 0 : 1;
  try {
    await app.close();
  } catch (error) {
    logger.error({ err: error }, 'a shutdown hook failed');
    code = 1;
  }

  // Handlers cut off above may still be inside a query, and closing the database under a running
  // query is not safe. The process exit releases the file, and DuckDB replays its WAL on next open.
  if (drained) {
    store.close();
  }

  logger.info({ exitCode: code }, 'stopped');
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  return code;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
