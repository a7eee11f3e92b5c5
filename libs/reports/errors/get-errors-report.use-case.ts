import { Injectable } from '@nestjs/common';
import { InvalidParameterError, TenantScope } from '@analytics/common';
import {
  GroupedReport,
  GroupedReportQuery,
  GroupedReportSource,
  ReportDependencies,
  runGroupedReport,
} from '@analytics/reports/shared';
import { ErrorsRepository } from './errors.repository';
import {
  emptyErrorsCounts,
  ErrorsCounts,
  ErrorsDimension,
  ErrorsOrder,
  ErrorsRanking,
  STATUS_CLASSES,
  StatusClass,
} from './errors.types';

export type ErrorsQuery = Omit<
  GroupedReportQuery<ErrorsDimension, ErrorsOrder>,
  'report' | 'order' | 'extra'
> & {
  ranking: ErrorsRanking;
  /** Status classes of the calls to count. An empty list counts every call. */
  statusClasses: StatusClass[];
};

/** Calls per status class and error rates per local-calendar bucket, grouped by up to two dimensions. */
@Injectable()
export class GetErrorsReportUseCase {
  constructor(
    private readonly repository: ErrorsRepository,
    private readonly dependencies: ReportDependencies,
  ) {}

  async execute(scope: TenantScope, query: ErrorsQuery): Promise<GroupedReport<ErrorsCounts>> {
    const { ranking, statusClasses: requestedClasses, ...common } = query;
    if (
      'minCalls' in ranking &&
      (!Number.isSafeInteger(ranking.minCalls) || ranking.minCalls < 1)
    ) {
      throw new InvalidParameterError('minCalls', 'must be a whole number of at least 1');
    }

    // One canonical order, so that the same set of classes gives the same cursor binding.
    const statusClasses = STATUS_CLASSES.filter((statusClass) =>
      requestedClasses.includes(statusClass),
    );
    const source: GroupedReportSource<ErrorsDimension, ErrorsOrder, ErrorsCounts> = {
      rankGroups: (rankScope, { selection, groupBy, limit }) =>
        this.repository.rankGroups(rankScope, {
          selection,
          groupBy,
          limit,
          ranking,
          statusClasses,
        }),
      series: (seriesScope, request) =>
        this.repository.series(seriesScope, { ...request, statusClasses }),
    };

    // `order` and `extra` are part of the cursor binding, so a cursor only pages the ranking it came from.
    const minCalls = 'minCalls' in ranking ? ranking.minCalls : null;
    const { clock, cursorCodec, freshness } = this.dependencies;
    return runGroupedReport(
      source,
      scope,
      { ...common, report: 'errors', order: ranking.order, extra: { minCalls, statusClasses } },
      {
        clock,
        cursorCodec,
        freshness,
        empty: emptyErrorsCounts,
      },
    );
  }
}
