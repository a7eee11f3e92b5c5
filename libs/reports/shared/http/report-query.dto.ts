import { GRANULARITIES, Granularity } from '@analytics/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  AsList,
  IsIanaTimeZone,
  IsInstant,
  IsOneOf,
  IsSingleValue,
  IsText,
  IsValueList,
  IsWholeNumberIn,
} from './query-validators';

export const MAX_FILTER_VALUES = 20;
export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/**
 * Query parameters shared by every report. Values stay strings here; the mapper converts them
 * after validation, so nothing is converted implicitly.
 */
export class ReportQueryDto {
  @ApiProperty({
    description: 'Start of the range, inclusive. RFC 3339 with an offset.',
    format: 'date-time',
    example: '2026-03-01T00:00:00Z',
  })
  @IsSingleValue()
  @IsInstant()
  from!: string;

  @ApiProperty({
    description: 'End of the range, exclusive. RFC 3339 with an offset.',
    format: 'date-time',
    example: '2026-04-01T00:00:00Z',
  })
  @IsSingleValue()
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({
    description:
      'Bucket size, on the local calendar of `timezone`. Weeks are ISO weeks starting Monday.',
    enum: GRANULARITIES,
    default: 'day',
  })
  @IsOptional()
  @IsSingleValue()
  @IsOneOf(GRANULARITIES)
  granularity?: Granularity;

  @ApiPropertyOptional({
    description: 'IANA time zone whose calendar the buckets follow.',
    default: 'UTC',
    example: 'Europe/Amsterdam',
  })
  @IsOptional()
  @IsSingleValue()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    description: 'Only these products. Repeat for several.',
    type: [String],
    example: ['search'],
  })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: MAX_FILTER_VALUES })
  product?: string[];

  @ApiPropertyOptional({
    description: 'Only these endpoints (route templates). Repeat for several.',
    type: [String],
    example: ['/search/2/geocode/{query}.json'],
  })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: MAX_FILTER_VALUES })
  endpoint?: string[];

  @ApiPropertyOptional({ description: 'Only these API keys. Repeat for several.', type: [String] })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: MAX_FILTER_VALUES })
  apiKey?: string[];

  @ApiPropertyOptional({
    description: `Groups ranked before the rest is merged into one "(other)" group (1-${MAX_TOP}).`,
    type: 'integer',
    default: DEFAULT_TOP,
    minimum: 1,
    maximum: MAX_TOP,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_TOP)
  top?: string;

  @ApiPropertyOptional({
    description: `Groups per page (1-${MAX_LIMIT}).`,
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
