import { EventSourceKind, planEventSourceKind } from '../event-source-plan';
import { EVENTS_TABLE } from './duckdb-schema';
import { DAILY_ROLLUP, HOURLY_ROLLUP, RollupGrain } from './rollup-tables';

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

/** Picks the coarsest source whose rows fit a query's time boundaries exactly (see planEventSourceKind). */
export function planEventSource(
  boundariesMs: readonly number[],
  options: { rollups: boolean },
): EventSource {
  const kind = planEventSourceKind(boundariesMs, options);
  return kind === 'daily'
    ? DAILY_EVENT_SOURCE
    : kind === 'hourly'
      ? HOURLY_EVENT_SOURCE
      : RAW_EVENT_SOURCE;
}
