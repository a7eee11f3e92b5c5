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
import { GetLatencyReportUseCase } from './get-latency-report.use-case';
import { LatencyQueryDto } from './latency-query.dto';
import { LatencyReportDto } from './latency-report.dto';
import { resolvePercentiles } from './percentile-list';

@ApiTags('usage')
@ApiProblemResponses()
@ApiNotModifiedResponse()
@Controller('v1/usage/latency')
export class LatencyController {
  constructor(private readonly getLatencyReport: GetLatencyReportUseCase) {}

  @Get()
  @RequireRoles('analytics:read')
  @ApiOperation({
    operationId: 'getLatencyReport',
    summary: 'Response-time percentiles and sample counts per time bucket, optionally grouped',
  })
  @ApiOkResponse({ type: LatencyReportDto })
  async get(
    @CurrentTenant() scope: TenantScope,
    @Query() dto: LatencyQueryDto,
  ): Promise<LatencyReportDto> {
    const query = {
      ...toCommonQuery(dto),
      groupBy: dto.groupBy ?? [],
      percentiles: resolvePercentiles(dto.percentiles),
    };
    const report = await this.getLatencyReport.execute(scope, query);

    return toEnvelope(report, {
      top: query.top,
      bucketOf: (measures) => measures,
      totalsOf: (measures) => measures,
    });
  }
}
