import { StoreTimeoutError, StoreUnavailableError } from '@analytics/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryLimits } from '../query-limits';
import { DuckDbStore } from './duckdb-store';

/** Counts to three billion: several seconds of work on any machine this runs on. */
const SLOW_QUERY = 'SELECT count(*) AS n FROM range(3000000000) AS t(i) WHERE i % 7 = 3';

describe('DuckDbStore query limits', () => {
  let dataDir: string;
  let store: DuckDbStore;
  let limits: QueryLimits | undefined;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'duckdb-store-limits-'));
    store = await DuckDbStore.open(join(dataDir, 'analytics.duckdb'));
    limits = undefined;
    store.useQueryLimits(() => limits);
  });

  afterEach(() => {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('deadline interrupts a running query', async () => {
    limits = { deadlineMs: Date.now() + 200 };
    const startedAt = Date.now();

    const error = await store.query(SLOW_QUERY).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect(String((error as Error).cause)).toContain('INTERRUPT');
  });

  it('deadline already past skips the query', async () => {
    limits = { deadlineMs: Date.now() - 1 };

    await expect(store.query('SELECT 1 AS one')).rejects.toBeInstanceOf(StoreTimeoutError);
  });

  it('abort signal interrupts a running query', async () => {
    const controller = new AbortController();
    limits = { signal: controller.signal };
    setTimeout(() => controller.abort(), 100);

    const error = await store.query(SLOW_QUERY).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe(
      'The store query was stopped because the request was cancelled',
    );
  });

  it('store answers again after an interrupt', async () => {
    limits = { deadlineMs: Date.now() + 100 };
    await store.query(SLOW_QUERY).catch(() => undefined);
    limits = undefined;

    const rows = await store.query<{ one: number }>('SELECT 1 AS one');

    expect(rows).toEqual([{ one: 1 }]);
  });

  it('failed query becomes StoreUnavailableError without SQL', async () => {
    const error = await store
      .query('SELECT * FROM no_such_table')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe('The store could not run the query; try again later');
    expect(String((error as Error).cause)).toContain('no_such_table');
  });

  it('query on a closed store becomes StoreUnavailableError', async () => {
    const closed = await DuckDbStore.open(':memory:');
    closed.close();

    await expect(closed.query('SELECT 1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('query within its limits returns rows', async () => {
    limits = { deadlineMs: Date.now() + 10_000, signal: new AbortController().signal };

    const rows = await store.query<{ n: number }>('SELECT 41 + 1 AS n');

    expect(rows).toEqual([{ n: 42 }]);
  });
});
