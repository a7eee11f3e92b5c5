import { TenantScope } from '@analytics/common';
import { SeriesRow } from '@analytics/reports/shared';
import {
  KqlEventSource,
  KustoGroupedQueries,
  KustoGroupedQueriesOptions,
  KustoQueryRunner,
  KustoRankSpec,
  KustoRow,
  readCount,
} from '@analytics/store';
import { ErrorsRankRequest, ErrorsRepository, ErrorsSeriesRequest } from './errors.repository';
import { ErrorsCounts, ErrorsRanking, StatusClass, statusRangeOf } from './errors.types';

/**
 * Error counts from Azure Data Explorer, from the rollup views where they fit, else the events;
 * ranks and counts as the DuckDB adapter does. The views keep the status code, so every status
 * predicate here holds on them too.
 */
export class KustoErrorsRepository extends ErrorsRepository {
  private readonly queries: KustoGroupedQueries;

  constructor(runner: KustoQueryRunner, options: KustoGroupedQueriesOptions = {}) {
    super();
    this.queries = new KustoGroupedQueries(runner, options);
  }

  rankGroups(scope: TenantScope, request: ErrorsRankRequest): Promise<string[][]> {
    const { ranking, statusClasses, ...rankRequest } = request;
    return this.queries.rank(scope, rankRequest, (source) => ({
      ...rankSpecOf(ranking, source),
      predicates: statusClassPredicates(statusClasses),
    }));
  }

  series(scope: TenantScope, request: ErrorsSeriesRequest): Promise<SeriesRow<ErrorsCounts>[]> {
    const { statusClasses, ...seriesRequest } = request;
    const names = ['calls', 'status2xx', 'status3xx', 'status4xx', 'status5xx'] as const;

    return this.queries.series(scope, seriesRequest, (source) => ({
      measures: [
        `calls = ${source.calls}`,
        ...(['2xx', '3xx', '4xx', '5xx'] as const).map(
          (statusClass) => `status${statusClass} = ${source.callsWhere(inClass(statusClass))}`,
        ),
      ],
      outputs: names.map((name) => `${name} = tostring(${name})`),
      toMeasures: (row: KustoRow) =>
        Object.fromEntries(
          names.map((name) => [name, readCount(row[name], name)]),
        ) as unknown as ErrorsCounts,
      predicates: statusClassPredicates(statusClasses),
    }));
  }
}

function inClass(statusClass: StatusClass): string {
  const range = statusRangeOf(statusClass);
  return `(StatusCode >= ${range[0]} and StatusCode < ${range[1]})`;
}

/** Builds the KQL predicate of a status class filter, or none for an empty list, from the fixed ranges only. */
function statusClassPredicates(statusClasses: StatusClass[]): string[] {
  return statusClasses.length === 0 ? [] : [`(${statusClasses.map(inClass).join(' or ')})`];
}

/**
 * Builds the measures and sort terms of a ranking, as the DuckDB adapter does. Rate orders rank
 * groups with at least `minCalls` calls first, then by rate. Rates divide as real, so 1/3 and 2/6
 * tie and fall through to the key. `minCalls` travels as the query parameter `p_minCalls`.
 */
function rankSpecOf(ranking: ErrorsRanking, source: KqlEventSource): KustoRankSpec {
  const callsIn = (statusClass: StatusClass) => source.callsWhere(inClass(statusClass));
  switch (ranking.order) {
    case 'calls':
      return { measures: [`calls = ${source.calls}`], orderBy: ['calls desc'] };
    case 'serverErrors':
      return { measures: [`server_errors = ${callsIn('5xx')}`], orderBy: ['server_errors desc'] };
    case 'clientErrors':
      return { measures: [`client_errors = ${callsIn('4xx')}`], orderBy: ['client_errors desc'] };
    case 'serverErrorRate':
      return rateRankSpec(callsIn('5xx'), source, ranking.minCalls);
    case 'errorRate':
      return rateRankSpec(`(${callsIn('4xx')} + ${callsIn('5xx')})`, source, ranking.minCalls);
  }
}

function rateRankSpec(
  failedCalls: string,
  source: KqlEventSource,
  minCalls: number,
): KustoRankSpec {
  if (!Number.isSafeInteger(minCalls) || minCalls < 1) {
    throw new Error(`minCalls must be a whole number of at least 1, got ${minCalls}`);
  }
  return {
    measures: [
      `enough_calls = toint(${source.calls} >= p_minCalls)`,
      `failure_rate = todouble(${failedCalls}) / ${source.calls}`,
    ],
    orderBy: ['enough_calls desc', 'failure_rate desc'],
    longParameters: { minCalls },
  };
}
