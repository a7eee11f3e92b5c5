import { TenantScope } from '@analytics/common';
import { GroupRankRequest, GroupSeriesRequest, SeriesRow } from '@analytics/reports/shared';
import { ErrorsCounts, ErrorsDimension, ErrorsRanking, StatusClass } from './errors.types';

/** Status classes of the calls to read. An empty list reads every call. */
interface StatusClassFilter {
  statusClasses: StatusClass[];
}

export type ErrorsRankRequest = Omit<GroupRankRequest<ErrorsDimension>, 'order'> &
  StatusClassFilter & { ranking: ErrorsRanking };

export type ErrorsSeriesRequest = GroupSeriesRequest<ErrorsDimension> & StatusClassFilter;

/** Port of the errors report; an abstract class so that it is its own injection token. */
export abstract class ErrorsRepository {
  /**
   * Group keys ranked by `request.ranking`, ties broken by key ascending, at most
   * `request.limit` of them.
   */
  abstract rankGroups(scope: TenantScope, request: ErrorsRankRequest): Promise<string[][]>;

  /** Calls per status class per bucket and group, plus a total row per group. */
  abstract series(
    scope: TenantScope,
    request: ErrorsSeriesRequest,
  ): Promise<SeriesRow<ErrorsCounts>[]>;
}
