import { Module } from '@nestjs/common';

/** The errors report. Its repository port is bound by the application's composition root. */
@Module({})
export class ErrorsModule {}
