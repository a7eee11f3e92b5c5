import { computeBuckets, Granularity, TenantScope } from '@analytics/common';
import { ErrorsRepository, ErrorsRanking, StatusClass } from '@analytics/reports/errors';
import { LatencyRepository } from '@analytics/reports/latency';
import { ParametersRepository } from '@analytics/reports/parameters';
import { SeriesRow } from '@analytics/reports/shared';
import { VolumeRepository } from '@analytics/reports/volume';
import { UsageEvent } from '@analytics/store';
import { usageEvent } from '../../support/event-factory';

/** The adapters under test, one per report port; DuckDB in CI, Kusto in the live suite. */
export interface ReportAdapters {
  volume: VolumeRepository;
  latency: LatencyRepository;
  errors: ErrorsRepository;
  parameters: ParametersRepository;
}

interface Window {
  from: string;
  to: string;
  granularity: Granularity;
  timeZone: string;
}

type Filters = Partial<Record<'product' | 'endpoint' | 'apiKey', string[]>>;

/** One port call, as the report runner would request it from the adapter. */
export type ReportCall =
  | {
      port: 'volume.rankGroups';
      groupBy: ('product' | 'endpoint' | 'apiKey')[];
      filters?: Filters;
      limit: number;
    }
  | {
      port: 'volume.series';
      window: Window;
      groupBy: ('product' | 'endpoint' | 'apiKey')[];
      filters?: Filters;
      groups: { only: string[][] } | { except: string[][] };
    }
  | {
      port: 'latency.series';
      window: Window;
      groupBy: ('product' | 'endpoint' | 'apiKey')[];
      groups: { only: string[][] } | { except: string[][] };
      percentiles: number[];
    }
  | {
      port: 'errors.rankGroups';
      groupBy: ('endpoint' | 'statusCode')[];
      ranking: ErrorsRanking;
      statusClasses: StatusClass[];
      limit: number;
    }
  | {
      port: 'errors.series';
      window: Window;
      groupBy: ('endpoint' | 'statusCode')[];
      groups: { only: string[][] } | { except: string[][] };
      statusClasses: StatusClass[];
    }
  | { port: 'parameters.usage'; endpoint: string; top: number }
  | { port: 'parameters.values'; endpoint: string; name: string; top: number };

export interface ReportCase {
  name: string;
  events: UsageEvent[];
  call: ReportCall;
  /** Group keys for rank calls, in rank order; series rows sorted by key, then bucket (totals last); parameter counts as the port returns them. */
  expected: string[][] | SeriesRow<unknown>[] | object;
}

export const CASE_TENANT = 'tenant-a';

/** A range wide enough for the rank calls, which take no buckets. */
const RANK_RANGE = {
  fromMs: Date.parse('2026-03-01T00:00:00Z'),
  toMs: Date.parse('2026-04-01T00:00:00Z'),
};

const AMSTERDAM_DST_DAYS: Window = {
  from: '2026-03-27T23:00:00Z',
  to: '2026-03-29T22:00:00Z',
  granularity: 'day',
  timeZone: 'Europe/Amsterdam',
};
const KATHMANDU_HOURS: Window = {
  from: '2026-03-10T00:15:00Z',
  to: '2026-03-10T02:15:00Z',
  granularity: 'hour',
  timeZone: 'Asia/Kathmandu',
};

const geocode = '/search/2/geocode/{query}.json';
const route = '/routing/1/calculateRoute/{locations}/json';

/**
 * The shared conformance cases: events in, the port's result out. Every adapter must return
 * exactly these results. Latency cases use groups whose samples are equal, because an estimating
 * store (Kusto's t-digest) and DuckDB's interpolation agree exactly only there.
 */
