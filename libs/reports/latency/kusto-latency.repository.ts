import { TenantScope } from '@analytics/common';
import { GroupRankRequest, SeriesRow } from '@analytics/reports/shared';
import {
  KqlEventSource,
  KustoGroupedQueries,
  KustoGroupedQueriesOptions,
  KustoQueryRunner,
  readCount,
  readDynamic,
  readReal,
} from '@analytics/store';
import { LatencyRepository, LatencySeriesRequest } from './latency.repository';
import { LatencyDimension, LatencyMeasures, LatencyOrder } from './latency.types';
import { Percentile, percentileFractionText, percentileKey } from './percentile-list';

/**
 * Latency from Azure Data Explorer.
 *
 * Method: Kusto estimates percentiles with a t-digest, from the events with `percentiles_array()`
 * or, where a rollup view fits the query, by merging the view's digests with `tdigest_merge()`
 * and reading them with `percentiles_array_tdigest()`. Both are the same estimator, so the
 * rollups do not change the accuracy class. Each value is rounded to 3 decimals as in the DuckDB
 * adapter. Totals and the merged "(other)" group are summarized from their own samples or
 * digests, never from bucket percentiles.
 * NOTE: an estimate is not DuckDB's interpolated exact value. Both agree when a group's samples
 * are equal; otherwise they differ by at most the gap between neighbouring samples.
 */
export class KustoLatencyRepository extends LatencyRepository {
  private readonly queries: KustoGroupedQueries;

  constructor(runner: KustoQueryRunner, options: KustoGroupedQueriesOptions = {}) {
    super();
    this.queries = new KustoGroupedQueries(runner, options);
  }

  rankGroups(
    scope: TenantScope,
    request: GroupRankRequest<LatencyDimension, LatencyOrder>,
  ): Promise<string[][]> {
    return this.queries.rank(scope, request, (source) => ({
      measures: [`calls = ${source.calls}`],
      orderBy: ['calls desc'],
    }));
  }

  series(scope: TenantScope, request: LatencySeriesRequest): Promise<SeriesRow<LatencyMeasures>[]> {
    const { percentiles } = request;

    return this.queries.series(scope, request, (source) => ({
      ...quantileMeasures(source, percentiles.map(percentileLiteral).join(', ')),
      toMeasures: (row) => ({
        count: readCount(row.samples, 'samples'),
        percentiles: toPercentiles(percentiles, row.quantiles),
      }),
    }));
  }
}

/**
 * Builds the sample count and the `quantiles` array per row. Events are summarized directly. A
 * view's digests are merged in the summarize and read in the projection, because
 * percentiles_array_tdigest() is a scalar function of the merged digest.
 */
function quantileMeasures(
  source: KqlEventSource,
  literals: string,
): { measures: string[]; outputs: string[] } {
  if (source.kind === 'raw') {
    return {
      measures: ['samples = count()', `quantiles = percentiles_array(DurationMs, ${literals})`],
      outputs: ['samples = tostring(samples)', 'quantiles'],
    };
  }
  return {
    measures: [`samples = ${source.calls}`, 'digest = tdigest_merge(LatencyDigest)'],
    outputs: [
      'samples = tostring(samples)',
      `quantiles = percentiles_array_tdigest(digest, ${literals})`,
    ],
  };
}

/**
 * Writes a percentile as a KQL number literal (99.9 → `99.9`). Kusto needs constant percentiles,
 * so they are literals; the text comes from the validated fraction, so it holds only digits and a dot.
 */
function percentileLiteral(percentile: Percentile): string {
  const tenths = Number(percentileFractionText(percentile).slice(2));
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

function toPercentiles(
  percentiles: readonly Percentile[],
  quantiles: unknown,
): Record<string, number | null> {
  const parsed = readDynamic(quantiles);
  const values = Array.isArray(parsed) ? parsed : [];
  return Object.fromEntries(
    percentiles.map((percentile, index) => [
      percentileKey(percentile),
      roundToMicroseconds(readReal(values[index])),
    ]),
  );
}

function roundToMicroseconds(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}
