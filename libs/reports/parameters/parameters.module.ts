import { Module } from '@nestjs/common';

/** The parameters report. Its repository port is bound by the application's composition root. */
@Module({})
export class ParametersModule {}
