import { TenantScope } from '@analytics/common';
import { DuckDbGroupedQueries, GroupRankRequest, SeriesRow, toCount } from '@analytics/reports/shared';
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
 */
export class DuckDbLatencyRepository extends LatencyRepository {
  private readonly queries: DuckDbGroupedQueries;

  constructor(store: DuckDbStore) {
    super();
    this.queries = new DuckDbGroupedQueries(store);
  }

  rankGroups(scope: TenantScope, request: GroupRankRequest<LatencyDimension, LatencyOrder>): Promise<string[][]> {
    return this.queries.rank(scope, request, { measures: ['count(*) AS calls'], orderBy: ['calls DESC'] });
  }

  series(scope: TenantScope, request: LatencySeriesRequest): Promise<SeriesRow<LatencyMeasures>[]> {
    const { percentiles } = request;

    // The fractions are SQL literals because quantile_cont needs constant fractions. They are
    // digits built from validated numbers, never caller text.
    const fractions = percentiles.map(percentileFractionText).join(', ');

    return this.queries.series(scope, request, {
      measures: ['count(*) AS samples', `quantile_cont(duration_ms, [${fractions}]) AS quantiles`],
      toMeasures: (row) => ({ count: toCount(row.samples), percentiles: toPercentiles(percentiles, row.quantiles) }),
    });
  }
}

function toPercentiles(percentiles: readonly Percentile[], quantiles: unknown): Record<string, number | null> {
  const values = Array.isArray(quantiles) ? quantiles : [];
  return Object.fromEntries(percentiles.map((percentile, index) => [percentileKey(percentile), roundToMicroseconds(values[index])]));
}

function roundToMicroseconds(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return null;
  }
  return Math.round(value * 1000) / 1000;
}
