import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, RequireRoles } from '@analytics/auth';
import { TenantScope } from '@analytics/common';
import {
  ApiNotModifiedResponse,
  ApiProblemResponses,
  toCommonQuery,
  toEnvelope,
} from '@analytics/reports/shared';
import { withRates } from './error-rates';
import { ErrorsQueryDto } from './errors-query.dto';
import { ErrorsReportDto } from './errors-report.dto';
import { DEFAULT_MIN_CALLS, ErrorsRanking, isRateOrder } from './errors.types';
import { ErrorsQuery, GetErrorsReportUseCase } from './get-errors-report.use-case';

@ApiTags('usage')
@ApiProblemResponses()
@ApiNotModifiedResponse()
@Controller('v1/usage/errors')
export class ErrorsController {
  constructor(private readonly getErrorsReport: GetErrorsReportUseCase) {}

  @Get()
  @RequireRoles('analytics:read')
  @ApiOperation({
    operationId: 'getErrorsReport',
    summary: 'Calls per HTTP status class and error rates per time bucket, optionally grouped',
  })
  @ApiOkResponse({ type: ErrorsReportDto })
  async get(
    @CurrentTenant() scope: TenantScope,
    @Query() dto: ErrorsQueryDto,
  ): Promise<ErrorsReportDto> {
    const query: ErrorsQuery = {
      ...toCommonQuery(dto),
      groupBy: dto.groupBy ?? [],
      ranking: toRanking(dto),
      statusClasses: dto.statusClass ?? [],
    };
    const report = await this.getErrorsReport.execute(scope, query);

    return toEnvelope(report, { top: query.top, bucketOf: withRates, totalsOf: withRates });
  }
}

function toRanking(dto: ErrorsQueryDto): ErrorsRanking {
  const order = dto.orderBy ?? 'calls';
  if (isRateOrder(order)) {
    return {
      order,
      minCalls: dto.minCalls === undefined ? DEFAULT_MIN_CALLS : Number(dto.minCalls),
    };
  }
  return { order };
}
