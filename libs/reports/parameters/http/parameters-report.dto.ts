import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '@analytics/reports/shared';

export class ParametersMetaDto {
  @ApiProperty({
    description: 'Start of the range, inclusive (UTC).',
    format: 'date-time',
    example: '2026-03-01T00:00:00Z',
  })
  from!: string;

  @ApiProperty({
    description: 'End of the range, exclusive (UTC).',
    format: 'date-time',
    example: '2026-04-01T00:00:00Z',
  })
  to!: string;

  @ApiProperty({ example: '/search/2/geocode/{query}.json' })
  endpoint!: string;

  @ApiProperty({
    description:
      'All calls of the endpoint in the range, with or without parameters; the base of the name and shape shares.',
    example: 1200,
  })
  totalCalls!: number;

  @ApiProperty({
    description: 'Rows ranked before the rest is merged into "(other)".',
    example: 50,
  })
  top!: number;

  @ApiProperty({ description: 'When the report was computed (UTC).', format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({
    description: 'Until when the report is expected to stay unchanged (UTC).',
    format: 'date-time',
  })
  freshUntil!: string;
}

export class ParameterNameUsageDto {
  @ApiProperty({
    description: 'The query parameter name; "(other)" on the merged row.',
    example: 'language',
  })
  name!: string;

  @ApiProperty({
    description:
      'Calls that carried the name. On the "(other)" row: calls that carried any name outside the top N, each counted once.',
    example: 800,
  })
  calls!: number;

  @ApiProperty({
    description:
      '`calls` divided by `meta.totalCalls`, rounded to 6 decimals. Shares of names do not sum to 1, because a call carries several names.',
    example: 0.666667,
  })
  share!: number;

  @ApiProperty({
    description:
      'True when the values of this parameter may be credentials and are never returned by the values report.',
    example: false,
  })
  valuesWithheld!: boolean;

  @ApiProperty({
    description:
      'True on the merged "(other)" row, which tells it apart from a parameter that is really named "(other)".',
    example: false,
  })
  other!: boolean;
}

export class RequestShapeDto {
  @ApiProperty({
    description:
      'The sorted set of parameter names of a call; [] for calls without parameters, ["(other)"] on the merged row.',
    type: [String],
    example: ['language', 'limit', 'query'],
  })
  parameters!: string[];

  @ApiProperty({
    description:
      'Calls with exactly this set of names. On the "(other)" row: calls whose shape is outside the top N.',
    example: 500,
  })
  calls!: number;

  @ApiProperty({
    description:
      '`calls` divided by `meta.totalCalls`, rounded to 6 decimals. Shapes partition the calls, so the shares sum to 1 up to rounding.',
    example: 0.416667,
  })
  share!: number;

  @ApiProperty({ description: 'True on the merged "(other)" row.', example: false })
  other!: boolean;
}

export class ParameterUsageDataDto {
  @ApiProperty({
    type: [ParameterNameUsageDto],
    description:
      'One page of the names ranked by calls, ties broken by name (ordered by code point); the "(other)" row comes last.',
  })
  parameters!: ParameterNameUsageDto[];

  @ApiProperty({
    type: [RequestShapeDto],
    description:
      'The top `top` request shapes ranked by calls, ties broken by the sorted name list, then "(other)". Not paged: every page repeats the same list.',
  })
  shapes!: RequestShapeDto[];

  @ApiProperty({
    description: 'Distinct parameter names of the endpoint in the range.',
    example: 7,
  })
  distinctParameters!: number;

  @ApiProperty({
    description: 'Distinct request shapes of the endpoint in the range.',
    example: 12,
  })
  distinctShapes!: number;
}

export class ParameterUsageReportDto {
  @ApiProperty({ type: ParameterUsageDataDto })
  data!: ParameterUsageDataDto;

  @ApiProperty({ type: PageDto, description: 'Paging over `data.parameters`.' })
  page!: PageDto;

  @ApiProperty({ type: ParametersMetaDto })
  meta!: ParametersMetaDto;
}

export class ParameterValueDto {
  @ApiProperty({
    description:
      'The value as the gateway logged it (long values arrive truncated); "(other)" on the merged row.',
    example: 'en-GB',
  })
  value!: string;

  @ApiProperty({
    description:
      'Calls that carried the parameter with this value; on the "(other)" row, with any value outside the top N.',
    example: 300,
  })
  calls!: number;

  @ApiProperty({
    description:
      '`calls` divided by `data.calls` (the calls that carried the parameter), rounded to 6 decimals.',
    example: 0.375,
  })
  share!: number;

  @ApiProperty({ description: 'True on the merged "(other)" row.', example: false })
  other!: boolean;
}

export class ParameterValuesDataDto {
  @ApiProperty({ example: 'language' })
  name!: string;

  @ApiProperty({ description: 'Calls that carried the parameter.', example: 800 })
  calls!: number;

  @ApiProperty({
    description: '`calls` divided by `meta.totalCalls`, rounded to 6 decimals.',
    example: 0.666667,
  })
  share!: number;

  @ApiProperty({
    description:
      'True when the parameter may carry credentials: its calls are counted, `values` is empty and `reason` gives the cause.',
    example: false,
  })
  withheld!: boolean;

  @ApiProperty({
    description: 'Why the values are withheld; null otherwise.',
    type: String,
    nullable: true,
    example: null,
  })
  reason!: string | null;

  @ApiProperty({
    description: 'Distinct values of the parameter; null when withheld.',
    type: 'integer',
    nullable: true,
    example: 14,
  })
  distinctValues!: number | null;

  @ApiProperty({
    type: [ParameterValueDto],
    description:
      'One page of the values ranked by calls, ties broken by value (ordered by code point); the "(other)" row comes last.',
  })
  values!: ParameterValueDto[];
}

export class ParameterValuesReportDto {
  @ApiProperty({ type: ParameterValuesDataDto })
  data!: ParameterValuesDataDto;

  @ApiProperty({ type: PageDto, description: 'Paging over `data.values`.' })
  page!: PageDto;

  @ApiProperty({ type: ParametersMetaDto })
  meta!: ParametersMetaDto;
}
