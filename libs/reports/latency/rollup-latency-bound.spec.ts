import { TenantScope } from '@analytics/common';
import {
  appendEvents,
  DuckDbStore,
  LATENCY_RELATIVE_ERROR_BOUND,
  UsageEvent,
} from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usageEvent } from '../../../test/support/event-factory';
import { DuckDbLatencyRepository } from './duckdb-latency.repository';
import { LatencySeriesRequest } from './latency.repository';
import { LatencyMeasures } from './latency.types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-03-01T00:00:00Z');
const DAYS = 6;
const PERCENTILES = [1, 50, 90, 99, 99.9];
/** Both sides are rounded to whole microseconds, and durations under 1 µs are read as 0. */
const ABSOLUTE_SLACK_MS = 0.0011;

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Heavy-tailed durations: a lognormal body around 20-80 ms, 3 % of Pareto outliers with tail
 * index 1.1 (no finite variance) up to minutes, and a few sub-microsecond and zero values.
 */
function generateEvents(count: number): UsageEvent[] {
  const random = randomSource(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  return Array.from({ length: count }, () => {
    const roll = random();
    let durationMs: number;
    if (roll < 0.005) {
      durationMs = roll < 0.002 ? 0 : random() * 0.001;
    } else if (roll < 0.035) {
      durationMs = 200 / Math.pow(1 - random(), 1 / 1.1);
    } else {
      durationMs = Math.exp(3.4 + 0.6 * normal()) * (random() < 0.5 ? 1 : 2.5);
    }

    return usageEvent({
      at: new Date(START + Math.floor(random() * DAYS * DAY)).toISOString(),
      tenantId: random() < 0.8 ? 'tenant-a' : 'tenant-b',
      apiKeyId: `key-${Math.floor(random() * 4)}`,
      endpoint: `/search/2/endpoint-${Math.floor(random() * 3)}`,
      durationMs: Math.round(durationMs * 1e6) / 1e6,
    });
  });
}

function bucketStarts(fromMs: number, toMs: number, stepMs: number): number[] {
  const starts: number[] = [];
  for (let ms = fromMs; ms < toMs; ms += stepMs) {
    starts.push(ms);
  }
  return starts;
}

describe('latency percentiles from rollups', () => {
  let dataDir: string;
  let store: DuckDbStore;
  let exact: DuckDbLatencyRepository;
  let fromRollups: DuckDbLatencyRepository;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rollup-latency-'));
    store = await DuckDbStore.open(join(dataDir, 'events.duckdb'));
    await appendEvents(store, [
      generateEvents(60_000),
      [usageEvent({ tenantId: 'tenant-c', at: '2026-03-01T10:00:00Z', durationMs: 7.0123 })],
    ]);
    exact = new DuckDbLatencyRepository(store, { rollups: false });
    fromRollups = new DuckDbLatencyRepository(store, { rollups: true });
  });

  afterAll(() => {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Daily buckets in UTC read the daily rollups; days starting at 23:00 UTC (Europe/Berlin in
  // winter) and 6-hour buckets read the hourly ones.
  const windows = [
    { name: 'UTC days', fromMs: START, toMs: START + DAYS * DAY, stepMs: DAY },
    {
      name: 'local days at 23:00 UTC',
      fromMs: START - HOUR,
      toMs: START + (DAYS - 1) * DAY - HOUR,
      stepMs: DAY,
    },
    { name: '6-hour buckets', fromMs: START + 2 * DAY, toMs: START + 4 * DAY, stepMs: 6 * HOUR },
  ];
  const groupings: Pick<LatencySeriesRequest, 'groupBy' | 'groups'>[] = [
    { groupBy: [], groups: { only: [] } },
    { groupBy: ['apiKey'], groups: { only: [['key-0'], ['key-1'], ['key-2'], ['key-3']] } },
    { groupBy: ['endpoint', 'apiKey'], groups: { except: [['/search/2/endpoint-0', 'key-0']] } },
  ];

  it.each(windows)('stays within the bound for $name', async ({ fromMs, toMs, stepMs }) => {
    let compared = 0;
    let differing = 0;

    for (const tenant of ['tenant-a', 'tenant-b']) {
      for (const grouping of groupings) {
        const request: LatencySeriesRequest = {
          selection: { fromMs, toMs, filters: {} },
          bucketStartsMs: bucketStarts(fromMs, toMs, stepMs),
          percentiles: PERCENTILES,
          ...grouping,
        };
        const scope = TenantScope.of(tenant);
        const [exactRows, rollupRows] = await Promise.all([
          exact.series(scope, request),
          fromRollups.series(scope, request),
        ]);

        const rowId = (row: { bucketIndex: number | null; key: string[] | null }) =>
          `${row.bucketIndex}|${row.key?.join('|')}`;
        const estimates = new Map(rollupRows.map((row) => [rowId(row), row.measures]));
        expect(rollupRows).toHaveLength(exactRows.length);

        for (const row of exactRows) {
          const estimate = estimates.get(rowId(row)) as LatencyMeasures;
          expect(estimate.count).toBe(row.measures.count);

          for (const [key, value] of Object.entries(row.measures.percentiles)) {
            const allowed = LATENCY_RELATIVE_ERROR_BOUND * (value as number) + ABSOLUTE_SLACK_MS;
            const error = Math.abs((estimate.percentiles[key] as number) - (value as number));
            if (error > allowed) {
              throw new Error(
                `${tenant} ${rowId(row)} ${key}: rollup ${estimate.percentiles[key]} vs exact ${value}, error ${error} > ${allowed}`,
              );
            }
            compared += 1;
            differing += error > 0 ? 1 : 0;
          }
        }
      }
    }

    expect(compared).toBeGreaterThanOrEqual(300);
    // Estimates equal to the exact values everywhere would mean the raw events were read.
    expect(differing).toBeGreaterThan(compared / 2);
  });

  it('clamps estimates to the sample range', async () => {
    const rows = await fromRollups.series(TenantScope.of('tenant-c'), {
      selection: { fromMs: START, toMs: START + DAY, filters: {} },
      bucketStartsMs: [START],
      percentiles: [1, 99],
      groupBy: [],
      groups: { only: [] },
    });

    // The lone sample reads as its bin's representative, 7.056 ms; clamping to the row's
    // smallest and largest duration brings it back to the sample.
    expect(rows.find((row) => row.bucketIndex === null)?.measures).toEqual({
      count: 1,
      percentiles: { p1: 7.012, p99: 7.012 },
    });
  });

  it('states a bound below 1 %', () => {
    expect(LATENCY_RELATIVE_ERROR_BOUND).toBeCloseTo(0.02 / 2.02, 12);
  });
});
