import { TenantScope } from '@analytics/common';
import {
  GroupedReportSource,
  GroupRankRequest,
  GroupSeriesRequest,
  SeriesRow,
} from '@analytics/reports/shared';
import { VolumeDimension, VolumeMeasures, VolumeOrder } from './volume.types';

/** Port of the volume report; an abstract class so that it is its own injection token. */
export abstract class VolumeRepository implements GroupedReportSource<
  VolumeDimension,
  VolumeOrder,
  VolumeMeasures
> {
  /** Group keys ranked by calls, ties broken by key, at most `request.limit` of them. */
  abstract rankGroups(
    scope: TenantScope,
    request: GroupRankRequest<VolumeDimension, VolumeOrder>,
  ): Promise<string[][]>;

  /** Calls and transactions per bucket and group, plus a total row per group. */
  abstract series(
    scope: TenantScope,
    request: GroupSeriesRequest<VolumeDimension>,
  ): Promise<SeriesRow<VolumeMeasures>[]>;
}
