import { DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ENDPOINTS } from './demo-endpoints';
import { DEMO_TENANTS } from './demo-tenants';
import { DemoSeedResult, seedDemoData } from './seed-demo-data';

const DAY_MS = 86_400_000;
/** A Monday 00:00 UTC, so that the 28-day period contains four whole weeks. */
const END_MS = Date.UTC(2025, 5, 2);
const DAYS = 28;
const EVENTS = 100_000;

let directory: string;
let store: DuckDbStore;
let result: DemoSeedResult;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'demo-seed-'));
  store = await DuckDbStore.open(join(directory, 'main.duckdb'));
  result = await seedDemoData(store, { events: EVENTS, days: DAYS, seed: 42, endMs: END_MS });
});

afterAll(() => {
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

async function queryNumber(target: DuckDbStore, sql: string): Promise<number> {
  const rows = await target.query<{ value: number | bigint | null }>(sql);
  return Number(rows[0].value);
}

/** One row per tenant, endpoint, method and status with counts and sums, in a fixed order. */
async function aggregates(target: DuckDbStore): Promise<string> {
  const rows = await target.query(
    `SELECT tenant_id, endpoint, method, status_code, count(*)::INTEGER AS calls,
            sum(transactions)::INTEGER AS transactions, round(sum(duration_ms), 2) AS duration_ms,
            sum(request_bytes)::BIGINT::VARCHAR AS request_bytes, sum(response_bytes)::BIGINT::VARCHAR AS response_bytes
     FROM events GROUP BY ALL ORDER BY ALL`,
  );
  return JSON.stringify(rows);
}

/** Order-independent checksum over every column of every row. */
async function checksum(target: DuckDbStore): Promise<string> {
  const rows = await target.query<{ value: bigint }>(
    `SELECT bit_xor(hash(timestamp, ingested_at, tenant_id, api_key_id, product, endpoint, method, status_code,
                         duration_ms, request_bytes, response_bytes, transactions, region, params::VARCHAR)) AS value
     FROM events`,
  );
  return String(rows[0].value);
}

async function seedSeparately(name: string, seed: number): Promise<DuckDbStore> {
  const other = await DuckDbStore.open(join(directory, `${name}.duckdb`));
  await seedDemoData(other, { events: EVENTS, days: DAYS, seed, endMs: END_MS });
  return other;
}

describe('seedDemoData', () => {
  it('writes the requested number of events', async () => {
    expect(result.events).toBe(EVENTS);
    expect(await queryNumber(store, 'SELECT count(*) AS value FROM events')).toBe(EVENTS);
  });

  it('reports the period ending at endMs', () => {
    expect(result.fromMs).toBe(END_MS - DAYS * DAY_MS);
    expect(result.toMs).toBe(END_MS);
  });

  it('keeps every event inside the period', async () => {
    const earliest = await queryNumber(
      store,
      'SELECT epoch_ms(min(timestamp)) AS value FROM events',
    );
    const latest = await queryNumber(store, 'SELECT epoch_ms(max(timestamp)) AS value FROM events');

    expect(earliest).toBeGreaterThanOrEqual(result.fromMs);
    expect(latest).toBeLessThan(result.toMs);
  });

  it('ingests events seconds to minutes after they happen', async () => {
    const shortest = await queryNumber(
      store,
      'SELECT min(epoch_ms(ingested_at) - epoch_ms(timestamp)) AS value FROM events',
    );
    const longest = await queryNumber(
      store,
      'SELECT max(epoch_ms(ingested_at) - epoch_ms(timestamp)) AS value FROM events',
    );
    const median = await queryNumber(
      store,
      'SELECT median(epoch_ms(ingested_at) - epoch_ms(timestamp)) AS value FROM events',
    );
    const afterEnd = await queryNumber(
      store,
      `SELECT count(*) AS value FROM events WHERE epoch_ms(ingested_at) > ${END_MS}`,
    );

    expect(shortest).toBeGreaterThanOrEqual(0);
    expect(longest).toBeLessThanOrEqual(170_000);
    expect(median).toBeGreaterThan(2000);
    expect(median).toBeLessThan(30_000);
    expect(afterEnd).toBe(0);
  });

  it('gives identical data for the same seed and end', async () => {
    const twin = await seedSeparately('twin', 42);
    try {
      expect(await aggregates(twin)).toBe(await aggregates(store));
      expect(await checksum(twin)).toBe(await checksum(store));
    } finally {
      twin.close();
    }
  });

  it('gives different data for another seed', async () => {
    const other = await seedSeparately('other-seed', 7);
    try {
      expect(await aggregates(other)).not.toBe(await aggregates(store));
      expect(await checksum(other)).not.toBe(await checksum(store));
    } finally {
      other.close();
    }
  });

  it('lists every catalog tenant, biggest first', async () => {
    const rows = await store.query<{ tenant_id: string; calls: number }>(
      'SELECT tenant_id, count(*)::INTEGER AS calls FROM events GROUP BY tenant_id ORDER BY calls DESC, tenant_id',
    );

    expect(result.tenants).toHaveLength(DEMO_TENANTS.length);
    expect(result.tenants.length).toBeGreaterThanOrEqual(20);
    expect([...result.tenants].sort()).toEqual(DEMO_TENANTS.map((tenant) => tenant.id).sort());
    expect(result.tenants).toEqual(rows.map((row) => row.tenant_id));
    expect(result.tenants[0]).toBe('acme-logistics');
  });

  it('uses valid tenant and key ids', async () => {
    const rows = await store.query<{ tenant_id: string; api_key_id: string }>(
      'SELECT DISTINCT tenant_id, api_key_id FROM events',
    );

    for (const row of rows) {
      expect(row.tenant_id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
      expect(row.api_key_id).toMatch(new RegExp(`^${row.tenant_id}-key-[1-6]$`));
    }
  });

  it('makes tenant sizes heavy-tailed', async () => {
    const rows = await store.query<{ calls: number }>(
      'SELECT count(*)::INTEGER AS calls FROM events GROUP BY tenant_id ORDER BY calls DESC',
    );
    const biggest = rows[0].calls;
    const median = rows[Math.floor(rows.length / 2)].calls;
    const topThree = rows[0].calls + rows[1].calls + rows[2].calls;

    expect(biggest / median).toBeGreaterThan(10);
    expect(topThree / EVENTS).toBeGreaterThan(0.4);
  });

  it('gives each tenant uneven key shares', async () => {
    const rows = await store.query<{ tenant_id: string; keys: number; top_share: number }>(
      `SELECT tenant_id, count(*)::INTEGER AS keys, max(calls) / sum(calls) AS top_share
       FROM (SELECT tenant_id, api_key_id, count(*) AS calls FROM events GROUP BY ALL)
       GROUP BY tenant_id`,
    );

    for (const row of rows) {
      const tenant = DEMO_TENANTS.find((candidate) => candidate.id === row.tenant_id);
      expect(row.keys).toBe(tenant?.apiKeyCount);
      expect(row.top_share).toBeGreaterThan(1 / row.keys);
    }
  });

  it('covers every product and endpoint of the catalog', async () => {
    const products = await queryNumber(
      store,
      'SELECT count(DISTINCT product) AS value FROM events',
    );
    const endpoints = await queryNumber(
      store,
      'SELECT count(DISTINCT endpoint) AS value FROM events',
    );
    const routes = await queryNumber(
      store,
      'SELECT count(DISTINCT (endpoint, method)) AS value FROM events',
    );

    expect(products).toBe(new Set(DEMO_ENDPOINTS.map((endpoint) => endpoint.product)).size);
    expect(products).toBeGreaterThanOrEqual(4);
    expect(endpoints).toBe(new Set(DEMO_ENDPOINTS.map((endpoint) => endpoint.template)).size);
    expect(endpoints).toBeGreaterThanOrEqual(30);
    expect(routes).toBe(DEMO_ENDPOINTS.length);
  });

  it('returns every expected status code and no other', async () => {
    const rows = await store.query<{ status_code: number }>(
      'SELECT DISTINCT status_code FROM events ORDER BY status_code',
    );

    expect(rows.map((row) => row.status_code)).toEqual([
      200, 201, 204, 304, 400, 401, 403, 404, 429, 500, 502, 503, 504,
    ]);
  });

  it('keeps error rates realistic', async () => {
    const clientErrors = await queryNumber(
      store,
      'SELECT count(*) AS value FROM events WHERE status_code BETWEEN 400 AND 499',
    );
    const serverErrors = await queryNumber(
      store,
      'SELECT count(*) AS value FROM events WHERE status_code >= 500',
    );

    expect(clientErrors / EVENTS).toBeGreaterThan(0.01);
    expect(clientErrors / EVENTS).toBeLessThan(0.08);
    expect(serverErrors / EVENTS).toBeGreaterThan(0.0005);
    expect(serverErrors / EVENTS).toBeLessThan(0.02);
  });

  it('counts several transactions only for batch and matrix calls', async () => {
    const rows = await store.query<{ endpoint: string; smallest: number; largest: number }>(
      `SELECT endpoint, min(transactions) AS smallest, max(transactions) AS largest
       FROM events WHERE transactions > 1 GROUP BY endpoint ORDER BY endpoint`,
    );
    const singles = await queryNumber(
      store,
      'SELECT count(*) AS value FROM events WHERE transactions < 1',
    );

    expect(rows.map((row) => row.endpoint)).toEqual([
      '/routing/1/batch/sync/json',
      '/routing/1/matrix/sync/json',
      '/search/2/batch/sync.json',
    ]);
    for (const row of rows) {
      expect(row.smallest).toBe(2);
      expect(row.largest).toBeLessThanOrEqual(100);
    }
    expect(singles).toBe(0);
  });

  it('makes local weekdays busier than weekends', async () => {
    // Four whole weeks: every weekday occurs four times in each tenant's local calendar, give or
    // take the hours that the zone offset moves across the period's edges.
    const rows = await store.query<{ weekend: boolean; calls: number }>(
      `SELECT dayofweek(timestamp + to_minutes(CAST(z.offset_hours * 60 AS BIGINT))) IN (0, 6) AS weekend, count(*)::INTEGER AS calls
       FROM events JOIN (${offsetTable()}) AS z USING (tenant_id)
       GROUP BY weekend`,
    );
    const weekendPerDay = (rows.find((row) => row.weekend)?.calls ?? 0) / 2;
    const weekdayPerDay = (rows.find((row) => !row.weekend)?.calls ?? 0) / 5;

    expect(weekendPerDay / weekdayPerDay).toBeLessThan(0.75);
    expect(weekendPerDay / weekdayPerDay).toBeGreaterThan(0.3);
  });

  it('makes local business hours busier than nights', async () => {
    const rows = await store.query<{ daytime: boolean; calls: number }>(
      `SELECT hour(timestamp + to_minutes(CAST(z.offset_hours * 60 AS BIGINT))) BETWEEN 10 AND 15 AS daytime,
              count(*)::INTEGER AS calls
       FROM events JOIN (${offsetTable()}) AS z USING (tenant_id)
       WHERE hour(timestamp + to_minutes(CAST(z.offset_hours * 60 AS BIGINT))) BETWEEN 10 AND 15
          OR hour(timestamp + to_minutes(CAST(z.offset_hours * 60 AS BIGINT))) BETWEEN 1 AND 4
       GROUP BY daytime`,
    );
    const daytimePerHour = (rows.find((row) => row.daytime)?.calls ?? 0) / 6;
    const nightPerHour = (rows.find((row) => !row.daytime)?.calls ?? 0) / 4;

    expect(daytimePerHour / nightPerHour).toBeGreaterThan(5);
  });

  it('centres successful durations on the configured medians', async () => {
    const rows = await store.query<{
      endpoint: string;
      method: string;
      calls: number;
      median: number;
    }>(
      `SELECT endpoint, method, count(*)::INTEGER AS calls, median(duration_ms) AS median
       FROM events WHERE status_code = 200 GROUP BY ALL`,
    );
    let checked = 0;

    for (const endpoint of DEMO_ENDPOINTS) {
      const row = rows.find(
        (candidate) =>
          candidate.endpoint === endpoint.template && candidate.method === endpoint.method,
      );
      if (!row || row.calls < 200) {
        continue;
      }
      // The sample median of a log-normal law has a standard error of about 1.2533 sigma / sqrt(n)
      // on the log scale, so four of those bound the sampling noise. The extra 0.05 covers the
      // 2 % slow tail and the incident hours. Each moves the median by about 0.025 sigma at most,
      // and no sigma exceeds 0.7.
      const tolerance = (4 * 1.2533 * endpoint.sigma) / Math.sqrt(row.calls) + 0.05;
      expect(Math.abs(Math.log(row.median / endpoint.medianMs))).toBeLessThan(tolerance);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('puts a slow tail above the median', async () => {
    const rows = await store.query<{ median: number; p99: number }>(
      `SELECT median(duration_ms) AS median, quantile_cont(duration_ms, 0.99) AS p99
       FROM events WHERE status_code = 200 AND endpoint = '/map/1/tile/{layer}/{style}/{zoom}/{x}/{y}.png'`,
    );

    expect(rows[0].p99 / rows[0].median).toBeGreaterThan(5);
  });

  it('gives every call a key parameter and varies the rest', async () => {
    const withoutKey = await queryNumber(
      store,
      "SELECT count(*) AS value FROM events WHERE params['key'] IS NULL",
    );
    const shapes = await queryNumber(
      store,
      `SELECT count(DISTINCT list_sort(map_keys(params))) AS value
       FROM events WHERE endpoint = '/search/2/geocode/{query}.json'`,
    );
    const keyLengths = await store.query<{ length: number }>(
      "SELECT DISTINCT length(params['key']) AS length FROM events",
    );

    expect(withoutKey).toBe(0);
    expect(shapes).toBeGreaterThan(10);
    expect(keyLengths).toEqual([{ length: 32n }]);
  });

  it('rejects invalid options', async () => {
    await expect(seedDemoData(store, { days: 0 })).rejects.toThrow(
      'days must be a whole number from 1 to 3650, got 0',
    );
    await expect(seedDemoData(store, { events: 1.5 })).rejects.toThrow(
      'events must be a whole number of at least 0, got 1.5',
    );
    await expect(seedDemoData(store, { seed: -1 })).rejects.toThrow(
      'seed must be a whole number from 0 to 4294967295, got -1',
    );
    expect(await queryNumber(store, 'SELECT count(*) AS value FROM events')).toBe(EVENTS);
  });
});

describe('seedDemoData with reset', () => {
  it('replaces existing events instead of adding to them', async () => {
    const target = await DuckDbStore.open(join(directory, 'reset.duckdb'));
    try {
      await seedDemoData(target, { events: 3000, days: 2, endMs: END_MS });
      await seedDemoData(target, { events: 3000, days: 2, endMs: END_MS });
      const doubled = await queryNumber(target, 'SELECT count(*) AS value FROM events');
      await seedDemoData(target, { events: 2000, days: 2, endMs: END_MS, reset: true });
      const replaced = await queryNumber(target, 'SELECT count(*) AS value FROM events');

      expect(doubled).toBe(6000);
      expect(replaced).toBe(2000);
    } finally {
      target.close();
    }
  });
});

function offsetTable(): string {
  return `SELECT * FROM (VALUES ${DEMO_TENANTS.map((tenant) => `('${tenant.id}', ${tenant.utcOffsetHours})`).join(', ')})
          AS offsets(tenant_id, offset_hours)`;
}
