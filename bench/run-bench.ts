import { DevSigningKey } from '@analytics/auth';
import { DuckDbStore } from '@analytics/store';
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChildServer, freePort } from './child-server';
import { DAY_MS, Dataset, ensureDatasets } from './datasets';
import { describeMachine } from './machine';

const ROOT = process.cwd();
const DATA_ROOT = join(ROOT, 'bench', '.data');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const SERVER_ENTRY = join(ROOT, 'dist', 'apps', 'analytics-api', 'src', 'main.js');
const LOAD_SECONDS = 10;
const CONNECTIONS = 10;
const TIMED_RUNS = 7;
const WARM_UP_RUNS = 2;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Report URLs over the dataset's last 30 days, daily buckets in `timeZone`. */
function reportUrls(
  dataset: Dataset,
  timeZone: string,
): { volume: string; latency: string; errors: string; volumeByProduct: string } {
  const to = new Date(dataset.endMs).toISOString().replace('.000Z', 'Z');
  const from = new Date(dataset.endMs - 30 * DAY_MS).toISOString().replace('.000Z', 'Z');
  const common = `from=${from}&to=${to}&granularity=day&timezone=${encodeURIComponent(timeZone)}`;
  return {
    volume: `/v1/usage/volume?${common}`,
    volumeByProduct: `/v1/usage/volume?${common}&groupBy=product`,
    latency: `/v1/usage/latency?${common}`,
    errors: `/v1/usage/errors?${common}&groupBy=endpoint`,
  };
}

function tokenFor(dataset: Dataset): string {
  const key = DevSigningKey.loadOrCreate(DevSigningKey.fileIn(dataset.dataDir));
  return key.mint({
    tenantId: dataset.tenant,
    subject: 'bench',
    roles: ['analytics:read'],
    managedTenants: [],
    expiresInSeconds: 3600,
  });
}

async function startApi(dataset: Dataset, cache: boolean): Promise<ChildServer> {
  const port = await freePort();
  return ChildServer.start('the API server', [SERVER_ENTRY], {
    port,
    readyPath: '/health/live',
    env: {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataset.dataDir,
      DEMO_DATA: 'false',
      LOG_LEVEL: 'error',
      CACHE_ENABLED: String(cache),
      ROLLUPS: 'on',
      // The load test sends thousands of requests a second from one client.
      RATE_LIMIT_READER: '1000000',
    },
  });
}

async function get(
  server: ChildServer,
  path: string,
  token: string,
): Promise<{ status: number; body: Buffer; cacheStatus: string | null }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 && !path.startsWith('/v1/quota')) {
    throw new Error(`GET ${path} returned ${response.status}: ${body.toString().slice(0, 300)}`);
  }
  return { status: response.status, body, cacheStatus: response.headers.get('cache-status') };
}

/** Median wall time in ms of `work` over TIMED_RUNS runs, after WARM_UP_RUNS untimed ones. */
async function medianMs(work: () => Promise<unknown>): Promise<number> {
  for (let run = 0; run < WARM_UP_RUNS; run += 1) {
    await work();
  }
  const times: number[] = [];
  for (let run = 0; run < TIMED_RUNS; run += 1) {
    const startedAt = performance.now();
    await work();
    times.push(performance.now() - startedAt);
  }
  return median(times);
}

async function load(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ requestsPerSecond: number; p99Ms: number; errors: number }> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: LOAD_SECONDS,
    headers,
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** (2) baseline: the hand-written DuckDB SQL of the 30-day daily volume and latency report, on raw events. */
async function rawSqlTimes(
  dataset: Dataset,
): Promise<{ volumeMs: number; latencyMs: number; duckdbVersion: string }> {
  const store = await DuckDbStore.open(join(dataset.dataDir, 'analytics.duckdb'), {
    readOnly: true,
  });
  try {
    const params = {
      tenant: dataset.tenant,
      from: new Date(dataset.endMs - 30 * DAY_MS).toISOString(),
      to: new Date(dataset.endMs).toISOString(),
    };
    const where =
      'tenant_id = $tenant AND timestamp >= $from::TIMESTAMPTZ AND timestamp < $to::TIMESTAMPTZ';
    const volumeMs = await medianMs(() =>
      store.query(
        `SELECT date_trunc('day', timestamp) AS day, count(*) AS calls, sum(transactions) AS transactions FROM events WHERE ${where} GROUP BY day ORDER BY day`,
        params,
      ),
    );
    const latencyMs = await medianMs(() =>
      store.query(
        `SELECT date_trunc('day', timestamp) AS day, count(*) AS samples, quantile_cont(duration_ms, [0.5, 0.9, 0.95, 0.98, 0.99]) AS quantiles
         FROM events WHERE ${where} GROUP BY day ORDER BY day`,
        params,
      ),
    );
    const version = await store.query<{ version: string }>('SELECT version() AS version');
    return { volumeMs, latencyMs, duckdbVersion: version[0].version };
  } finally {
    store.close();
  }
}

