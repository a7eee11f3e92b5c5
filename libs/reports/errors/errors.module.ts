import { Module } from '@nestjs/common';
import { ErrorsController } from './errors.controller';
import { GetErrorsReportUseCase } from './get-errors-report.use-case';

/** The errors report. Its repository port is bound by the application's composition root. */
@Module({
  controllers: [ErrorsController],
  providers: [GetErrorsReportUseCase],
})
export class ErrorsModule {}