export const REPORT_CASES: ReportCase[] = [
  {
    name: 'volume series on the Amsterdam DST day',
    events: [
      usageEvent({ at: '2026-03-28T22:30:00Z', product: 'search', transactions: 2 }),
      usageEvent({ at: '2026-03-28T23:30:00Z', product: 'search' }),
      usageEvent({ at: '2026-03-29T21:59:59.999Z', product: 'maps' }),
      usageEvent({ at: '2026-03-29T22:00:00Z', product: 'search' }),
      usageEvent({ at: '2026-03-28T12:00:00Z', product: 'search', tenantId: 'tenant-b' }),
    ],
    call: {
      port: 'volume.series',
      window: AMSTERDAM_DST_DAYS,
      groupBy: ['product'],
      groups: { only: [['maps'], ['search']] },
    },
    expected: [
      { bucketIndex: 1, key: ['maps'], measures: { calls: 1, transactions: 1 } },
      { bucketIndex: null, key: ['maps'], measures: { calls: 1, transactions: 1 } },
      { bucketIndex: 0, key: ['search'], measures: { calls: 1, transactions: 2 } },
      { bucketIndex: 1, key: ['search'], measures: { calls: 1, transactions: 1 } },
      { bucketIndex: null, key: ['search'], measures: { calls: 2, transactions: 3 } },
    ],
  },
  {
    name: 'volume series of the other groups in Kathmandu hours',
    events: [
      usageEvent({ at: '2026-03-10T00:15:00Z', product: 'search' }),
      usageEvent({ at: '2026-03-10T00:20:00Z', product: 'maps' }),
      usageEvent({ at: '2026-03-10T01:14:59Z', product: 'traffic' }),
      usageEvent({ at: '2026-03-10T01:15:00Z', product: 'traffic' }),
    ],
    call: {
      port: 'volume.series',
      window: KATHMANDU_HOURS,
      groupBy: ['product'],
      groups: { except: [['search']] },
    },
    expected: [
      { bucketIndex: 0, key: null, measures: { calls: 2, transactions: 2 } },
      { bucketIndex: 1, key: null, measures: { calls: 1, transactions: 1 } },
      { bucketIndex: null, key: null, measures: { calls: 3, transactions: 3 } },
    ],
  },
  {
    name: 'volume ranks by calls then key',
    events: [
      usageEvent({ at: '2026-03-10T01:00:00Z', product: 'search', apiKeyId: 'key-2' }),
      usageEvent({ at: '2026-03-10T02:00:00Z', product: 'search', apiKeyId: 'key-1' }),
      usageEvent({ at: '2026-03-10T03:00:00Z', product: 'maps', apiKeyId: 'key-1' }),
      usageEvent({ at: '2026-03-10T04:00:00Z', product: 'maps', apiKeyId: 'key-1' }),
      usageEvent({ at: '2026-03-10T05:00:00Z', product: 'traffic', apiKeyId: 'key-1' }),
    ],
    call: { port: 'volume.rankGroups', groupBy: ['product', 'apiKey'], limit: 3 },
    expected: [
      ['maps', 'key-1'],
      ['search', 'key-1'],
      ['search', 'key-2'],
    ],
  },
  {
    name: 'latency series with totals from samples',
    events: [
      usageEvent({ at: '2026-03-10T00:20:00Z', endpoint: geocode, durationMs: 12.5 }),
      usageEvent({ at: '2026-03-10T00:40:00Z', endpoint: geocode, durationMs: 12.5 }),
      usageEvent({ at: '2026-03-10T01:30:00Z', endpoint: route, durationMs: 80 }),
    ],
    call: {
      port: 'latency.series',
      window: KATHMANDU_HOURS,
      groupBy: ['endpoint'],
      groups: { only: [[geocode], [route]] },
      percentiles: [50, 99.9],
    },
    expected: [
      {
        bucketIndex: 1,
        key: [route],
        measures: { count: 1, percentiles: { p50: 80, 'p99.9': 80 } },
      },
      {
        bucketIndex: null,
        key: [route],
        measures: { count: 1, percentiles: { p50: 80, 'p99.9': 80 } },
      },
      {
        bucketIndex: 0,
        key: [geocode],
        measures: { count: 2, percentiles: { p50: 12.5, 'p99.9': 12.5 } },
      },
      {
        bucketIndex: null,
        key: [geocode],
        measures: { count: 2, percentiles: { p50: 12.5, 'p99.9': 12.5 } },
      },
    ],
  },
  {
    name: 'errors series by status code for server errors',
    events: [
      usageEvent({ at: '2026-03-10T00:30:00Z', statusCode: 503 }),
      usageEvent({ at: '2026-03-10T00:31:00Z', statusCode: 503 }),
      usageEvent({ at: '2026-03-10T01:30:00Z', statusCode: 500 }),
      usageEvent({ at: '2026-03-10T01:31:00Z', statusCode: 404 }),
      usageEvent({ at: '2026-03-10T01:32:00Z', statusCode: 200 }),
    ],
    call: {
      port: 'errors.series',
      window: KATHMANDU_HOURS,
      groupBy: ['statusCode'],
      groups: { only: [['500'], ['503']] },
      statusClasses: ['5xx'],
    },
    expected: [
      {
        bucketIndex: 1,
        key: ['500'],
        measures: { calls: 1, status2xx: 0, status3xx: 0, status4xx: 0, status5xx: 1 },
      },
      {
        bucketIndex: null,
        key: ['500'],
        measures: { calls: 1, status2xx: 0, status3xx: 0, status4xx: 0, status5xx: 1 },
      },
      {
        bucketIndex: 0,
        key: ['503'],
        measures: { calls: 2, status2xx: 0, status3xx: 0, status4xx: 0, status5xx: 2 },
      },
      {
        bucketIndex: null,
        key: ['503'],
        measures: { calls: 2, status2xx: 0, status3xx: 0, status4xx: 0, status5xx: 2 },
      },
    ],
  },
  {
    name: 'errors rank by server error rate with minimum calls',
    events: [
      ...[500, 200, 200].map((statusCode, index) =>
        usageEvent({ at: `2026-03-10T01:0${index}:00Z`, endpoint: geocode, statusCode }),
      ),
      ...[500, 500].map((statusCode, index) =>
        usageEvent({ at: `2026-03-10T02:0${index}:00Z`, endpoint: route, statusCode }),
      ),
      ...[500, 200, 200, 200].map((statusCode, index) =>
        usageEvent({ at: `2026-03-10T03:0${index}:00Z`, endpoint: '/maps/tile', statusCode }),
      ),
    ],
    call: {
      port: 'errors.rankGroups',
      groupBy: ['endpoint'],
      ranking: { order: 'serverErrorRate', minCalls: 3 },
      statusClasses: [],
      limit: 10,
    },
    expected: [[geocode], ['/maps/tile'], [route]],
  },
  {
    name: 'parameters usage with ties and other calls',
    events: [
      usageEvent({
        at: '2026-03-10T01:00:00Z',
        endpoint: geocode,
        params: { query: 'a', lat: '1', lon: '2' },
      }),
      usageEvent({
        at: '2026-03-10T01:01:00Z',
        endpoint: geocode,
        params: { lon: '2', lat: '1', query: 'b' },
      }),
      usageEvent({ at: '2026-03-10T01:02:00Z', endpoint: geocode, params: { query: 'a' } }),
      usageEvent({ at: '2026-03-10T01:03:00Z', endpoint: geocode, params: {} }),
      usageEvent({
        at: '2026-03-10T01:04:00Z',
        endpoint: geocode,
        params: { key: 'x', query: 'c' },
      }),
      usageEvent({ at: '2026-03-10T01:05:00Z', endpoint: route, params: { query: 'a' } }),
    ],
    call: { port: 'parameters.usage', endpoint: geocode, top: 2 },
    expected: {
      totalCalls: 5,
      names: [
        { name: 'query', calls: 4 },
        { name: 'lat', calls: 2 },
      ],
      distinctNames: 4,
      otherNameCalls: 3,
      shapes: [
        { parameters: ['lat', 'lon', 'query'], calls: 2 },
        { parameters: [], calls: 1 },
      ],
      distinctShapes: 4,
      otherShapeCalls: 2,
    },
  },
  {
    name: 'parameters values ranked by calls then value',
    events: [
      usageEvent({ at: '2026-03-10T01:00:00Z', endpoint: geocode, params: { query: 'b' } }),
      usageEvent({ at: '2026-03-10T01:01:00Z', endpoint: geocode, params: { query: 'a' } }),
      usageEvent({ at: '2026-03-10T01:02:00Z', endpoint: geocode, params: { query: 'c' } }),
      usageEvent({ at: '2026-03-10T01:03:00Z', endpoint: geocode, params: { query: 'c' } }),
      usageEvent({ at: '2026-03-10T01:04:00Z', endpoint: geocode, params: { lat: '1' } }),
    ],
    call: { port: 'parameters.values', endpoint: geocode, name: 'query', top: 2 },
    expected: {
      totalCalls: 5,
      carryingCalls: 4,
      values: [
        { value: 'c', calls: 2 },
        { value: 'a', calls: 1 },
      ],
      distinctValues: 3,
      otherValueCalls: 1,
    },
  },
];

