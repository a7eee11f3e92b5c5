import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatEvent, usageEvent } from '../../../../test/support/event-factory';
import { DuckDbStore } from './duckdb-store';
import { deleteAllEvents } from './event-deletion';
import { appendEvents } from './event-writer';
import { DAILY_ROLLUP, HOURLY_ROLLUP, ROLLUP_COLUMNS, ROLLUP_GRAINS } from './rollup-tables';

const FIRST_LOAD = [
  ...repeatEvent(3, { at: '2026-03-01T10:00:00Z', durationMs: 20 }),
  usageEvent({ at: '2026-03-01T10:30:00Z', statusCode: 404, durationMs: 5, transactions: 2 }),
  usageEvent({ at: '2026-03-01T11:10:00Z', statusCode: 503, durationMs: 0 }),
  usageEvent({
    at: '2026-03-02T09:00:00Z',
    endpoint: '/routing/1/calculateRoute',
    product: 'routing',
    durationMs: 700,
  }),
];
const SECOND_LOAD = [
  ...repeatEvent(2, { at: '2026-03-01T10:45:00Z', durationMs: 20 }),
  usageEvent({ at: '2026-03-01T10:50:00Z', durationMs: 21 }),
  usageEvent({ at: '2026-03-03T00:00:00Z', tenantId: 'tenant-b', durationMs: 3 }),
];

/** Rollup rows as sorted text, histograms included, for whole-table comparisons. */
async function rollupRows(store: DuckDbStore, table: string): Promise<string[]> {
  const rows = await store.query<{ row: string }>(
    `SELECT CAST(columns(*) AS VARCHAR) FROM ${table}`,
  );
  return rows.map((row) => JSON.stringify(row)).sort();
}

describe('rollup maintenance', () => {
  let dataDir: string;
  const stores: DuckDbStore[] = [];

  async function openStore(name: string): Promise<DuckDbStore> {
    const store = await DuckDbStore.open(join(dataDir, `${name}.duckdb`));
    stores.push(store);
    return store;
  }

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rollup-writer-'));
  });

  afterAll(() => {
    stores.forEach((store) => store.close());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('aggregates one load per hour and key', async () => {
    const store = await openStore('one-load');
    await appendEvents(store, [FIRST_LOAD]);

    const rows = await store.query(
      `SELECT strftime(period_start, '%Y-%m-%dT%H') AS hour, status_code, status_class, calls::INTEGER AS calls,
              client_errors::INTEGER AS client_errors, server_errors::INTEGER AS server_errors,
              transactions::INTEGER AS transactions, min_duration_ms, max_duration_ms, CAST(latency_histogram AS VARCHAR) AS histogram
       FROM ${HOURLY_ROLLUP.table} WHERE product = 'search' ORDER BY hour, status_code`,
    );

    // 20 ms is bin ⌊ln(20 / 0.001) / ln(1.02)⌋ = 500, 5 ms bin 430, and 0 ms the underflow bin -1.
    expect(rows).toEqual([
      {
        hour: '2026-03-01T10',
        status_code: 200,
        status_class: '2xx',
        calls: 3,
        client_errors: 0,
        server_errors: 0,
        transactions: 3,
        min_duration_ms: 20,
        max_duration_ms: 20,
        histogram: '{500=3}',
      },
      {
        hour: '2026-03-01T10',
        status_code: 404,
        status_class: '4xx',
        calls: 1,
        client_errors: 1,
        server_errors: 0,
        transactions: 2,
        min_duration_ms: 5,
        max_duration_ms: 5,
        histogram: '{430=1}',
      },
      {
        hour: '2026-03-01T11',
        status_code: 503,
        status_class: '5xx',
        calls: 1,
        client_errors: 0,
        server_errors: 1,
        transactions: 1,
        min_duration_ms: 0,
        max_duration_ms: 0,
        histogram: '{-1=1}',
      },
    ]);
  });

  it('merges a second load into existing rows', async () => {
    const twoLoads = await openStore('two-loads');
    await appendEvents(twoLoads, [FIRST_LOAD]);
    await appendEvents(twoLoads, [SECOND_LOAD]);
    const oneLoad = await openStore('both-at-once');
    await appendEvents(oneLoad, [[...FIRST_LOAD, ...SECOND_LOAD]]);

    for (const grain of ROLLUP_GRAINS) {
      expect(await rollupRows(twoLoads, grain.table)).toEqual(
        await rollupRows(oneLoad, grain.table),
      );
    }
    const merged = await twoLoads.query(
      `SELECT calls::INTEGER AS calls, min_duration_ms, max_duration_ms, CAST(latency_histogram AS VARCHAR) AS histogram FROM ${DAILY_ROLLUP.table}
       WHERE period_start = '2026-03-01T00:00:00Z' AND status_code = 200`,
    );
    expect(merged).toEqual([
      { calls: 6, min_duration_ms: 20, max_duration_ms: 21, histogram: '{500=5, 502=1}' },
    ]);
  });

  it('backfills existing events on migration', async () => {
    const store = await openStore('backfill');
    await appendEvents(store, [[...FIRST_LOAD, ...SECOND_LOAD]]);
    const maintained = await Promise.all(
      ROLLUP_GRAINS.map((grain) => rollupRows(store, grain.table)),
    );

    // Turn the store back into a version 2 store with events but no rollups, then reopen it.
    for (const grain of ROLLUP_GRAINS) {
      await store.query(`DROP TABLE ${grain.table}`);
    }
    await store.query('DELETE FROM schema_migrations WHERE version = 3');
    store.close();
    stores.splice(stores.indexOf(store), 1);
    const reopened = await openStore('backfill');

    const backfilled = await Promise.all(
      ROLLUP_GRAINS.map((grain) => rollupRows(reopened, grain.table)),
    );
    expect(await reopened.schemaVersion()).toBe(3);
    expect(backfilled).toEqual(maintained);
  });

  it('creates the columns the writer fills', async () => {
    const store = await openStore('columns');

    for (const grain of ROLLUP_GRAINS) {
      const columns = await store.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = '${grain.table}' ORDER BY ordinal_position`,
      );
      expect(columns.map((column) => column.column_name)).toEqual([...ROLLUP_COLUMNS]);
    }
  });

  it('deletes events and rollups together', async () => {
    const store = await openStore('delete');
    await appendEvents(store, [FIRST_LOAD]);

    await deleteAllEvents(store);

    for (const table of ['events', ...ROLLUP_GRAINS.map((grain) => grain.table)]) {
      expect(await store.query(`SELECT count(*)::INTEGER AS count FROM ${table}`)).toEqual([
        { count: 0 },
      ]);
    }
  });
});
