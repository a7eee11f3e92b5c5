import { TenantScope } from '@analytics/common';
import {
  DuckDbGroupedQueries,
  DuckDbGroupedQueriesOptions,
  GroupRankRequest,
  SeriesRow,
  toCount,
} from '@analytics/reports/shared';
import { DuckDbStore } from '@analytics/store';
import { LatencyRepository, LatencySeriesRequest } from './latency.repository';
import { LatencyDimension, LatencyMeasures, LatencyOrder } from './latency.types';
import { Percentile, percentileFractionText, percentileKey } from './percentile-list';

/**
 * Latency from the raw events in DuckDB.
 *
 * Method: exact percentiles with linear interpolation between closest ranks. DuckDB's
 * `quantile_cont(duration_ms, [fractions])` sorts the n samples x[0] ≤ … ≤ x[n-1], takes
 * h = (n - 1) · p and returns x[⌊h⌋] + (h - ⌊h⌋) · (x[⌈h⌉] - x[⌊h⌋]), the same as numpy's default
 * 'linear' method. `duration_ms` is DOUBLE, so the interpolation runs in floating point. Each
 * value is then rounded to 3 decimals (whole microseconds). The series query groups with GROUPING
 * SETS, so group totals and the merged "(other)" group are computed from their own samples,
 * never from finer percentiles.
 *
 * When the range and buckets fall on whole UTC hours or days and rollups are on, the series reads
 * the rollups' latency histograms instead, merged per bucket and group. Those percentiles are
 * within LATENCY_RELATIVE_ERROR_BOUND (0.99 %) of the exact ones (see histogramPercentilesSql).
 */
export class DuckDbLatencyRepository extends LatencyRepository {
  private readonly queries: DuckDbGroupedQueries;

  constructor(store: DuckDbStore, options: DuckDbGroupedQueriesOptions = {}) {
    super();
    this.queries = new DuckDbGroupedQueries(store, options);
  }

  rankGroups(
    scope: TenantScope,
    request: GroupRankRequest<LatencyDimension, LatencyOrder>,
  ): Promise<string[][]> {
    return this.queries.rank(scope, request, {
      measures: ['sum(calls) AS calls'],
      orderBy: ['calls DESC'],
    });
  }

  series(scope: TenantScope, request: LatencySeriesRequest): Promise<SeriesRow<LatencyMeasures>[]> {
    const { percentiles } = request;
    const toMeasures = (row: Record<string, unknown>): LatencyMeasures => ({
      count: toCount(row.samples),
      percentiles: toPercentiles(percentiles, row.quantiles),
    });

    const source = this.queries.seriesSource(request);
    if (source.kind !== 'raw') {
      const fractions = percentiles.map((percentile) => Number(percentileFractionText(percentile)));
      return this.queries.histogramSeries(scope, request, source, { fractions, toMeasures });
    }

    // The fractions are SQL literals because quantile_cont needs constant fractions. They are
    // digits built from validated numbers, never caller text.
    const fractions = percentiles.map(percentileFractionText).join(', ');

    return this.queries.series(scope, request, {
      measures: ['count(*) AS samples', `quantile_cont(duration_ms, [${fractions}]) AS quantiles`],
      toMeasures,
      source,
    });
  }
}

function toPercentiles(
  percentiles: readonly Percentile[],
  quantiles: unknown,
): Record<string, number | null> {
  const values = Array.isArray(quantiles) ? quantiles : [];
  return Object.fromEntries(
    percentiles.map((percentile, index) => [
      percentileKey(percentile),
      roundToMicroseconds(values[index]),
    ]),
  );
}

function roundToMicroseconds(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return null;
  }
  return Math.round(value * 1000) / 1000;
}
