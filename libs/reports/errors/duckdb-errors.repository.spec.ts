import { TenantScope } from '@analytics/common';
import { appendEvents, DuckDbStore, UsageEvent } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatEvent } from '../../../test/support/event-factory';
import { DuckDbErrorsRepository } from './duckdb-errors.repository';
import { ErrorsRankRequest, ErrorsSeriesRequest } from './errors.repository';
import { rankSpecOf } from './duckdb-errors.sql';

const DAY_MS = 86_400_000;
const FROM_MS = Date.parse('2026-03-01T00:00:00Z');
const SELECTION = { fromMs: FROM_MS, toMs: FROM_MS + 2 * DAY_MS, filters: {} };
const TENANT = TenantScope.of('tenant-a');

function calls(
  endpoint: string,
  at: string,
  counts: Record<number, number>,
  tenantId = 'tenant-a',
): UsageEvent[] {
  return Object.entries(counts).flatMap(([statusCode, count]) =>
    repeatEvent(count, { tenantId, endpoint, at, statusCode: Number(statusCode) }),
  );
}

describe('DuckDbErrorsRepository', () => {
  let directory: string;
  let store: DuckDbStore;
  let repository: DuckDbErrorsRepository;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'errors-repository-'));
    store = await DuckDbStore.open(join(directory, 'usage.duckdb'));
    await appendEvents(store, [
      [
        // /x has 4 calls, one of them 5xx (rate 0.25); /y has 3 calls, all 5xx; /z has 2 calls, one 5xx.
        ...calls('/x', '2026-03-01T10:00:00Z', { 200: 2, 404: 1, 500: 1 }),
        ...calls('/y', '2026-03-02T10:00:00Z', { 503: 3 }),
        ...calls('/z', '2026-03-02T11:00:00Z', { 101: 1, 502: 1 }),
        ...calls('/x', '2026-03-01T10:00:00Z', { 500: 9 }, 'tenant-b'),
      ],
    ]);
    repository = new DuckDbErrorsRepository(store);
  });

  afterAll(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const rank = (overrides: Partial<ErrorsRankRequest>) =>
    repository.rankGroups(TENANT, {
      selection: SELECTION,
      groupBy: ['endpoint'],
      limit: 10,
      ranking: { order: 'calls' },
      statusClasses: [],
      ...overrides,
    });

  const series = (overrides: Partial<ErrorsSeriesRequest>) =>
    repository.series(TENANT, {
      selection: SELECTION,
      groupBy: ['endpoint'],
      bucketStartsMs: [FROM_MS, FROM_MS + DAY_MS],
      groups: { only: [['/x'], ['/z']] },
      statusClasses: [],
      ...overrides,
    });

  describe('series', () => {
    it('counts calls per status class per bucket', async () => {
      const rows = await series({});

      expect(rows).toHaveLength(4);
      expect(rows).toContainEqual({
        bucketIndex: 0,
        key: ['/x'],
        measures: { calls: 4, status2xx: 2, status3xx: 0, status4xx: 1, status5xx: 1 },
      });
      expect(rows).toContainEqual({
        bucketIndex: null,
        key: ['/x'],
        measures: { calls: 4, status2xx: 2, status3xx: 0, status4xx: 1, status5xx: 1 },
      });
      expect(rows).toContainEqual({
        bucketIndex: 1,
        key: ['/z'],
        measures: { calls: 2, status2xx: 0, status3xx: 0, status4xx: 0, status5xx: 1 },
      });
    });

    it('counts a status outside every class in calls only', async () => {
      const rows = await series({ groups: { only: [['/z']] } });

      const totals = rows.find((row) => row.bucketIndex === null);
      expect(totals?.measures).toEqual({
        calls: 2,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 1,
      });
    });

    it('keeps only calls of the status classes', async () => {
      const rows = await series({
        groupBy: [],
        groups: { only: [] },
        statusClasses: ['2xx', '4xx'],
      });

      const totals = rows.find((row) => row.bucketIndex === null);
      expect(totals?.measures).toEqual({
        calls: 3,
        status2xx: 2,
        status3xx: 0,
        status4xx: 1,
        status5xx: 0,
      });
    });

    it('keys statusCode groups by the code as text', async () => {
      const rows = await series({ groupBy: ['statusCode'], groups: { only: [['503']] } });

      expect(rows).toContainEqual({
        bucketIndex: null,
        key: ['503'],
        measures: { calls: 3, status2xx: 0, status3xx: 0, status4xx: 0, status5xx: 3 },
      });
    });
  });

  describe('rankGroups', () => {
    it('ranks by calls', async () => {
      expect(await rank({})).toEqual([['/x'], ['/y'], ['/z']]);
    });

    it('ranks serverErrors with ties by key', async () => {
      expect(await rank({ ranking: { order: 'serverErrors' } })).toEqual([['/y'], ['/x'], ['/z']]);
    });

    it('ranks clientErrors with ties by key', async () => {
      expect(await rank({ ranking: { order: 'clientErrors' } })).toEqual([['/x'], ['/y'], ['/z']]);
    });

    it('ranks serverErrorRate highest first', async () => {
      expect(await rank({ ranking: { order: 'serverErrorRate', minCalls: 1 } })).toEqual([
        ['/y'],
        ['/z'],
        ['/x'],
      ]);
    });

    it('ranks groups under minCalls last', async () => {
      expect(await rank({ ranking: { order: 'serverErrorRate', minCalls: 3 } })).toEqual([
        ['/y'],
        ['/x'],
        ['/z'],
      ]);
      expect(await rank({ ranking: { order: 'serverErrorRate', minCalls: 4 } })).toEqual([
        ['/x'],
        ['/y'],
        ['/z'],
      ]);
    });

    it('ranks errorRate by 4xx plus 5xx', async () => {
      expect(await rank({ ranking: { order: 'errorRate', minCalls: 1 } })).toEqual([
        ['/y'],
        ['/x'],
        ['/z'],
      ]);
    });

    it('ranks within the status classes', async () => {
      expect(await rank({ statusClasses: ['4xx'] })).toEqual([['/x']]);
    });

    it('stops at the limit', async () => {
      expect(await rank({ limit: 2 })).toEqual([['/x'], ['/y']]);
    });
  });
});

describe('rankSpecOf', () => {
  it.each([0, -1, 2.5, Number.NaN])('rejects minCalls %d', (minCalls) => {
    expect(() => rankSpecOf({ order: 'errorRate', minCalls })).toThrow(
      'minCalls must be a whole number of at least 1',
    );
  });
});
