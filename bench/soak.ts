/**
 * Soak test. It starts the built server on a temporary data directory with the demo data and sends
 * mixed dashboard traffic with autocannon on 127.0.0.1 for SOAK_SECONDS (default 300). Then it
 * prints the errors, which must be 0, and the server's resident memory at the start and the end.
 *
 *   npm run soak                      # five minutes, 10 connections
 *   SOAK_SECONDS=60 SOAK_CONNECTIONS=20 npm run soak
 *   DUCKDB_MEMORY_LIMIT_MIB=256 npm run soak   # with a bounded DuckDB
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child-server';

interface SoakRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** The part of autocannon 9's API used here; the package ships no types. */
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: { setupRequest: (request: SoakRequest) => SoakRequest }[];
}) => Promise<AutocannonResult>;

const SERVER = join(process.cwd(), 'dist/apps/analytics-api/src/main.js');
const CLI = join(process.cwd(), 'dist/apps/analytics-cli/src/main.js');

async function main(): Promise<void> {
  const seconds = positiveInteger('SOAK_SECONDS', 300);
  const connections = positiveInteger('SOAK_CONNECTIONS', 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'usage-analytics-soak-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_READER: '1000000',
    // Passed on so that a soak can compare memory with and without a DuckDB limit.
    ...(process.env.DUCKDB_MEMORY_LIMIT_MIB
      ? { DUCKDB_MEMORY_LIMIT_MIB: process.env.DUCKDB_MEMORY_LIMIT_MIB }
      : {}),
  };

  console.log(`Loading demo data into ${dataDir} ...`);
  execFileSync(process.execPath, [CLI, 'seed'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const tenants = demoTenants(env);
  const tokens = tenants.map((tenant) =>
    execFileSync(process.execPath, [CLI, 'token', '--tenant', tenant], {
      env,
      encoding: 'utf8',
    }).trim(),
  );

  const server = spawn(process.execPath, [SERVER], {
    env: { ...env, DEMO_DATA: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`);
    const paths = dashboardPaths(Date.now());
    const autocannon = createRequire(__filename)('autocannon') as Autocannon;

    const startRssMb = residentMb(server.pid);
    console.log(
      `Soaking ${seconds} s with ${connections} connections over ${paths.length} report URLs and ${tenants.length} tenants; RSS at start ${startRssMb} MiB`,
    );
    let turn = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      requests: [
        {
          setupRequest: (request) => {
            turn += 1;
            return {
              ...request,
              method: 'GET',
              path: paths[turn % paths.length],
              headers: { authorization: `Bearer ${tokens[turn % tokens.length]}` },
            };
          },
        },
      ],
    });
    const endRssMb = residentMb(server.pid);

    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      JSON.stringify(
        {
          seconds,
          connections,
          requests: result.requests.total,
          requestsPerSecond: Math.round(result.requests.average),
          latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
          statusCodes: Object.fromEntries(
            Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
          ),
          errors,
          rssMb: { start: startRssMb, end: endRssMb },
        },
        null,
        2,
      ),
    );
    process.exitCode = errors === 0 ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Reports of the last 30 days as a dashboard page loads them. */
function dashboardPaths(nowMs: number): string[] {
  const day = 86_400_000;
  const to = new Date(Math.floor(nowMs / day) * day).toISOString().replace('.000', '');
  const from7 = new Date(Date.parse(to) - 7 * day).toISOString().replace('.000', '');
  const from30 = new Date(Date.parse(to) - 30 * day).toISOString().replace('.000', '');
  return [
    `/v1/usage/volume?from=${from30}&to=${to}&granularity=day`,
    `/v1/usage/volume?from=${from7}&to=${to}&granularity=hour&groupBy=product`,
    `/v1/usage/latency?from=${from7}&to=${to}&granularity=day&groupBy=endpoint`,
    `/v1/usage/errors?from=${from30}&to=${to}&granularity=day&groupBy=statusCode`,
    `/v1/usage/errors?from=${from7}&to=${to}&granularity=hour`,
    `/v1/quota`,
  ];
}

/** Reads the five tenants with the most demo events from the store file, before the server opens it. */
function demoTenants(env: Record<string, string>): string[] {
  const script = `const { DuckDbStore } = require(${JSON.stringify(join(process.cwd(), 'dist/libs/store/src'))});
    DuckDbStore.open(process.env.DATA_DIR + '/analytics.duckdb', { readOnly: true }).then(async (store) => {
      const rows = await store.query('SELECT tenant_id FROM events GROUP BY tenant_id ORDER BY count(*) DESC LIMIT 5');
      console.log(JSON.stringify(rows.map((row) => row.tenant_id)));
      store.close();
    });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }),
  ) as string[];
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    ) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} was not ready within 60 s`);
}

function residentMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  if (!/^\d+$/.test(text) || Number(text) === 0) {
    throw new Error(`${name} must be a whole number of at least 1, got "${text}"`);
  }
  return Number(text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
