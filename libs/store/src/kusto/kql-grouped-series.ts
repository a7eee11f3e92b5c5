import { TenantScope } from '@analytics/common';
import {
  eventSelectionKql,
  groupRestrictionKql,
  KqlEventSelection,
  KqlGroupRestriction,
} from './kql-event-selection';
import { bucketJoinKql } from './kql-bucket-join';
import { KqlEventSource } from './kql-event-source';
import { KqlParameters } from './kql-parameters';

export interface KqlGroupRankRequest {
  scope: TenantScope;
  source: KqlEventSource;
  selection: KqlEventSelection;
  /** KQL expressions of the grouping columns, in `groupBy` order; each becomes a string key `kN`. */
  groupExpressions: string[];
  /** Aggregations of the summarize over `source`, e.g. `calls = count()`. */
  measures: string[];
  /** Sort terms over the measures, e.g. `calls desc`; the key columns follow as tiebreak. */
  orderBy: string[];
  /** Caller-supplied whole numbers the measures use, declared as `p_<name>` (e.g. `p_minCalls`). */
  longParameters?: Record<string, number>;
  limit: number;
}

/** Ranks the groups of a selection: at most `limit` rows of `k0…kN` string key columns. */
export function groupRankKql(request: KqlGroupRankRequest): {
  text: string;
  params: KqlParameters;
} {
  if (request.groupExpressions.length === 0) {
    throw new Error('Ranking groups needs at least one grouping column');
  }

  const params = new KqlParameters();
  for (const [name, value] of Object.entries(request.longParameters ?? {})) {
    params.addLong(name, value);
  }
  const keys = keyColumns(request.groupExpressions);
  const keyNames = keys.map((key) => key.name);
  const limit = params.addLong('limit', Math.trunc(request.limit));

  const text = [
    eventSelectionKql(request.scope, request.selection, params, request.source),
    `| summarize ${request.measures.join(', ')} by ${keys.map((key) => `${key.name} = ${key.expression}`).join(', ')}`,
    `| sort by ${[...request.orderBy, ...keyNames.map((name) => `${name} asc`)].join(', ')}`,
    `| take ${limit}`,
    `| project ${keyNames.join(', ')}`,
  ].join('\n');

  return { text, params };
}

export interface KqlGroupedSeriesRequest {
  scope: TenantScope;
  source: KqlEventSource;
  selection: KqlEventSelection;
  groupExpressions: string[];
  /** Groups to return. `except` merges every group not listed into one row set. */
  restriction: KqlGroupRestriction;
  /** Whether rows keep their group key (`only`) or are merged into one "other" group (`except`). */
  keepKeys: boolean;
  /** Start of each bucket, ascending; each bucket ends where the next starts, the last at `selection.toMs`. */
  bucketStartsMs: number[];
  /** Aggregations of both summarize steps over `source`, e.g. `calls = count()`. */
  measures: string[];
  /** Output columns computed from the measures, e.g. `calls = tostring(calls)` to keep longs exact. */
  outputs: string[];
}

/**
 * Aggregates a selection per bucket and group, plus a total per group over the whole range:
 * rows with `BucketIndex` null are the totals. Totals run a second summarize over the same
 * rows, so a percentile of a total comes from the samples (or merged digests), never from bucket
 * values. Rows reach their local-calendar bucket through bucketJoinKql.
 */
export function groupedSeriesKql(request: KqlGroupedSeriesRequest): {
  text: string;
  params: KqlParameters;
} {
  const params = new KqlParameters();
  const keys = request.keepKeys ? keyColumns(request.groupExpressions) : [];
  const keyNames = keys.map((key) => key.name);
  const allKeys = keyColumns(request.groupExpressions);

  const buckets = bucketJoinKql({
    boundsMs: bucketBounds(request.bucketStartsMs, request.selection.toMs),
    selected: 'Selected',
    timeColumn: request.source.timeColumn,
    params,
  });
  const selected =
    [
      eventSelectionKql(request.scope, request.selection, params, request.source),
      allKeys.length > 0
        ? `| extend ${allKeys.map((key) => `${key.name} = ${key.expression}`).join(', ')}`
        : '',
    ].join('\n') + groupRestrictionKql(allKeys.length, request.restriction, params);

  const bucketBy = ['BucketIndex', ...keyNames].join(', ');
  const totalBy = keyNames.length > 0 ? ` by ${keyNames.join(', ')}` : '';
  const maxRows =
    (request.bucketStartsMs.length + 1) *
    Math.max(1, 'only' in request.restriction ? request.restriction.only.length : 1);

  const text = [
    `let Selected = ${selected};`,
    buckets.statement,
    buckets.joined,
    `| summarize ${request.measures.join(', ')} by ${bucketBy}`,
    `| union (Selected | summarize ${request.measures.join(', ')}${totalBy} | extend BucketIndex = long(null))`,
    `| project ${[...['BucketIndex', ...keyNames], ...request.outputs].join(', ')}`,
    `| take ${params.addLong('maxRows', maxRows)}`,
  ].join('\n');

  return { text, params };
}

function keyColumns(expressions: string[]): { name: string; expression: string }[] {
  return expressions.map((expression, index) => ({
    name: `k${index}`,
    expression: `tostring(${expression})`,
  }));
}

/** Bucket starts plus the end of the last bucket; events end before `toMs`, so it closes the last one. */
function bucketBounds(startsMs: number[], toMs: number): number[] {
  if (startsMs.length === 0) {
    throw new Error('A series needs at least one bucket');
  }
  const last = startsMs[startsMs.length - 1];
  return [...startsMs, Math.max(toMs, last + 1)];
}
