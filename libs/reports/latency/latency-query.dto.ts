import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator } from 'class-validator';
import { AsList, IsValueList, ReportQueryDto } from '@analytics/reports/shared';
import { LATENCY_DIMENSIONS, LatencyDimension } from './latency.types';
import {
  DEFAULT_PERCENTILES,
  MAX_PERCENTILES,
  parsePercentileList,
  PERCENTILE_LIST_RULE,
  PERCENTILE_PATTERN,
} from './percentile-list';

const IsPercentileList = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isPercentileList',
    target: target.constructor,
    propertyName,
    options: { message: PERCENTILE_LIST_RULE },
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) &&
        value.every((item) => typeof item === 'string') &&
        parsePercentileList(value) !== undefined,
    },
  });

export class LatencyQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    description:
      'Dimensions to group by, at most two; repeat the parameter for the second. Without it the report has one group.',
    type: 'array',
    items: { type: 'string', enum: [...LATENCY_DIMENSIONS] },
    maxItems: 2,
    example: ['product'],
  })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: 2, allowed: LATENCY_DIMENSIONS })
  groupBy?: LatencyDimension[];

  @ApiPropertyOptional({
    description:
      `Percentiles to compute, each greater than 0 and less than 100 with at most one decimal; at most ${MAX_PERCENTILES}, ` +
      'distinct. Repeat the parameter for each value. Returned in ascending order.',
    type: 'array',
    items: { type: 'string', pattern: PERCENTILE_PATTERN.source },
    maxItems: MAX_PERCENTILES,
    default: DEFAULT_PERCENTILES.map(String),
    example: ['50', '99.9'],
  })
  @IsOptional()
  @AsList()
  @IsPercentileList()
  percentiles?: string[];
}
