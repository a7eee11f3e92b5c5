import { Injectable } from '@nestjs/common';
import { TenantScope } from '@analytics/common';
import {
  GroupedReport,
  GroupedReportQuery,
  GroupedReportSource,
  ReportDependencies,
  runGroupedReport,
} from '@analytics/reports/shared';
import { LatencyRepository } from './latency.repository';
import { emptyLatency, LatencyDimension, LatencyMeasures, LatencyOrder } from './latency.types';
import { Percentile } from './percentile-list';

export type LatencyQuery = Omit<
  GroupedReportQuery<LatencyDimension, LatencyOrder>,
  'report' | 'order' | 'extra'
> & {
  /** Distinct percentiles in ascending order. */
  percentiles: Percentile[];
};

/** Sample counts and response-time percentiles per local-calendar bucket, grouped by up to two dimensions. */
@Injectable()
export class GetLatencyReportUseCase {
  constructor(
    private readonly repository: LatencyRepository,
    private readonly dependencies: ReportDependencies,
  ) {}

  execute(scope: TenantScope, query: LatencyQuery): Promise<GroupedReport<LatencyMeasures>> {
    const { percentiles, ...common } = query;
    const { clock, cursorCodec, freshness } = this.dependencies;

    // The runner's series request carries no percentiles, so they travel in this closure.
    const source: GroupedReportSource<LatencyDimension, LatencyOrder, LatencyMeasures> = {
      rankGroups: (tenant, request) => this.repository.rankGroups(tenant, request),
      series: (tenant, request) => this.repository.series(tenant, { ...request, percentiles }),
    };

    // `extra` enters the cursor binding, so a cursor cannot be replayed with other percentiles.
    return runGroupedReport(
      source,
      scope,
      { ...common, report: 'latency', order: 'calls', extra: { percentiles } },
      {
        clock,
        cursorCodec,
        freshness,
        empty: () => emptyLatency(percentiles),
      },
    );
  }
}
