import { TenantScope } from '@analytics/common';
import {
  DuckDbStore,
  EventSelection,
  EventSource,
  groupedSeriesSql,
  groupRankSql,
  histogramPercentilesSql,
  planEventSource,
} from '@analytics/store';
import {
  GroupedSelection,
  GroupRankRequest,
  GroupSeriesRequest,
  SeriesRow,
} from '../grouped-report.types';

/** Report dimension → DuckDB column. Only these names reach SQL text; values go in as parameters. */
export const DIMENSION_COLUMNS: Record<string, string> = {
  product: 'product',
  endpoint: 'endpoint',
  apiKey: 'api_key_id',
  statusCode: 'status_code',
};

export interface RankSpec {
  measures: string[];
  orderBy: string[];
  having?: string;
}

/**
 * Measures are written against every event source: `sum(calls)` counts calls (the raw source has
 * `calls` = 1 per event) and `sum(transactions)` transactions.
 */
export interface SeriesSpec<M> {
  measures: string[];
  toMeasures: (row: Record<string, unknown>) => M;
  /** Extra predicates of the report, written by the adapter, never from caller text. */
  predicates?: string[];
  /** Source to read instead of the planned one. */
  source?: EventSource;
}

export interface HistogramSeriesSpec<M> {
  /** Percentiles as fractions in (0, 1). */
  fractions: number[];
  toMeasures: (row: Record<string, unknown>) => M;
}

export interface DuckDbGroupedQueriesOptions {
  /** Whether queries may read the hourly and daily rollups; true unless switched off. */
  rollups?: boolean;
}

/**
 * The rank and series queries shared by the DuckDB report adapters. Each query reads the
 * coarsest source whose rows fit its range and buckets exactly (see planEventSource): the daily
 * or hourly rollups when they fall on whole UTC days or hours, and the raw events otherwise.
 */
export class DuckDbGroupedQueries {
  private readonly rollups: boolean;

  constructor(
    private readonly store: DuckDbStore,
    options: DuckDbGroupedQueriesOptions = {},
  ) {
    this.rollups = options.rollups ?? true;
  }

  /** The source a series query over `request`'s range and buckets reads. */
  seriesSource<D extends string>(request: GroupSeriesRequest<D>): EventSource {
    const { fromMs, toMs } = request.selection;
    return planEventSource([fromMs, ...request.bucketStartsMs, toMs], { rollups: this.rollups });
  }

  async rank<D extends string>(
    scope: TenantScope,
    request: GroupRankRequest<D>,
    spec: RankSpec & { predicates?: string[] },
  ): Promise<string[][]> {
    const { fromMs, toMs } = request.selection;
    const { sql, params } = groupRankSql({
      scope,
      source: planEventSource([fromMs, toMs], { rollups: this.rollups }),
      selection: toEventSelection(request.selection, spec.predicates),
      groupColumns: request.groupBy.map(columnOf),
      measures: spec.measures,
      orderBy: spec.orderBy,
      having: spec.having,
      limit: request.limit,
    });

    const rows = await this.store.query(sql, params.values);
    return rows.map((row) => request.groupBy.map((_, index) => String(row[`k${index}`])));
  }

  async series<D extends string, M>(
    scope: TenantScope,
    request: GroupSeriesRequest<D>,
    spec: SeriesSpec<M>,
  ): Promise<SeriesRow<M>[]> {
    const keepKeys = 'only' in request.groups;
    const { sql, params } = groupedSeriesSql({
      scope,
      source: spec.source ?? this.seriesSource(request),
      selection: toEventSelection(request.selection, spec.predicates),
      groupColumns: request.groupBy.map(columnOf),
      restriction: request.groups,
      keepKeys,
      bucketStartsMs: request.bucketStartsMs,
      measures: spec.measures,
    });

    const rows = await this.store.query(sql, params.values);
    return toSeriesRows(rows, request.groupBy.length, keepKeys, spec.toMeasures);
  }

  /**
   * Reads percentiles from the latency histograms of `source`, a rollup source from
   * `seriesSource`; rows have the shape of `series`.
   */
  async histogramSeries<D extends string, M>(
    scope: TenantScope,
    request: GroupSeriesRequest<D>,
    source: EventSource,
    spec: HistogramSeriesSpec<M>,
  ): Promise<SeriesRow<M>[]> {
    const keepKeys = 'only' in request.groups;
    const { sql, params } = histogramPercentilesSql({
      scope,
      source,
      selection: toEventSelection(request.selection),
      groupColumns: request.groupBy.map(columnOf),
      restriction: request.groups,
      keepKeys,
      bucketStartsMs: request.bucketStartsMs,
      fractions: spec.fractions,
    });

    const rows = await this.store.query(sql, params.values);
    return toSeriesRows(rows, request.groupBy.length, keepKeys, spec.toMeasures);
  }
}

function toSeriesRows<M>(
  rows: Record<string, unknown>[],
  keyCount: number,
  keepKeys: boolean,
  toMeasures: (row: Record<string, unknown>) => M,
): SeriesRow<M>[] {
  return rows.map((row) => ({
    bucketIndex: row.bucket_index === null ? null : Number(row.bucket_index),
    key: keepKeys ? Array.from({ length: keyCount }, (_, index) => String(row[`k${index}`])) : null,
    measures: toMeasures(row),
  }));
}

function columnOf(dimension: string): string {
  const column = DIMENSION_COLUMNS[dimension];
  if (!column) {
    throw new Error(`No column for dimension ${dimension}`);
  }
  return column;
}

function toEventSelection<D extends string>(
  selection: GroupedSelection<D>,
  predicates?: string[],
): EventSelection {
  const filters = Object.entries(selection.filters as Record<string, string[] | undefined>)
    .filter((entry): entry is [string, string[]] => entry[1] !== undefined && entry[1].length > 0)
    .map(([dimension, values]) => ({ column: columnOf(dimension), values }));

  return { fromMs: selection.fromMs, toMs: selection.toMs, filters, predicates };
}

/** Converts a DuckDB BIGINT/HUGEINT count to a number; counts stay far below 2^53 per tenant. */
export function toCount(value: unknown): number {
  if (value === null || value === undefined) {
    return 0;
  }
  return Number(value);
}
