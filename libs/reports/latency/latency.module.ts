import { Module } from '@nestjs/common';
import { GetLatencyReportUseCase } from './get-latency-report.use-case';
import { LatencyController } from './latency.controller';

/** The latency report. Its repository port is bound by the application's composition root. */
@Module({
  controllers: [LatencyController],
  providers: [GetLatencyReportUseCase],
})
export class LatencyModule {}
