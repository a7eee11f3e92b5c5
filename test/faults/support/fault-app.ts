import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  appendEvents,
  DuckDbStore,
  ROLLUP_COLUMNS,
  ROLLUP_GRAINS,
  rollupAggregateSql,
  UsageEvent,
} from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../../apps/analytics-api/src/config/app-config';
import { createApp } from '../../../apps/analytics-api/src/create-app';
import { FixedClock } from '../../support/test-app';
import { TestIdentityProvider } from '../../support/jwks-server';

/** Metrics token of the fault apps; /metrics is served on the API port with it. */
export const METRICS_TOKEN = 'fault-test-metrics-token-0123456789abcdef';

/** JSON log lines written by the apps of one test file. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    for (const line of chunk
      .toString('utf8')
      .split('\n')
      .filter((text) => text.length > 0)) {
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  }

  withMessage(message: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.msg === message);
  }
}

export interface FaultApp {
  baseUrl: string;
  store: DuckDbStore;
  token: (tenantId: string, claims?: Record<string, unknown>) => string;
  get(
    path: string,
    options?: { token?: string; signal?: AbortSignal },
  ): Promise<{ status: number; contentType: string | null; body: unknown }>;
  metrics(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the whole app over HTTP on loopback like `startTestApp`, but logging at debug level to
 * `logs` and serving /metrics, so a test can check what operators would see during a fault.
 * `seed` runs against the opened store before the app starts, for datasets too large for events.
 */
export async function startFaultApp(options: {
  logs: LogCapture;
  events?: UsageEvent[];
  seed?: (store: DuckDbStore) => Promise<void>;
  env?: Record<string, string>;
}): Promise<FaultApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'usage-analytics-faults-'));
  const identity = await TestIdentityProvider.start();
  const config = loadConfig({
    DATA_DIR: dataDir,
    AUTH_ISSUER: identity.issuer,
    AUTH_JWKS_URL: identity.jwksUrl,
    DEMO_DATA: 'false',
    METRICS_TOKEN,
    ...options.env,
  });

  const store = await DuckDbStore.open(config.duckDbPath);
  if (options.events && options.events.length > 0) {
    await appendEvents(store, [options.events]);
  }
  await options.seed?.(store);

  const logger = pino(
    { level: 'debug', serializers: { err: pino.stdSerializers.errWithCause } },
    options.logs,
  );
  const app: NestFastifyApplication = await createApp(config, store, {
    clock: new FixedClock(Date.parse('2026-12-01T00:00:00Z')),
    logger,
  });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();

  return {
    baseUrl,
    store,
    token: (tenantId, claims) => identity.token(tenantId, claims),
    async get(path, { token, signal } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal,
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
    },
    async metrics() {
      const response = await fetch(`${baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      return response.text();
    },
    async close() {
      // NOTE: after a client aborts a request, the server keeps one connection that Node does not
      // count as idle until the keep-alive timeout, so `close` would wait that long without this.
      (app.getHttpServer() as Server).closeAllConnections();
      await app.close();
      store.close();
      await identity.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Inserts `rows` calls of `tenantId`, one every 2.5 seconds from 2026-11-01, and their rollup rows,
 * in one transaction. SQL instead of `appendEvents`, because a million events through CSV is slow.
 * The rollups are aggregated from the new rows only, so other periods must not hold rollup rows
 * for the same hours.
 */
export async function insertSyntheticCalls(
  store: DuckDbStore,
  { tenantId, rows }: { tenantId: string; rows: number },
): Promise<void> {
  await store.transaction(async (connection) => {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE synthetic_calls AS
       SELECT TIMESTAMPTZ '2026-11-01 00:00:00+00' + to_milliseconds(i * 2500) AS timestamp,
              TIMESTAMPTZ '2026-11-01 00:00:00+00' AS ingested_at, $tenant AS tenant_id, 'key-' || (i % 40) AS api_key_id,
              'search' AS product, '/endpoint/' || (i % 100) AS endpoint, 'GET' AS method, 200 AS status_code,
              CAST((i * 7919) % 1000 AS DOUBLE) AS duration_ms, CAST(100 AS BIGINT) AS request_bytes, CAST(1000 AS BIGINT) AS response_bytes,
              1 AS transactions, 'westeurope' AS region, CAST(MAP {} AS MAP(VARCHAR, VARCHAR)) AS params
       FROM range($rows) AS t(i)`,
      { tenant: tenantId, rows },
    );
    await connection.run(`INSERT INTO events BY NAME SELECT * FROM synthetic_calls`);
    for (const grain of ROLLUP_GRAINS) {
      await connection.run(
        `INSERT INTO ${grain.table} (${ROLLUP_COLUMNS.join(', ')}) ${rollupAggregateSql('synthetic_calls', grain)}`,
      );
    }
    await connection.run('DROP TABLE synthetic_calls');
  });
}
