import { TenantScope } from '@analytics/common';
import { DuckDbErrorsRepository, ErrorsRanking } from '@analytics/reports/errors';
import { DuckDbVolumeRepository } from '@analytics/reports/volume';
import { appendEvents, DuckDbStore, UsageEvent } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usageEvent } from '../../../../test/support/event-factory';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-03-01T00:00:00Z');
const STATUS_CODES = [200, 200, 200, 200, 201, 304, 400, 404, 429, 500, 503, 101];

/** Events spread over 4 days with varied keys and statuses; index arithmetic keeps it deterministic. */
function generateEvents(count: number): UsageEvent[] {
  return Array.from({ length: count }, (_, index) =>
    usageEvent({
      at: new Date(START + ((index * 7_919_333) % (4 * DAY))).toISOString(),
      apiKeyId: `key-${index % 5}`,
      product: index % 3 === 0 ? 'routing' : 'search',
      endpoint: `/endpoint-${(index * 7) % 11}`,
      statusCode: STATUS_CODES[(index * 13) % STATUS_CODES.length],
      transactions: 1 + (index % 4 === 0 ? 1 : 0),
    }),
  );
}

const windows = [
  { name: 'UTC days', fromMs: START, toMs: START + 4 * DAY, stepMs: DAY },
  { name: 'days at 23:00 UTC', fromMs: START - HOUR, toMs: START + 3 * DAY - HOUR, stepMs: DAY },
  {
    name: 'half-hour offsets',
    fromMs: START + 1.5 * HOUR,
    toMs: START + 3 * DAY + 1.5 * HOUR,
    stepMs: DAY,
  },
];

/** Series rows come in no particular order. */
function sorted<T extends { bucketIndex: number | null; key: string[] | null }>(rows: T[]): T[] {
  const id = (row: T) => `${row.bucketIndex ?? -1}|${row.key?.join('|') ?? ''}`;
  return [...rows].sort((left, right) => id(left).localeCompare(id(right)));
}

function bucketStarts(fromMs: number, toMs: number, stepMs: number): number[] {
  return Array.from(
    { length: Math.ceil((toMs - fromMs) / stepMs) },
    (_, index) => fromMs + index * stepMs,
  );
}

describe('counts from rollups', () => {
  let dataDir: string;
  let store: DuckDbStore;
  const scope = TenantScope.of('tenant-a');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rollup-counts-'));
    store = await DuckDbStore.open(join(dataDir, 'events.duckdb'));
    await appendEvents(store, [generateEvents(20_000)]);
  });

  afterAll(() => {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(windows)('equal raw volume for $name', async ({ fromMs, toMs, stepMs }) => {
    const [raw, rolled] = [false, true].map(
      (rollups) => new DuckDbVolumeRepository(store, { rollups }),
    );
    const selection = { fromMs, toMs, filters: { product: ['search'] } };
    const rank = { selection, groupBy: ['endpoint' as const], order: 'calls' as const, limit: 4 };
    const series = {
      selection,
      groupBy: ['endpoint' as const],
      bucketStartsMs: bucketStarts(fromMs, toMs, stepMs),
      groups: { except: [['/endpoint-1']] },
    };

    expect(await rolled.rankGroups(scope, rank)).toEqual(await raw.rankGroups(scope, rank));
    expect(sorted(await rolled.series(scope, series))).toEqual(
      sorted(await raw.series(scope, series)),
    );
  });

  it.each(windows)('equal raw errors for $name', async ({ fromMs, toMs, stepMs }) => {
    const [raw, rolled] = [false, true].map(
      (rollups) => new DuckDbErrorsRepository(store, { rollups }),
    );
    const selection = { fromMs, toMs, filters: {} };
    const rankings: ErrorsRanking[] = [
      { order: 'calls' },
      { order: 'clientErrors' },
      { order: 'serverErrorRate', minCalls: 400 },
      { order: 'errorRate', minCalls: 20 },
    ];

    for (const ranking of rankings) {
      const rank = {
        selection,
        groupBy: ['statusCode' as const, 'apiKey' as const],
        ranking,
        statusClasses: [],
        limit: 6,
      };
      expect(await rolled.rankGroups(scope, rank)).toEqual(await raw.rankGroups(scope, rank));
    }
    const series = {
      selection,
      groupBy: ['statusCode' as const],
      bucketStartsMs: bucketStarts(fromMs, toMs, stepMs),
      groups: { only: [['500'], ['404']] },
      statusClasses: ['4xx' as const, '5xx' as const],
    };
    const rows = await rolled.series(scope, series);
    expect(sorted(rows)).toEqual(sorted(await raw.series(scope, series)));
    expect(rows.length).toBeGreaterThan(4);
  });
});
