import { computeBuckets, GRANULARITIES, TenantScope } from '@analytics/common';
import {
  KustoErrorsRepository,
  STATUS_CLASSES,
  ErrorsRanking,
  ErrorsDimension,
  ERRORS_DIMENSIONS,
} from '@analytics/reports/errors';
import {
  KustoLatencyRepository,
  LATENCY_DIMENSIONS,
  LatencyDimension,
} from '@analytics/reports/latency';
import {
  KustoVolumeRepository,
  VOLUME_DIMENSIONS,
  VolumeDimension,
} from '@analytics/reports/volume';
import { RecordingRunner } from './recording-runner';

/** Values that shape a query; the text must not depend on anything else. */
export interface QueryValues {
  tenantId: string;
  product: string[];
  endpoint: string[];
  apiKey: string[];
  groupKeys: string[][];
  minCalls: number;
  limit: number;
}

export const SAMPLE_VALUES: QueryValues = {
  tenantId: 'tenant-a',
  product: ['search'],
  endpoint: ['/search/2/geocode/{query}.json'],
  apiKey: ['key-1'],
  groupKeys: [['search', 'key-1']],
  minCalls: 20,
  limit: 11,
};

const FROM = Date.parse('2026-03-28T00:00:00Z');
const TIME_ZONES = ['UTC', 'Europe/Amsterdam', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
/** Days per range: several buckets of each granularity, across the European DST change of 29 March. */
const RANGE_DAYS = { hour: 2, day: 10, week: 70, month: 70 } as const;
const PERCENTILE_LISTS = [[50, 90, 95, 98, 99], [99.9], [0.1, 50, 99.5]];
const ERROR_RANKINGS: ErrorsRanking[] = [
  { order: 'calls' },
  { order: 'serverErrors' },
  { order: 'clientErrors' },
  { order: 'serverErrorRate', minCalls: 20 },
  { order: 'errorRate', minCalls: 20 },
];

/**
 * Groupings: none, each dimension alone, and every unordered pair. Swapping a pair changes only
 * which column is k0, so one order per pair is enough.
 */
function groupings<D extends string>(dimensions: readonly D[]): D[][] {
  const pairs = dimensions.flatMap((first, index) =>
    dimensions.slice(index + 1).map((second) => [first, second]),
  );
  return [[], ...dimensions.map((dimension) => [dimension]), ...pairs];
}

/** Filter sets: none, and all three dimensions; each filter adds one independent where line. */
function filterSets(
  values: QueryValues,
): Partial<Record<'product' | 'endpoint' | 'apiKey', string[]>>[] {
  return [{}, { product: values.product, endpoint: values.endpoint, apiKey: values.apiKey }];
}

function restrictions(
  groupBy: string[],
  values: QueryValues,
): ({ only: string[][] } | { except: string[][] })[] {
  if (groupBy.length === 0) {
    return [{ only: [] }];
  }
  const keys = values.groupKeys.map((key) => groupBy.map((_, index) => key[index % key.length]));
  return [{ only: keys }, { except: keys }, { except: [] }];
}

/**
 * Runs every report adapter over reports × granularities × time zones × groupings × filters ×
 * group restrictions × percentile lists × rankings × status classes, and returns the queries
 * they built, in order.
 */
export async function collectReportQueries(
  values: QueryValues,
): Promise<RecordingRunner['queries']> {
  const runner = new RecordingRunner();
  const scope = TenantScope.of(values.tenantId);
  const volume = new KustoVolumeRepository(runner);
  const latency = new KustoLatencyRepository(runner);
  const errors = new KustoErrorsRepository(runner);

  for (const granularity of GRANULARITIES) {
    for (const timeZone of TIME_ZONES) {
      const toMs = FROM + RANGE_DAYS[granularity] * 86_400_000;
      const bucketStartsMs = computeBuckets({
        fromMs: FROM,
        toMs,
        granularity,
        timeZone,
        nowMs: toMs,
      }).map((bucket) => bucket.startMs);

      for (const filters of filterSets(values)) {
        const selection = { fromMs: FROM, toMs, filters };

        for (const groupBy of groupings<VolumeDimension>(VOLUME_DIMENSIONS)) {
          if (groupBy.length > 0) {
            await volume.rankGroups(scope, {
              selection,
              groupBy,
              order: 'calls',
              limit: values.limit,
            });
          }
          for (const groups of restrictions(groupBy, values)) {
            await volume.series(scope, { selection, groupBy, bucketStartsMs, groups });
          }
        }

        for (const groupBy of groupings<LatencyDimension>(LATENCY_DIMENSIONS)) {
          if (groupBy.length > 0) {
            await latency.rankGroups(scope, {
              selection,
              groupBy,
              order: 'calls',
              limit: values.limit,
            });
          }
          for (const groups of restrictions(groupBy, values)) {
            for (const percentiles of PERCENTILE_LISTS) {
              await latency.series(scope, {
                selection,
                groupBy,
                bucketStartsMs,
                groups,
                percentiles,
              });
            }
          }
        }

        for (const groupBy of groupings<ErrorsDimension>(ERRORS_DIMENSIONS)) {
          for (const statusClasses of [[], [...STATUS_CLASSES].slice(2)]) {
            for (const ranking of groupBy.length > 0 ? ERROR_RANKINGS : []) {
              const withCalls =
                'minCalls' in ranking ? { ...ranking, minCalls: values.minCalls } : ranking;
              await errors.rankGroups(scope, {
                selection,
                groupBy,
                ranking: withCalls,
                statusClasses,
                limit: values.limit,
              });
            }
            for (const groups of restrictions(groupBy, values)) {
              await errors.series(scope, {
                selection,
                groupBy,
                bucketStartsMs,
                groups,
                statusClasses,
              });
            }
          }
        }
      }
    }
  }
  return runner.queries;
}
