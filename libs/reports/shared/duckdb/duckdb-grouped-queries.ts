import { TenantScope } from '@analytics/common';
import { DuckDbStore, EventSelection, groupedSeriesSql, groupRankSql } from '@analytics/store';
import { GroupedSelection, GroupRankRequest, GroupSeriesRequest, SeriesRow } from '../grouped-report.types';

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

export interface SeriesSpec<M> {
  measures: string[];
  toMeasures: (row: Record<string, unknown>) => M;
  /** Extra predicates of the report, written by the adapter, never from caller text. */
  predicates?: string[];
}

/** The rank and series queries shared by the DuckDB report adapters. */
export class DuckDbGroupedQueries {
  constructor(private readonly store: DuckDbStore) {}

  async rank<D extends string>(scope: TenantScope, request: GroupRankRequest<D>, spec: RankSpec & { predicates?: string[] }): Promise<string[][]> {
    const { sql, params } = groupRankSql({
      scope,
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

  async series<D extends string, M>(scope: TenantScope, request: GroupSeriesRequest<D>, spec: SeriesSpec<M>): Promise<SeriesRow<M>[]> {
    const keepKeys = 'only' in request.groups;
    const { sql, params } = groupedSeriesSql({
      scope,
      selection: toEventSelection(request.selection, spec.predicates),
      groupColumns: request.groupBy.map(columnOf),
      restriction: request.groups,
      keepKeys,
      bucketStartsMs: request.bucketStartsMs,
      measures: spec.measures,
    });

    const rows = await this.store.query(sql, params.values);
    return rows.map((row) => ({
      bucketIndex: row.bucket_index === null ? null : Number(row.bucket_index),
      key: keepKeys ? request.groupBy.map((_, index) => String(row[`k${index}`])) : null,
      measures: spec.toMeasures(row),
    }));
  }
}

function columnOf(dimension: string): string {
  const column = DIMENSION_COLUMNS[dimension];
  if (!column) {
    throw new Error(`No column for dimension ${dimension}`);
  }
  return column;
}

function toEventSelection<D extends string>(selection: GroupedSelection<D>, predicates?: string[]): EventSelection {
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
