import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, RequireRoles } from '@analytics/auth';
import { TenantScope } from '@analytics/common';
import { ApiNotModifiedResponse, ApiProblemResponses } from '@analytics/reports/shared';
import { GetParameterUsageUseCase } from '../get-parameter-usage.use-case';
import { GetParameterValuesUseCase } from '../get-parameter-values.use-case';
import {
  DEFAULT_NAMES_TOP,
  DEFAULT_VALUES_TOP,
  MAX_NAMES_TOP,
  MAX_PARAMETER_RANGE_DAYS,
  MAX_VALUES_TOP,
} from '../parameters.types';
import { toParametersQuery } from './parameters-query.mapper';
import { toUsageEnvelope, toValuesEnvelope } from './parameters-envelope.mapper';
import {
  ParameterNamePathDto,
  ParametersQueryDto,
  ParameterValuesQueryDto,
} from './parameters-query.dto';
import { ParameterUsageReportDto, ParameterValuesReportDto } from './parameters-report.dto';

const SCAN_BOUND = `Reads only the calls of the given endpoint in [from, to), a range of at most ${MAX_PARAMETER_RANGE_DAYS} days.`;

@ApiTags('usage')
@ApiProblemResponses()
@ApiNotModifiedResponse()
@Controller('v1/usage/parameters')
export class ParametersController {
  constructor(
    private readonly getParameterUsage: GetParameterUsageUseCase,
    private readonly getParameterValues: GetParameterValuesUseCase,
  ) {}

  @Get()
  @RequireRoles('analytics:read')
  @ApiOperation({
    operationId: 'getParameterUsage',
    summary: 'Most used query parameter names and request shapes of one endpoint',
    description:
      `Ranks parameter names by the share of calls that carried them, and request shapes (the sorted set of names of a call) by calls. ` +
      `Each list keeps at most \`top\` rows (default ${DEFAULT_NAMES_TOP}, at most ${MAX_NAMES_TOP}) plus one "(other)" row. ` +
      `The cursor pages over the names; the shapes list is not paged and is the same on every page. ${SCAN_BOUND}`,
  })
  @ApiOkResponse({ type: ParameterUsageReportDto })
  async usage(
    @CurrentTenant() scope: TenantScope,
    @Query() dto: ParametersQueryDto,
  ): Promise<ParameterUsageReportDto> {
    const query = toParametersQuery(dto, DEFAULT_NAMES_TOP);
    const report = await this.getParameterUsage.execute(scope, query);
    return toUsageEnvelope(query, report);
  }

  @Get(':name/values')
  @RequireRoles('analytics:read')
  @ApiOperation({
    operationId: 'getParameterValues',
    summary: 'Most common values of one query parameter of one endpoint',
    description:
      `Ranks the values of the parameter by calls: at most \`top\` rows (default ${DEFAULT_VALUES_TOP}, at most ${MAX_VALUES_TOP}) plus one "(other)" row, paged by cursor. ` +
      'Values of parameters that may carry credentials (key, api_key, apikey, token, access_token, secret, password, signature, sig, auth, ' +
      'matched case-insensitively, plus names the operator configures) are never returned: the report counts their calls, ' +
      `sets \`withheld\` and \`reason\`, and lists no values. ${SCAN_BOUND}`,
  })
  @ApiOkResponse({ type: ParameterValuesReportDto })
  async values(
    @CurrentTenant() scope: TenantScope,
    @Param() path: ParameterNamePathDto,
    @Query() dto: ParameterValuesQueryDto,
  ): Promise<ParameterValuesReportDto> {
    const query = toParametersQuery(dto, DEFAULT_VALUES_TOP);
    const report = await this.getParameterValues.execute(scope, { ...query, name: path.name });
    return toValuesEnvelope(query, report);
  }
}
