import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, RequireRoles } from '@analytics/auth';
import { TenantScope } from '@analytics/common';
import { ApiProblemResponses, NoQueryParametersDto } from '@analytics/reports/shared';
import { GetQuotaHistoryUseCase } from '../get-quota-history.use-case';
import { GetQuotaViewUseCase } from '../get-quota-view.use-case';
import { QuotaHistoryDto } from './quota-lists.dto';
import { toQuotaHistoryDto } from './quota-lists.mapper';
import { DEFAULT_HISTORY_LIMIT, QuotaHistoryQueryDto } from './quota-query.dto';
import { QuotaViewDto } from './quota-view.dto';
import { toQuotaViewDto } from './quota-view.mapper';

/** The customer's own quota. */
@ApiTags('quota')
@ApiProblemResponses()
@Controller('v1/quota')
export class QuotaController {
  constructor(
    private readonly getQuotaView: GetQuotaViewUseCase,
    private readonly getQuotaHistory: GetQuotaHistoryUseCase,
  ) {}

  @Get()
  @RequireRoles('analytics:read')
  @ApiOperation({
    operationId: 'getQuota',
    summary:
      'Plan, consumption per product, credits, status and forecast in the current billing period',
  })
  @ApiOkResponse({ type: QuotaViewDto })
  async get(
    @CurrentTenant() scope: TenantScope,
    @Query() _query: NoQueryParametersDto,
  ): Promise<QuotaViewDto> {
    return toQuotaViewDto(await this.getQuotaView.execute(scope));
  }

  @Get('history')
  @RequireRoles('analytics:read')
  @ApiOperation({
    operationId: 'getQuotaHistory',
    summary: 'Consumption against the plan in closed billing periods, newest first',
  })
  @ApiOkResponse({ type: QuotaHistoryDto })
  async history(
    @CurrentTenant() scope: TenantScope,
    @Query() dto: QuotaHistoryQueryDto,
  ): Promise<QuotaHistoryDto> {
    const limit = dto.limit === undefined ? DEFAULT_HISTORY_LIMIT : Number(dto.limit);
    return toQuotaHistoryDto(
      await this.getQuotaHistory.execute(scope, { limit, cursor: dto.cursor }),
    );
  }
}
