import { TenantScope } from '@analytics/common';
import {
  EventSelection,
  eventWhereSql,
  GroupRestriction,
  groupRestrictionSql,
} from './event-selection-sql';
import { EventSource, RAW_EVENT_SOURCE } from './event-source';
import { SqlParameters } from './sql-parameters';

export interface GroupRankSqlRequest {
  scope: TenantScope;
  selection: EventSelection;
  /** Table to read; the raw events by default. */
  source?: EventSource;
  /** SQL expressions of the grouping columns, in `groupBy` order. */
  groupColumns: string[];
  /** Aggregate expressions selected next to the key, e.g. `count(*) AS calls`. */
  measures: string[];
  /** ORDER BY terms over the measures; the key columns follow as tiebreak. */
  orderBy: string[];
  /** Optional HAVING condition over the measures. */
  having?: string;
  limit: number;
}

/** Ranks the groups of a selection: at most `limit` rows of `k0…kN` key columns plus measures. */
export function groupRankSql(request: GroupRankSqlRequest): { sql: string; params: SqlParameters } {
  const params = new SqlParameters();
  const keys = request.groupColumns.map(
    (column, index) => `CAST(${column} AS VARCHAR) AS k${index}`,
  );
  const keyNames = request.groupColumns.map((_, index) => `k${index}`);
  const source = request.source ?? RAW_EVENT_SOURCE;

  const sql = `
    SELECT ${[...keys, ...request.measures].join(', ')}
    FROM ${source.relation}
    WHERE ${eventWhereSql(request.scope, request.selection, params, source.timeColumn)}
    ${keyNames.length > 0 ? `GROUP BY ${keyNames.join(', ')}` : ''}
    ${request.having ? `HAVING ${request.having}` : ''}
    ORDER BY ${[...request.orderBy, ...keyNames.map((name) => `${name} ASC`)].join(', ')}
    LIMIT ${Math.trunc(request.limit)}`;

  return { sql, params };
}

export interface GroupedSeriesSqlRequest {
  scope: TenantScope;
  selection: EventSelection;
  /** Table to read; the raw events by default. */
  source?: EventSource;
  groupColumns: string[];
  /** Groups to return; `except` merges every group not listed into one row set. */
  restriction: GroupRestriction;
  /** Whether rows keep their group key (`only`) or are merged into one "other" group (`except`). */
  keepKeys: boolean;
  /** Start of each bucket, ascending; each bucket ends where the next starts. */
  bucketStartsMs: number[];
  measures: string[];
}

/**
 * Aggregates a selection per bucket and group, plus a total per group over the whole range, in
 * one scan: rows with `bucket_index` NULL are the totals. Every event joins the last bucket that
 * starts at or before it (an ASOF join), which places it in its local-calendar bucket without
 * DuckDB knowing the time zone.
 */
export function groupedSeriesSql(request: GroupedSeriesSqlRequest): {
  sql: string;
  params: SqlParameters;
} {
  const params = new SqlParameters();
  const starts = params.addTimestampList(request.bucketStartsMs);
  const keys = request.keepKeys
    ? request.groupColumns.map((column, index) => `CAST(${column} AS VARCHAR) AS k${index}`)
    : [];
  const keyNames = keys.map((_, index) => `k${index}`);
  const source = request.source ?? RAW_EVENT_SOURCE;

  const sql = `
    WITH bucket AS (
      SELECT unnest(${starts}) AS bucket_start, generate_subscripts(${starts}, 1) - 1 AS bucket_index
    ),
    selected AS (
      SELECT *${keys.length > 0 ? `, ${keys.join(', ')}` : ''}
      FROM ${source.relation}
      WHERE ${eventWhereSql(request.scope, request.selection, params, source.timeColumn)}
        AND ${groupRestrictionSql(request.groupColumns, request.restriction, params)}
    )
    SELECT bucket.bucket_index, ${[...keyNames, ...request.measures].join(', ')}
    FROM selected ASOF JOIN bucket ON selected.${source.timeColumn} >= bucket.bucket_start
    GROUP BY GROUPING SETS ((${['bucket.bucket_index', ...keyNames].join(', ')}), (${keyNames.join(', ')}))`;

  return { sql, params };
}
