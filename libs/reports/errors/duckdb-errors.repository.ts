import { TenantScope } from '@analytics/common';
import {
  DuckDbGroupedQueries,
  DuckDbGroupedQueriesOptions,
  SeriesRow,
} from '@analytics/reports/shared';
import { DuckDbStore } from '@analytics/store';
import {
  COUNT_MEASURES,
  rankSpecOf,
  statusClassPredicates,
  toErrorsCounts,
} from './duckdb-errors.sql';
import { ErrorsRankRequest, ErrorsRepository, ErrorsSeriesRequest } from './errors.repository';
import { ErrorsCounts } from './errors.types';

export class DuckDbErrorsRepository extends ErrorsRepository {
  private readonly queries: DuckDbGroupedQueries;

  constructor(store: DuckDbStore, options: DuckDbGroupedQueriesOptions = {}) {
    super();
    this.queries = new DuckDbGroupedQueries(store, options);
  }

  rankGroups(scope: TenantScope, request: ErrorsRankRequest): Promise<string[][]> {
    const { ranking, statusClasses, ...rankRequest } = request;
    const spec = { ...rankSpecOf(ranking), predicates: statusClassPredicates(statusClasses) };

    return this.queries.rank(scope, { ...rankRequest, order: ranking.order }, spec);
  }

  series(scope: TenantScope, request: ErrorsSeriesRequest): Promise<SeriesRow<ErrorsCounts>[]> {
    const { statusClasses, ...seriesRequest } = request;

    return this.queries.series(scope, seriesRequest, {
      measures: COUNT_MEASURES,
      toMeasures: toErrorsCounts,
      predicates: statusClassPredicates(statusClasses),
    });
  }
}
