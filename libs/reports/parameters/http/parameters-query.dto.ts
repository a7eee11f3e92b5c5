import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional } from 'class-validator';
import {
  AsList,
  DEFAULT_LIMIT,
  IsInstant,
  IsSingleValue,
  IsText,
  IsValueList,
  IsWholeNumberIn,
  MAX_FILTER_VALUES,
  MAX_LIMIT,
} from '@analytics/reports/shared';
import {
  DEFAULT_NAMES_TOP,
  DEFAULT_VALUES_TOP,
  MAX_NAMES_TOP,
  MAX_PARAMETER_NAME_LENGTH,
  MAX_PARAMETER_RANGE_DAYS,
  MAX_VALUES_TOP,
} from '../parameters.types';

const MAX_ENDPOINT_LENGTH = 256;

/**
 * Query parameters of both parameters reports. There is no granularity or time zone, because
 * the counts are not bucketed over time.
 */
export abstract class ParametersReportQueryDto {
  @ApiProperty({
    description: 'Start of the range, inclusive. RFC 3339 with an offset.',
    format: 'date-time',
    example: '2026-03-01T00:00:00Z',
  })
  @IsSingleValue()
  @IsInstant()
  from!: string;

  @ApiProperty({
    description: `End of the range, exclusive. RFC 3339 with an offset; at most ${MAX_PARAMETER_RANGE_DAYS} days after \`from\`.`,
    format: 'date-time',
    example: '2026-04-01T00:00:00Z',
  })
  @IsSingleValue()
  @IsInstant()
  to!: string;

  @ApiProperty({
    description: 'The endpoint (route template) whose calls are counted. Required, given once.',
    example: '/search/2/geocode/{query}.json',
  })
  @IsDefined({
    message:
      'is required: give the route template of one endpoint, e.g. /search/2/geocode/{query}.json',
  })
  @IsSingleValue()
  @IsText({ maxLength: MAX_ENDPOINT_LENGTH })
  endpoint!: string;

  @ApiPropertyOptional({
    description: 'Only these products. Repeat for several.',
    type: [String],
    example: ['search'],
  })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: MAX_FILTER_VALUES })
  product?: string[];

  @ApiPropertyOptional({ description: 'Only these API keys. Repeat for several.', type: [String] })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: MAX_FILTER_VALUES })
  apiKey?: string[];

  @ApiPropertyOptional({
    description: `Rows per page (1-${MAX_LIMIT}).`,
    type: 'integer',
    default: DEFAULT_LIMIT,
    minimum: 1,
    maximum: MAX_LIMIT,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_LIMIT)
  limit?: string;

  @ApiPropertyOptional({
    description:
      'The `page.nextCursor` of the previous page, unchanged. Only valid with the same query.',
  })
  @IsOptional()
  @IsSingleValue()
  @IsText({ maxLength: 2048 })
  cursor?: string;
}

export class ParametersQueryDto extends ParametersReportQueryDto {
  @ApiPropertyOptional({
    description: `Parameter names, and separately request shapes, ranked before the rest is merged into one "(other)" row (1-${MAX_NAMES_TOP}).`,
    type: 'integer',
    default: DEFAULT_NAMES_TOP,
    minimum: 1,
    maximum: MAX_NAMES_TOP,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_NAMES_TOP)
  top?: string;
}

export class ParameterValuesQueryDto extends ParametersReportQueryDto {
  @ApiPropertyOptional({
    description: `Values ranked before the rest is merged into one "(other)" row (1-${MAX_VALUES_TOP}).`,
    type: 'integer',
    default: DEFAULT_VALUES_TOP,
    minimum: 1,
    maximum: MAX_VALUES_TOP,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_VALUES_TOP)
  top?: string;
}

export class ParameterNamePathDto {
  @ApiProperty({
    description: `The query parameter name, matched exactly (1-${MAX_PARAMETER_NAME_LENGTH} characters).`,
    example: 'language',
  })
  @IsText({ maxLength: MAX_PARAMETER_NAME_LENGTH })
  name!: string;
}
