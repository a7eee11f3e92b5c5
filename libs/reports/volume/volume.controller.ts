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
import { GetVolumeReportUseCase } from './get-volume-report.use-case';
import { VolumeQueryDto } from './volume-query.dto';
import { VolumeReportDto } from './volume-report.dto';

@ApiTags('usage')
@ApiProblemResponses()
@ApiNotModifiedResponse()
@Controller('v1/usage/volume')
export class VolumeController {
  constructor(private readonly getVolumeReport: GetVolumeReportUseCase) {}

  @Get()
  @RequireRoles('analytics:read')
  @ApiOperation({
    operationId: 'getVolumeReport',
    summary: 'Calls and transactions per time bucket, optionally grouped',
  })
  @ApiOkResponse({ type: VolumeReportDto })
  async get(
    @CurrentTenant() scope: TenantScope,
    @Query() dto: VolumeQueryDto,
  ): Promise<VolumeReportDto> {
    const query = { ...toCommonQuery(dto), groupBy: dto.groupBy ?? [] };
    const report = await this.getVolumeReport.execute(scope, query);

    return toEnvelope(report, {
      top: query.top,
      bucketOf: (measures) => measures,
      totalsOf: (measures) => measures,
    });
  }
}
