import { TenantScope } from '@analytics/common';
import { GroupRankRequest, GroupSeriesRequest, SeriesRow } from '@analytics/reports/shared';
import { KustoGroupedQueries, KustoQueryRunner, readCount } from '@analytics/store';
import { VolumeRepository } from './volume.repository';
import { VolumeDimension, VolumeMeasures, VolumeOrder } from './volume.types';

/** Volume from the raw events in Azure Data Explorer. */
export class KustoVolumeRepository extends VolumeRepository {
  private readonly queries: KustoGroupedQueries;

  constructor(runner: KustoQueryRunner) {
    super();
    this.queries = new KustoGroupedQueries(runner);
  }

  rankGroups(
    scope: TenantScope,
    request: GroupRankRequest<VolumeDimension, VolumeOrder>,
  ): Promise<string[][]> {
    return this.queries.rank(scope, request, {
      measures: ['calls = count()'],
      orderBy: ['calls desc'],
    });
  }

  series(
    scope: TenantScope,
    request: GroupSeriesRequest<VolumeDimension>,
  ): Promise<SeriesRow<VolumeMeasures>[]> {
    return this.queries.series(scope, request, {
      measures: ['calls = count()', 'transactions = sum(tolong(Transactions))'],
      // Counts leave Kusto as text, so a long beyond 2^53 fails loudly instead of being rounded.
      outputs: ['calls = tostring(calls)', 'transactions = tostring(transactions)'],
      toMeasures: (row) => ({
        calls: readCount(row.calls, 'calls'),
        transactions: readCount(row.transactions, 'transactions'),
      }),
    });
  }
}
