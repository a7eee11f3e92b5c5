import { TenantScope } from '@analytics/common';
import { GroupRankRequest, GroupSeriesRequest, SeriesRow } from '@analytics/reports/shared';
import {
  KustoGroupedQueries,
  KustoGroupedQueriesOptions,
  KustoQueryRunner,
  readCount,
} from '@analytics/store';
import { VolumeRepository } from './volume.repository';
import { VolumeDimension, VolumeMeasures, VolumeOrder } from './volume.types';

/** Volume from Azure Data Explorer: the hourly or daily rollup view where it fits, else the events. */
export class KustoVolumeRepository extends VolumeRepository {
  private readonly queries: KustoGroupedQueries;

  constructor(runner: KustoQueryRunner, options: KustoGroupedQueriesOptions = {}) {
    super();
    this.queries = new KustoGroupedQueries(runner, options);
  }

  rankGroups(
    scope: TenantScope,
    request: GroupRankRequest<VolumeDimension, VolumeOrder>,
  ): Promise<string[][]> {
    return this.queries.rank(scope, request, (source) => ({
      measures: [`calls = ${source.calls}`],
      orderBy: ['calls desc'],
    }));
  }

  series(
    scope: TenantScope,
    request: GroupSeriesRequest<VolumeDimension>,
  ): Promise<SeriesRow<VolumeMeasures>[]> {
    return this.queries.series(scope, request, (source) => ({
      measures: [`calls = ${source.calls}`, `transactions = ${source.transactions}`],
      // Counts leave Kusto as text, so a long beyond 2^53 fails loudly instead of being rounded.
      outputs: ['calls = tostring(calls)', 'transactions = tostring(transactions)'],
      toMeasures: (row) => ({
        calls: readCount(row.calls, 'calls'),
        transactions: readCount(row.transactions, 'transactions'),
      }),
    }));
  }
}
