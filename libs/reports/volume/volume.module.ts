import { Module } from '@nestjs/common';
import { GetVolumeReportUseCase } from './get-volume-report.use-case';
import { VolumeController } from './volume.controller';

/** The volume report. Its repository port is bound by the application's composition root. */
@Module({
  controllers: [VolumeController],
  providers: [GetVolumeReportUseCase],
})
export class VolumeModule {}
