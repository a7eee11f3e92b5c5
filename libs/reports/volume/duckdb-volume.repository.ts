import { TenantScope } from '@analytics/common';
import {
  DuckDbGroupedQueries,
  DuckDbGroupedQueriesOptions,
  GroupRankRequest,
  GroupSeriesRequest,
  SeriesRow,
  toCount,
} from '@analytics/reports/shared';
import { DuckDbStore } from '@analytics/store';
import { VolumeRepository } from './volume.repository';
import { VolumeDimension, VolumeMeasures, VolumeOrder } from './volume.types';

export class DuckDbVolumeRepository extends VolumeRepository {
  private readonly queries: DuckDbGroupedQueries;

  constructor(store: DuckDbStore, options: DuckDbGroupedQueriesOptions = {}) {
    super();
    this.queries = new DuckDbGroupedQueries(store, options);
  }

  rankGroups(
    scope: TenantScope,
    request: GroupRankRequest<VolumeDimension, VolumeOrder>,
  ): Promise<string[][]> {
    return this.queries.rank(scope, request, {
      measures: ['sum(calls) AS calls'],
      orderBy: ['calls DESC'],
    });
  }

  series(
    scope: TenantScope,
    request: GroupSeriesRequest<VolumeDimension>,
  ): Promise<SeriesRow<VolumeMeasures>[]> {
    return this.queries.series(scope, request, {
      measures: ['sum(calls) AS calls', 'sum(transactions) AS transactions'],
      toMeasures: (row) => ({ calls: toCount(row.calls), transactions: toCount(row.transactions) }),
    });
  }
}
