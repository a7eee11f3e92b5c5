import { TenantScope } from '@analytics/common';
import { GroupRankRequest, GroupSeriesRequest, SeriesRow } from '@analytics/reports/shared';
import { LatencyDimension, LatencyMeasures, LatencyOrder } from './latency.types';
import { Percentile } from './percentile-list';

/** Series request of the latency report: the common one plus the percentiles to compute. */
export interface LatencySeriesRequest extends GroupSeriesRequest<LatencyDimension> {
  percentiles: readonly Percentile[];
}

/** Port of the latency report; an abstract class so that it is its own injection token. */
export abstract class LatencyRepository {
  /** Group keys ranked by calls, ties broken by key, at most `request.limit` of them. */
  abstract rankGroups(
    scope: TenantScope,
    request: GroupRankRequest<LatencyDimension, LatencyOrder>,
  ): Promise<string[][]>;

  /**
   * Sample count and percentiles per bucket and group, plus a total row per group. Every row,
   * the totals and the merged "(other)" group included, is computed from the raw samples.
   */
  abstract series(
    scope: TenantScope,
    request: LatencySeriesRequest,
  ): Promise<SeriesRow<LatencyMeasures>[]>;
}