/** Runs one case's call on the adapters; series rows come back sorted as `expected` is. */
export async function runReportCase(
  adapters: ReportAdapters,
  tenantId: string,
  call: ReportCall,
): Promise<string[][] | SeriesRow<unknown>[] | object> {
  const scope = TenantScope.of(tenantId);

  switch (call.port) {
    case 'volume.rankGroups':
      return adapters.volume.rankGroups(scope, {
        selection: { ...RANK_RANGE, filters: call.filters ?? {} },
        groupBy: call.groupBy,
        order: 'calls',
        limit: call.limit,
      });
    case 'volume.series':
      return sortRows(
        await adapters.volume.series(scope, {
          ...seriesBase(call.window, call.filters),
          groupBy: call.groupBy,
          groups: call.groups,
        }),
      );
    case 'latency.series':
      return sortRows(
        await adapters.latency.series(scope, {
          ...seriesBase(call.window),
          groupBy: call.groupBy,
          groups: call.groups,
          percentiles: call.percentiles,
        }),
      );
    case 'errors.rankGroups':
      return adapters.errors.rankGroups(scope, {
        selection: { ...RANK_RANGE, filters: {} },
        groupBy: call.groupBy,
        ranking: call.ranking,
        statusClasses: call.statusClasses,
        limit: call.limit,
      });
    case 'errors.series':
      return sortRows(
        await adapters.errors.series(scope, {
          ...seriesBase(call.window),
          groupBy: call.groupBy,
          groups: call.groups,
          statusClasses: call.statusClasses,
        }),
      );
    case 'parameters.usage':
      return adapters.parameters.usage(scope, {
        selection: { ...RANK_RANGE, endpoint: call.endpoint, filters: {} },
        top: call.top,
      });
    case 'parameters.values':
      return adapters.parameters.values(scope, {
        selection: { ...RANK_RANGE, endpoint: call.endpoint, filters: {} },
        name: call.name,
        top: call.top,
      });
  }
}

function seriesBase(window: Window, filters: Filters = {}) {
  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);
  const buckets = computeBuckets({
    fromMs,
    toMs,
    granularity: window.granularity,
    timeZone: window.timeZone,
    nowMs: toMs,
  });
  return {
    selection: { fromMs, toMs, filters },
    bucketStartsMs: buckets.map((bucket) => bucket.startMs),
  };
}

function sortRows<M>(rows: SeriesRow<M>[]): SeriesRow<M>[] {
  const keyText = (row: SeriesRow<M>) => JSON.stringify(row.key);
  const bucketOrder = (row: SeriesRow<M>) =>
    row.bucketIndex === null ? Number.MAX_SAFE_INTEGER : row.bucketIndex;
  return [...rows].sort(
    (left, right) =>
      keyText(left).localeCompare(keyText(right)) || bucketOrder(left) - bucketOrder(right),
  );
}
