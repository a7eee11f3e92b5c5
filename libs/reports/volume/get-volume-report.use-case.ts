import { Injectable } from '@nestjs/common';
import { TenantScope } from '@analytics/common';
import {
  GroupedReport,
  GroupedReportQuery,
  ReportDependencies,
  runGroupedReport,
} from '@analytics/reports/shared';
import { VolumeRepository } from './volume.repository';
import { emptyVolume, VolumeDimension, VolumeMeasures, VolumeOrder } from './volume.types';

export type VolumeQuery = Omit<
  GroupedReportQuery<VolumeDimension, VolumeOrder>,
  'report' | 'order'
>;

/** Calls and transactions per local-calendar bucket, grouped by up to two dimensions. */
@Injectable()
export class GetVolumeReportUseCase {
  constructor(
    private readonly repository: VolumeRepository,
    private readonly dependencies: ReportDependencies,
  ) {}

  execute(scope: TenantScope, query: VolumeQuery): Promise<GroupedReport<VolumeMeasures>> {
    const { clock, cursorCodec, freshness } = this.dependencies;
    return runGroupedReport(
      this.repository,
      scope,
      { ...query, report: 'volume', order: 'calls' },
      {
        clock,
        cursorCodec,
        freshness,
        empty: emptyVolume,
      },
    );
  }
}
