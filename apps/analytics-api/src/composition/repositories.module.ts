import { DynamicModule, Global, Module } from '@nestjs/common';
import { DuckDbStore } from '@analytics/store';
import { DuckDbErrorsRepository, ErrorsRepository } from '@analytics/reports/errors';
import { DuckDbLatencyRepository, LatencyRepository } from '@analytics/reports/latency';
import { DuckDbParametersRepository, ParametersRepository } from '@analytics/reports/parameters';
import { DuckDbQuotaRecordRepository, DuckDbQuotaUsageRepository, QuotaRecordRepository, QuotaUsageRepository } from '@analytics/reports/quota';
import { DuckDbVolumeRepository, VolumeRepository } from '@analytics/reports/volume';

/**
 * Binds every repository port to its store adapter. This is the one place that knows which
 * adapter serves which port.
 */
@Global()
@Module({})
export class RepositoriesModule {
  /** `rollups` lets the grouped reports read the rollup tables; the parameters and quota reports read raw events. */
  static forDuckDb(store: DuckDbStore, { rollups = true }: { rollups?: boolean } = {}): DynamicModule {
    return {
      module: RepositoriesModule,
      providers: [
        { provide: DuckDbStore, useValue: store },
        { provide: VolumeRepository, useFactory: () => new DuckDbVolumeRepository(store, { rollups }) },
        { provide: LatencyRepository, useFactory: () => new DuckDbLatencyRepository(store, { rollups }) },
        { provide: ErrorsRepository, useFactory: () => new DuckDbErrorsRepository(store, { rollups }) },
        { provide: ParametersRepository, useFactory: () => new DuckDbParametersRepository(store) },
        { provide: QuotaRecordRepository, useFactory: () => new DuckDbQuotaRecordRepository(store) },
        { provide: QuotaUsageRepository, useFactory: () => new DuckDbQuotaUsageRepository(store) },
      ],
      exports: [DuckDbStore, VolumeRepository, LatencyRepository, ErrorsRepository, ParametersRepository, QuotaRecordRepository, QuotaUsageRepository],
    };
  }
}
