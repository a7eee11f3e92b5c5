import { DAY_MS, HOUR_MS } from '../event-source-plan';
import { latencyBinSql } from './latency-histogram';

/** A rollup table: one row per UTC period and key, the period starting at `period_start`. */
export interface RollupGrain {
  table: string;
  periodMs: number;
}

export const HOURLY_ROLLUP: RollupGrain = { table: 'rollup_hourly', periodMs: HOUR_MS };
export const DAILY_ROLLUP: RollupGrain = { table: 'rollup_daily', periodMs: DAY_MS };
export const ROLLUP_GRAINS: readonly RollupGrain[] = [HOURLY_ROLLUP, DAILY_ROLLUP];

/** Columns that identify a rollup row; the status class follows from the status code. */
export const ROLLUP_KEY_COLUMNS = [
  'period_start',
  'tenant_id',
  'api_key_id',
  'product',
  'endpoint',
  'method',
  'status_code',
] as const;

export const ROLLUP_COLUMNS = [
  ...ROLLUP_KEY_COLUMNS,
  'status_class',
  'calls',
  'client_errors',
  'server_errors',
  'transactions',
  'min_duration_ms',
  'max_duration_ms',
  'latency_histogram',
] as const;

/**
 * SQL that aggregates the events of `relation` (a table with the event columns) into rollup rows
 * of `grain`, in ROLLUP_COLUMNS order. The period is computed from epoch microseconds, not with
 * date_trunc, so it is a UTC period whatever the session time zone, and is also about twice as fast.
 */
export function rollupAggregateSql(relation: string, grain: RollupGrain): string {
  const periodUs = grain.periodMs * 1000;
  return `
    SELECT make_timestamptz(epoch_us(timestamp) - ((epoch_us(timestamp) % ${periodUs}) + ${periodUs}) % ${periodUs}) AS period_start,
           tenant_id, api_key_id, product, endpoint, method, status_code,
           CAST(status_code // 100 AS VARCHAR) || 'xx' AS status_class,
           count(*) AS calls,
           count(*) FILTER (WHERE status_code >= 400 AND status_code < 500) AS client_errors,
           count(*) FILTER (WHERE status_code >= 500 AND status_code < 600) AS server_errors,
           sum(transactions) AS transactions,
           min(duration_ms) AS min_duration_ms,
           max(duration_ms) AS max_duration_ms,
           CAST(histogram(${latencyBinSql('duration_ms')}) AS MAP(SMALLINT, BIGINT)) AS latency_histogram
    FROM ${relation}
    GROUP BY ALL`;
}
