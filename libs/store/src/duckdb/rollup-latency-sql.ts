import { DuckDBListValue, listValue } from '@duckdb/node-api';
import { eventWhereSql, groupRestrictionSql } from './event-selection-sql';
import { GroupedSeriesSqlRequest } from './grouped-series-sql';
import { binRepresentativeSql } from './latency-histogram';
import { SqlParameters } from './sql-parameters';

export interface HistogramPercentilesSqlRequest extends Omit<GroupedSeriesSqlRequest, 'measures'> {
  /** Percentiles as fractions in (0, 1), e.g. 0.99. */
  fractions: number[];
}

/**
 * Percentiles per bucket and group from the latency histograms of a rollup source, plus a total
 * per group (rows with `bucket_index` NULL), in the shape of `groupedSeriesSql`: columns
 * `bucket_index`, `k0…kN`, `samples` and `quantiles`, a list in `fractions` order.
 *
 * The histograms of the rows in a bucket and group are merged by adding counts per bin. A
 * percentile then follows the raw method (h = (n − 1) · p, linear interpolation between the
 * samples at ranks ⌊h⌋ and ⌈h⌉) with each sample read as the representative of its bin, so its
 * relative error stays within LATENCY_RELATIVE_ERROR_BOUND. The result is then clamped to the
 * smallest and largest duration of the merged rows, which contain the exact value, so clamping
 * never moves it away from that value.
 */
export function histogramPercentilesSql(request: HistogramPercentilesSqlRequest): {
  sql: string;
  params: SqlParameters;
} {
  const { source } = request;
  if (!source || source.kind === 'raw') {
    throw new Error('histogramPercentilesSql reads rollup tables only');
  }

  const params = new SqlParameters();
  const starts = params.addTimestampList(request.bucketStartsMs);
  const fractions = `${params.add(fractionList(request.fractions))}::DOUBLE[]`;
  const keys = request.keepKeys
    ? request.groupColumns.map((column, index) => `CAST(${column} AS VARCHAR) AS k${index}`)
    : [];
  const keyNames = keys.map((_, index) => `k${index}`);
  const partition = ['bucket_index', ...keyNames].join(', ');

  const sql = `
    WITH bucket AS (
      SELECT unnest(${starts}) AS bucket_start, generate_subscripts(${starts}, 1) - 1 AS bucket_index
    ),
    fraction AS (
      SELECT unnest(${fractions}) AS fraction, generate_subscripts(${fractions}, 1) AS fraction_index
    ),
    selected AS (
      SELECT ${source.timeColumn}, min_duration_ms, max_duration_ms,
             ${[...keys, 'unnest(map_keys(latency_histogram)) AS bin', 'unnest(map_values(latency_histogram)) AS samples'].join(', ')}
      FROM ${source.relation}
      WHERE ${eventWhereSql(request.scope, request.selection, params, source.timeColumn)}
        AND ${groupRestrictionSql(request.groupColumns, request.restriction, params)}
    ),
    binned AS (
      SELECT bucket.bucket_index, ${[...keyNames, 'bin'].join(', ')}, sum(samples) AS samples,
             min(min_duration_ms) AS smallest, max(max_duration_ms) AS largest
      FROM selected ASOF JOIN bucket ON selected.${source.timeColumn} >= bucket.bucket_start
      GROUP BY GROUPING SETS ((${['bucket.bucket_index', ...keyNames, 'bin'].join(', ')}), (${[...keyNames, 'bin'].join(', ')}))
    ),
    ranked AS (
      -- rank_before: 0-based rank of the first sample of the bin. Bins hold at least one sample,
      -- so the bin of rank r is the highest bin whose rank_before is at most r.
      SELECT ${partition}, bin,
             sum(samples) OVER (PARTITION BY ${partition} ORDER BY bin ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - samples AS rank_before,
             sum(samples) OVER (PARTITION BY ${partition}) AS total,
             min(smallest) OVER (PARTITION BY ${partition}) AS smallest,
             max(largest) OVER (PARTITION BY ${partition}) AS largest
      FROM binned
    ),
    located AS (
      SELECT ${partition}, fraction_index, any_value(total) AS total, (any_value(total) - 1) * fraction AS h,
             any_value(smallest) AS smallest, any_value(largest) AS largest,
             max(bin) FILTER (WHERE rank_before <= floor((total - 1) * fraction)) AS low_bin,
             max(bin) FILTER (WHERE rank_before <= ceil((total - 1) * fraction)) AS high_bin
      FROM ranked CROSS JOIN fraction
      GROUP BY ${partition}, fraction_index, fraction
    )
    SELECT ${partition}, any_value(total) AS samples,
           list(least(largest, greatest(smallest,
                  ${binRepresentativeSql('low_bin')} + (h - floor(h)) * (${binRepresentativeSql('high_bin')} - ${binRepresentativeSql('low_bin')})))
                ORDER BY fraction_index) AS quantiles
    FROM located
    GROUP BY ${partition}`;

  return { sql, params };
}

function fractionList(fractions: number[]): DuckDBListValue {
  for (const fraction of fractions) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new RangeError(
        `A percentile fraction must be greater than 0 and less than 1, got ${fraction}`,
      );
    }
  }
  return listValue(fractions);
}
