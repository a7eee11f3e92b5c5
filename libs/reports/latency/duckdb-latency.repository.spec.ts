import { TenantScope } from '@analytics/common';
import { appendEvents, DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatEvent } from '../../../test/support/event-factory';
import { DuckDbLatencyRepository } from './duckdb-latency.repository';

const MARCH_1 = Date.parse('2026-03-01T00:00:00Z');
const MARCH_2 = Date.parse('2026-03-02T00:00:00Z');
const MARCH_3 = Date.parse('2026-03-03T00:00:00Z');
const TWO_DAYS = { fromMs: MARCH_1, toMs: MARCH_3, filters: {} };

describe('DuckDbLatencyRepository', () => {
  let dataDir: string;
  let store: DuckDbStore;
  let repository: DuckDbLatencyRepository;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latency-repository-'));
    store = await DuckDbStore.open(join(dataDir, 'events.duckdb'));
    await appendEvents(store, [
      [
        ...repeatEvent(97, {
          tenantId: 'tenant-a',
          apiKeyId: 'key-a',
          at: '2026-03-01T01:00:00Z',
          durationMs: 20,
        }),
        ...repeatEvent(3, {
          tenantId: 'tenant-a',
          apiKeyId: 'key-a',
          at: '2026-03-01T02:00:00Z',
          durationMs: 2000,
        }),
        ...repeatEvent(300, {
          tenantId: 'tenant-a',
          apiKeyId: 'key-b',
          at: '2026-03-01T03:00:00Z',
          durationMs: 20,
        }),
        ...repeatEvent(1, { tenantId: 'tenant-t', at: '2026-03-01T10:00:00Z', durationMs: 10 }),
        ...repeatEvent(1, { tenantId: 'tenant-t', at: '2026-03-01T11:00:00Z', durationMs: 20 }),
        ...repeatEvent(1, { tenantId: 'tenant-t', at: '2026-03-02T10:00:00Z', durationMs: 30 }),
        ...repeatEvent(1, { tenantId: 'tenant-t', at: '2026-03-02T11:00:00Z', durationMs: 1000 }),
        ...repeatEvent(1, { tenantId: 'tenant-r', at: '2026-03-01T10:00:00Z', durationMs: 1 }),
        ...repeatEvent(1, { tenantId: 'tenant-r', at: '2026-03-01T11:00:00Z', durationMs: 1.0014 }),
      ],
    ]);
    // Exact percentiles need the raw samples; the rollup path has tests of its own.
    repository = new DuckDbLatencyRepository(store, { rollups: false });
  });

  afterAll(() => {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ranks api keys by calls', async () => {
    const keys = await repository.rankGroups(TenantScope.of('tenant-a'), {
      selection: TWO_DAYS,
      groupBy: ['apiKey'],
      order: 'calls',
      limit: 10,
    });

    expect(keys).toEqual([['key-b'], ['key-a']]);
  });

  it('interpolates between closest ranks', async () => {
    const rows = await repository.series(TenantScope.of('tenant-a'), {
      selection: TWO_DAYS,
      groupBy: ['apiKey'],
      bucketStartsMs: [MARCH_1, MARCH_2],
      groups: { only: [['key-a']] },
      percentiles: [50, 97, 99, 99.9],
    });
    const totals = rows.find((row) => row.bucketIndex === null);

    // 100 samples, x[0..96] = 20 and x[97..99] = 2000. p97: h = 99 · 0.97 = 96.03, so
    // 20 + 0.03 · (2000 - 20) = 79.4. p99: h = 98.01, between x[98] and x[99], both 2000.
    expect(totals?.key).toEqual(['key-a']);
    expect(totals?.measures).toEqual({
      count: 100,
      percentiles: { p50: 20, p97: 79.4, p99: 2000, 'p99.9': 2000 },
    });
  });

  it('computes totals from raw samples, not from buckets', async () => {
    const rows = await repository.series(TenantScope.of('tenant-t'), {
      selection: TWO_DAYS,
      groupBy: [],
      bucketStartsMs: [MARCH_1, MARCH_2],
      groups: { only: [] },
      percentiles: [50, 90],
    });
    const byBucket = new Map(rows.map((row) => [row.bucketIndex, row.measures]));

    // Day 1 is [10, 20] and day 2 is [30, 1000]. Over [10, 20, 30, 1000], p50 has h = 1.5, so
    // 20 + 0.5 · 10 = 25, and p90 has h = 2.7, so 30 + 0.7 · 970 = 709.
    expect(byBucket.get(0)).toEqual({ count: 2, percentiles: { p50: 15, p90: 19 } });
    expect(byBucket.get(1)).toEqual({ count: 2, percentiles: { p50: 515, p90: 903 } });
    expect(byBucket.get(null)).toEqual({ count: 4, percentiles: { p50: 25, p90: 709 } });
  });

  it('merges every group but the listed ones', async () => {
    const rows = await repository.series(TenantScope.of('tenant-a'), {
      selection: TWO_DAYS,
      groupBy: ['apiKey'],
      bucketStartsMs: [MARCH_1, MARCH_2],
      groups: { except: [['key-b']] },
      percentiles: [99],
    });
    const totals = rows.find((row) => row.bucketIndex === null);

    expect(totals).toEqual({
      bucketIndex: null,
      key: null,
      measures: { count: 100, percentiles: { p99: 2000 } },
    });
  });

  it('rounds to 3 decimals', async () => {
    const rows = await repository.series(TenantScope.of('tenant-r'), {
      selection: TWO_DAYS,
      groupBy: [],
      bucketStartsMs: [MARCH_1, MARCH_2],
      groups: { only: [] },
      percentiles: [50],
    });
    const totals = rows.find((row) => row.bucketIndex === null);

    // The exact median of 1 and 1.0014 is 1.0007.
    expect(totals?.measures).toEqual({ count: 2, percentiles: { p50: 1.001 } });
  });
});
