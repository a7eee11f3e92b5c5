import { DevSigningKey } from '@analytics/auth';
import { DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess, startBuiltServer } from './support/built-server';
import { insertSyntheticCalls } from './support/fault-app';

/** Hourly percentiles per endpoint over a month of one million calls: about a second of work. */
const SLOW_REPORT =
  '/v1/usage/latency?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&granularity=hour&groupBy=endpoint&limit=100';
const VOLUME_NOVEMBER =
  '/v1/usage/volume?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&granularity=month';

describe('graceful shutdown of the built server', () => {
  let dataDir: string;
  let token: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'usage-analytics-shutdown-'));
    const store = await DuckDbStore.open(join(dataDir, 'analytics.duckdb'));
    await insertSyntheticCalls(store, { tenantId: 'tenant-a', rows: 1_000_000 });
    store.close();

    token = DevSigningKey.loadOrCreate(DevSigningKey.fileIn(dataDir)).mint({
      tenantId: 'tenant-a',
      subject: 'shutdown-test',
      roles: ['analytics:read'],
      managedTenants: [],
      expiresInSeconds: 600,
    });
  }, 60_000);

  afterEach(() => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
    }
    server = undefined;
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('SIGTERM finishes the request in flight and exits 0', async () => {
    server = await startBuiltServer({
      DATA_DIR: dataDir,
      SHUTDOWN_TIMEOUT_MS: '20000',
      REQUEST_TIMEOUT_MS: '30000',
    });
    const { baseUrl } = server;

    const inFlight = fetch(`${baseUrl}${SLOW_REPORT}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.child.kill('SIGTERM');
    await waitForLine(server, 'shutting down: no new connections, waiting for requests in flight');

    const lateRequest = await fetch(`${baseUrl}/health/live`).then(
      (response) => response.status,
      (error: Error) => (error.cause as { code?: string } | undefined)?.code ?? error.message,
    );
    const response = await inFlight;
    const body = (await response.json()) as { data: unknown[] };
    const exit = await server.exited;

    expect(response.status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    expect(lateRequest).toBe('ECONNREFUSED');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.lines.some((line) => line.msg === 'stopped' && line.exitCode === 0)).toBe(true);
  });

  it('store is closed after shutdown', async () => {
    server = await startBuiltServer({ DATA_DIR: dataDir });
    server.child.kill('SIGTERM');
    await server.exited;

    // DuckDB lets one process hold the file, so opening it here proves the server released it.
    const store = await DuckDbStore.open(join(dataDir, 'analytics.duckdb'));
    const rows = await store.query<{ calls: bigint }>(
      "SELECT count(*) AS calls FROM events WHERE tenant_id = 'tenant-a'",
    );
    store.close();

    expect(Number(rows[0].calls)).toBe(1_000_000);
  });

  it('SIGTERM past the time limit cuts off and exits 1', async () => {
    server = await startBuiltServer({
      DATA_DIR: dataDir,
      SHUTDOWN_TIMEOUT_MS: '50',
      REQUEST_TIMEOUT_MS: '30000',
    });
    const { baseUrl } = server;

    const inFlight = fetch(`${baseUrl}${SLOW_REPORT}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then(
      (response) => response.status,
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;

    expect(await inFlight).toBe('connection closed');
    expect(exit).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expect(
      server.lines.some(
        (line) =>
          line.msg ===
          'requests still in flight at the shutdown time limit; closing their connections',
      ),
    ).toBe(true);
  });

  it('request before shutdown answers normally', async () => {
    server = await startBuiltServer({ DATA_DIR: dataDir });

    const response = await fetch(`${server.baseUrl}${VOLUME_NOVEMBER}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { data: { totals: { calls: number } }[] };
    server.child.kill('SIGTERM');
    const exit = await server.exited;

    expect(response.status).toBe(200);
    expect(body.data[0].totals.calls).toBe(1_000_000);
    expect(exit.code).toBe(0);
  });
});

async function waitForLine(server: ServerProcess, message: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!server.lines.some((line) => line.msg === message)) {
    if (Date.now() > deadline) {
      throw new Error(
        `No "${message}" line; last lines: ${JSON.stringify(server.lines.slice(-3))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
