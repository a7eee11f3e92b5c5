import { EventSourceKind, planEventSourceKind } from '../event-source-plan';
import { EVENTS_TABLE_NAME, ROLLUP_VIEWS } from './kusto-schema';

/**
 * A table or materialized view that report queries read events from, with the aggregations that
 * count over it. Every source has the event's key columns (TenantId, ApiKeyId, Product, Endpoint,
 * Method, StatusCode). Only the raw table has DurationMs and Params. Only the views have Calls,
 * Transactions as a long, and LatencyDigest.
 */
export interface KqlEventSource {
  kind: EventSourceKind;
  table: string;
  /** Column compared with the range and the bucket bounds. */
  timeColumn: 'Timestamp' | 'Period';
  /** Aggregation that counts calls: `count()` over events, `sum(Calls)` over a view. */
  calls: string;
  /** Aggregation that counts the calls matching `predicate`, a boolean expression over key columns. */
  callsWhere(predicate: string): string;
  /** Aggregation that sums transactions as a long. */
  transactions: string;
}

export const RAW_KQL_SOURCE: KqlEventSource = {
  kind: 'raw',
  table: EVENTS_TABLE_NAME,
  timeColumn: 'Timestamp',
  calls: 'count()',
  callsWhere: (predicate) => `countif(${predicate})`,
  transactions: 'sum(tolong(Transactions))',
};

function viewSource(kind: 'hourly' | 'daily', bin: '1h' | '1d'): KqlEventSource {
  const view = ROLLUP_VIEWS.find((candidate) => candidate.bin === bin);
  if (!view) {
    throw new Error(`The schema defines no rollup view with bin ${bin}`);
  }
  return {
    kind,
    table: view.name,
    timeColumn: 'Period',
    calls: 'sum(Calls)',
    callsWhere: (predicate) => `sumif(Calls, ${predicate})`,
    transactions: 'sum(Transactions)',
  };
}

export const HOURLY_KQL_SOURCE = viewSource('hourly', '1h');
export const DAILY_KQL_SOURCE = viewSource('daily', '1d');

/**
 * Picks the coarsest source whose rows fit the query's boundaries (the range ends and the bucket
 * starts), as the DuckDB store does. A query of a materialized view returns its materialized part
 * plus the events not yet processed, so reading it is as fresh as reading the table.
 */
export function planKqlEventSource(
  boundariesMs: readonly number[],
  options: { rollups: boolean },
): KqlEventSource {
  switch (planEventSourceKind(boundariesMs, options)) {
    case 'daily':
      return DAILY_KQL_SOURCE;
    case 'hourly':
      return HOURLY_KQL_SOURCE;
    case 'raw':
      return RAW_KQL_SOURCE;
  }
}
