import { TenantScope } from '@analytics/common';
import { KqlEventSelection, KqlGroupRestriction } from './kql-event-selection';
import { KqlEventSource, planKqlEventSource } from './kql-event-source';
import { groupedSeriesKql, groupRankKql } from './kql-grouped-series';
import { KustoQueryRunner, KustoRow } from './kusto-query-runner';

/** Report dimension → KQL string expression. Only these reach KQL text; values go in as parameters. */
export const KUSTO_DIMENSION_COLUMNS: Record<string, string> = {
  product: 'Product',
  endpoint: 'Endpoint',
  apiKey: 'ApiKeyId',
  statusCode: 'tostring(StatusCode)',
};

/** The report selection as the report ports define it: a range and values per dimension. */
export interface KustoReportSelection {
  fromMs: number;
  toMs: number;
  filters: Partial<Record<string, string[]>>;
}

/** Measures and order of a ranking, written for the source the query reads. */
export interface KustoRankSpec {
  measures: string[];
  orderBy: string[];
  /** Caller-supplied whole numbers the measures reference as `p_<name>`. */
  longParameters?: Record<string, number>;
  predicates?: string[];
}

/** Measures of a series, written for the source the query reads. */
export interface KustoSeriesSpec<M> {
  measures: string[];
  outputs: string[];
  toMeasures: (row: KustoRow) => M;
  predicates?: string[];
}

/** One aggregate row: `bucketIndex` null is the total over the range; `key` null is the merged group. */
export interface KustoSeriesRow<M> {
  bucketIndex: number | null;
  key: string[] | null;
  measures: M;
}

export interface KustoGroupedQueriesOptions {
  /** Whether queries may read the hourly and daily rollup views; true unless switched off. */
  rollups?: boolean;
}

/**
 * The rank and series queries shared by the Kusto report adapters. Each query reads the coarsest
 * source whose rows fit its range and buckets exactly (see planKqlEventSource): the daily or
 * hourly view when they fall on whole UTC days or hours, and the events table otherwise. The
 * adapters write their measures per source, so `specOf` receives the source that was picked.
 */
export class KustoGroupedQueries {
  private readonly rollups: boolean;

  constructor(
    private readonly runner: KustoQueryRunner,
    options: KustoGroupedQueriesOptions = {},
  ) {
    this.rollups = options.rollups ?? true;
  }

  async rank(
    scope: TenantScope,
    request: { selection: KustoReportSelection; groupBy: string[]; limit: number },
    specOf: (source: KqlEventSource) => KustoRankSpec,
  ): Promise<string[][]> {
    const { fromMs, toMs } = request.selection;
    const source = planKqlEventSource([fromMs, toMs], { rollups: this.rollups });
    const spec = specOf(source);
    const { text, params } = groupRankKql({
      scope,
      source,
      selection: toKqlSelection(request.selection, spec.predicates),
      groupExpressions: request.groupBy.map(kustoColumnOf),
      measures: spec.measures,
      orderBy: spec.orderBy,
      longParameters: spec.longParameters,
      limit: request.limit,
    });

    const rows = await this.runner.query(text, params);
    return rows.map((row) => request.groupBy.map((_, index) => String(row[`k${index}`])));
  }

  async series<M>(
    scope: TenantScope,
    request: {
      selection: KustoReportSelection;
      groupBy: string[];
      bucketStartsMs: number[];
      groups: KqlGroupRestriction;
    },
    specOf: (source: KqlEventSource) => KustoSeriesSpec<M>,
  ): Promise<KustoSeriesRow<M>[]> {
    const { fromMs, toMs } = request.selection;
    const source = planKqlEventSource([fromMs, ...request.bucketStartsMs, toMs], {
      rollups: this.rollups,
    });
    const spec = specOf(source);
    const keepKeys = 'only' in request.groups;
    const { text, params } = groupedSeriesKql({
      scope,
      source,
      selection: toKqlSelection(request.selection, spec.predicates),
      groupExpressions: request.groupBy.map(kustoColumnOf),
      restriction: request.groups,
      keepKeys,
      bucketStartsMs: request.bucketStartsMs,
      measures: spec.measures,
      outputs: spec.outputs,
    });

    const rows = await this.runner.query(text, params);
    return rows.map((row) => ({
      bucketIndex:
        row.BucketIndex === null || row.BucketIndex === undefined ? null : Number(row.BucketIndex),
      key: keepKeys ? request.groupBy.map((_, index) => String(row[`k${index}`])) : null,
      measures: spec.toMeasures(row),
    }));
  }
}

export function kustoColumnOf(dimension: string): string {
  const column = KUSTO_DIMENSION_COLUMNS[dimension];
  if (!column) {
    throw new Error(`No Kusto column for dimension ${dimension}`);
  }
  return column;
}

export function toKqlSelection(
  selection: KustoReportSelection,
  predicates?: string[],
): KqlEventSelection {
  const filters = Object.entries(selection.filters)
    .filter((entry): entry is [string, string[]] => entry[1] !== undefined && entry[1].length > 0)
    .map(([dimension, values]) => ({ expression: kustoColumnOf(dimension), values }));

  return { fromMs: selection.fromMs, toMs: selection.toMs, filters, predicates };
}