/** Builds one load of a dashboard page, which requests its reports at once, as a browser would. */
function dashboardPage(
  server: ChildServer,
  dataset: Dataset,
  token: string,
  timeZone: string,
  withQuota: boolean,
): () => Promise<unknown> {
  const urls = reportUrls(dataset, timeZone);
  const paths = [
    urls.volumeByProduct,
    urls.latency,
    urls.errors,
    ...(withQuota ? ['/v1/quota'] : []),
  ];
  return () => Promise.all(paths.map((path) => get(server, path, token)));
}

/**
 * (3) Median ms until the last report of a page has arrived, for two servers. Their page loads
 * alternate, so background load on the machine affects both sides alike.
 */
async function pairedMedianMs(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<[number, number]> {
  for (let run = 0; run < WARM_UP_RUNS; run += 1) {
    await first();
    await second();
  }

  const times: [number[], number[]] = [[], []];
  for (let run = 0; run < TIMED_RUNS; run += 1) {
    for (const [index, work] of [first, second].entries()) {
      const startedAt = performance.now();
      await work();
      times[index].push(performance.now() - startedAt);
    }
  }
  return [median(times[0]), median(times[1])];
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const [base, doubled] = await ensureDatasets(DATA_ROOT, log);
  const peaks: number[] = [];

  log('Timing the raw SQL on the 10M dataset');
  const raw = await rawSqlTimes(base);

  // (1) Bare Fastify vs the authenticated, tenant-guarded volume report, cache on.
  log('Load test: bare Fastify and the volume report (cache on)');
  const token = tokenFor(base);
  const urls = reportUrls(base, 'UTC');
  const cached = await startApi(base, true);
  let http;
  try {
    await get(cached, urls.volume, token);
    const second = await get(cached, urls.volume, token);
    const cacheStatus = second.cacheStatus;
    const bodyFile = join(DATA_ROOT, 'volume-response.json');
    writeFileSync(bodyFile, second.body);

    const barePort = await freePort();
    const bare = await ChildServer.start(
      'bare Fastify',
      [
        '-r',
        'ts-node/register/transpile-only',
        join(ROOT, 'bench', 'bare-server.ts'),
        bodyFile,
        String(barePort),
      ],
      { port: barePort, readyPath: '/' },
    );
    try {
      const bareResult = await load(`${bare.baseUrl}${urls.volume}`);
      const apiResult = await load(`${cached.baseUrl}${urls.volume}`, {
        authorization: `Bearer ${token}`,
      });
      http = { bare: bareResult, api: apiResult, responseBytes: second.body.length, cacheStatus };
    } finally {
      await bare.stop();
    }
    peaks.push(cached.peakRssMb());
  } finally {
    await cached.stop();
  }

  // (2) at 10M and (3) at 10M and 20M, cache off. Both servers run at once, each on its own file.
  log('Timing the reports through the API and the dashboard page, cache off, 10M and 20M');
  const token20 = tokenFor(doubled);
  const uncached = await startApi(base, false);
  const uncached20 = await startApi(doubled, false);
  let api;
  let quotaAvailable: boolean;
  const page10: Record<string, number> = {};
  const page20: Record<string, number> = {};
  try {
    quotaAvailable = (await get(uncached, '/v1/quota', token)).status === 200;
    api = {
      volumeMs: await medianMs(() => get(uncached, urls.volume, token)),
      latencyMs: await medianMs(() => get(uncached, urls.latency, token)),
    };
    for (const [name, timeZone] of [
      ['utc', 'UTC'],
      ['berlin', 'Europe/Berlin'],
      ['kolkata', 'Asia/Kolkata'],
    ]) {
      [page10[name], page20[name]] = await pairedMedianMs(
        dashboardPage(uncached, base, token, timeZone, quotaAvailable),
        dashboardPage(uncached20, doubled, token20, timeZone, quotaAvailable),
      );
    }
    peaks.push(uncached.peakRssMb(), uncached20.peakRssMb());
  } finally {
    await uncached.stop();
    await uncached20.stop();
  }

  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const result = {
    generatedAt: new Date().toISOString(),
    machine: describeMachine(raw.duckdbVersion),
    datasets: [base, doubled].map(({ name, events, endMs, tenant, buildSeconds }) => ({
      name,
      events,
      end: new Date(endMs).toISOString(),
      tenant,
      buildSeconds,
    })),
    httpRatio: round(http.api.requestsPerSecond / http.bare.requestsPerSecond),
    engineRatio: round((api.volumeMs + api.latencyMs) / (raw.volumeMs + raw.latencyMs)),
    scaleRatio: round(page20.utc / page10.utc),
    peakRssMb: Math.max(...peaks),
    http: {
      ...http,
      connections: CONNECTIONS,
      seconds: LOAD_SECONDS,
      cache:
        http.cacheStatus === null ? 'no cache-status header: measured uncached' : http.cacheStatus,
    },
    engine: { rawSql: { volumeMs: raw.volumeMs, latencyMs: raw.latencyMs }, api },
    scale: {
      page10M: page10,
      page20M: page20,
      reports: quotaAvailable
        ? 'volume, latency, errors, quota'
        : 'volume, latency, errors (no /v1/quota)',
      ratioBerlin: round(page20.berlin / page10.berlin),
      ratioKolkata: round(page20.kolkata / page10.kolkata),
    },
    totalSeconds: Math.round((performance.now() - startedAt) / 1000),
  };

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  printTable(result);
}

function printTable(result: {
  httpRatio: number;
  engineRatio: number;
  scaleRatio: number;
  peakRssMb: number;
  http: {
    bare: { requestsPerSecond: number; p99Ms: number };
    api: { requestsPerSecond: number; p99Ms: number };
    cache: string;
  };
  engine: {
    rawSql: { volumeMs: number; latencyMs: number };
    api: { volumeMs: number; latencyMs: number };
  };
  scale: { page10M: Record<string, number>; page20M: Record<string, number>; reports: string };
}): void {
  const { http, engine, scale } = result;
  const rows: [string, string, string][] = [
    ['(1) bare Fastify, req/s | p99 ms', `${http.bare.requestsPerSecond} | ${http.bare.p99Ms}`, ''],
    [
      `(1) volume report (${http.cache}), req/s | p99 ms`,
      `${http.api.requestsPerSecond} | ${http.api.p99Ms}`,
      `httpRatio ${result.httpRatio} (target ≥ 0.4)`,
    ],
    [
      '(2) raw SQL volume + latency, ms',
      `${engine.rawSql.volumeMs} + ${engine.rawSql.latencyMs}`,
      '',
    ],
    [
      '(2) API volume + latency, cache off, ms',
      `${engine.api.volumeMs} + ${engine.api.latencyMs}`,
      `engineRatio ${result.engineRatio} (target ≤ 1.3)`,
    ],
    [
      `(3) dashboard page UTC, 10M | 20M, ms`,
      `${scale.page10M.utc} | ${scale.page20M.utc}`,
      `scaleRatio ${result.scaleRatio} (target ≤ 1.2)`,
    ],
    [
      `(3) dashboard page Europe/Berlin, 10M | 20M, ms`,
      `${scale.page10M.berlin} | ${scale.page20M.berlin}`,
      '',
    ],
    [
      `(3) dashboard page Asia/Kolkata, 10M | 20M, ms`,
      `${scale.page10M.kolkata} | ${scale.page20M.kolkata}`,
      '',
    ],
    ['(4) peak server RSS, MiB', String(result.peakRssMb), ''],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}\n`);
  }
  process.stdout.write(`Dashboard page: ${scale.reports}. Results in bench/results/latest.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
