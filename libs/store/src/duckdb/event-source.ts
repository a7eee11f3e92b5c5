import { EVENTS_TABLE } from './duckdb-schema';
import { DAILY_ROLLUP, HOURLY_ROLLUP, RollupGrain } from './rollup-tables';

export type EventSourceKind = 'daily' | 'hourly' | 'raw';

/**
 * A relation that report queries read events from. Every source has the event's key columns
 * (`tenant_id`, `api_key_id`, `product`, `endpoint`, `method`, `status_code`), `transactions`
 * and a `calls` column to sum, which is 1 per raw event. Only the raw source has `duration_ms`
 * and `params`, and only the rollups have `latency_histogram`.
 */
export interface EventSource {
  kind: EventSourceKind;
  /** FROM text: a table name or a parenthesized subquery with an alias. */
  relation: string;
  /** Column compared with the range and the bucket starts. */
  timeColumn: string;
}

export const RAW_EVENT_SOURCE: EventSource = {
  kind: 'raw',
  relation: `(SELECT *, 1 AS calls FROM ${EVENTS_TABLE}) AS ${EVENTS_TABLE}`,
  timeColumn: 'timestamp',
};

const rollupSource = (kind: EventSourceKind, grain: RollupGrain): EventSource => ({
  kind,
  relation: grain.table,
  timeColumn: 'period_start',
});

export const HOURLY_EVENT_SOURCE = rollupSource('hourly', HOURLY_ROLLUP);
export const DAILY_EVENT_SOURCE = rollupSource('daily', DAILY_ROLLUP);

/**
 * Picks the coarsest source whose rows fit a query's time boundaries exactly. A rollup row covers one UTC hour or
 * day, so a query can read it only when every boundary it cuts time at (the range ends and the
 * bucket starts) is a whole UTC day, for the daily rollup, or a whole UTC hour, for the hourly
 * one. Local days in most zones start on a whole UTC hour; in zones with a 30- or 45-minute
 * offset, such as Asia/Kolkata or Australia/Eucla, they do not, and those queries read raw events.
 */
export function planEventSource(
  boundariesMs: readonly number[],
  { rollups }: { rollups: boolean },
): EventSource {
  if (!rollups) {
    return RAW_EVENT_SOURCE;
  }
  if (boundariesMs.every((ms) => isMultipleOf(ms, DAILY_ROLLUP.periodMs))) {
    return DAILY_EVENT_SOURCE;
  }
  if (boundariesMs.every((ms) => isMultipleOf(ms, HOURLY_ROLLUP.periodMs))) {
    return HOURLY_EVENT_SOURCE;
  }
  return RAW_EVENT_SOURCE;
}

function isMultipleOf(ms: number, periodMs: number): boolean {
  return Number.isSafeInteger(ms) && ms % periodMs === 0;
}
