import { Module } from '@nestjs/common';

/** The latency report. Its repository port is bound by the application's composition root. */
@Module({})
export class LatencyModule {}
