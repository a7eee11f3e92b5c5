import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { BucketBaseDto, PageDto, ReportMetaDto } from '@analytics/reports/shared';

const RATE_NOTE = 'A fraction from 0 to 1, rounded to 6 decimals. It is 0 when calls is 0.';

export class ErrorsGroupKeyDto {
  @ApiProperty({ required: false, example: '/search/2/geocode/{query}.json' })
  endpoint?: string;

  @ApiProperty({ required: false, example: 'search' })
  product?: string;

  @ApiProperty({ required: false, example: 'acme-logistics-key-1' })
  apiKey?: string;

  @ApiProperty({ required: false, description: 'HTTP status code as a string.', example: '503' })
  statusCode?: string;
}

/** Counts and rates of calls, per bucket or over the whole range. */
export class ErrorsTotalsDto {
  @ApiProperty({
    type: 'integer',
    description: 'API calls, including any with a status outside 200-599.',
    example: 1200,
  })
  calls!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Calls with a status from 200 to 299.',
    example: 1150,
  })
  status2xx!: number;

  @ApiProperty({ type: 'integer', description: 'Calls with a status from 300 to 399.', example: 0 })
  status3xx!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Calls with a status from 400 to 499.',
    example: 38,
  })
  status4xx!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Calls with a status from 500 to 599.',
    example: 12,
  })
  status5xx!: number;

  @ApiProperty({
    type: 'number',
    description: `status4xx / calls. ${RATE_NOTE}`,
    example: 0.031667,
  })
  clientErrorRate!: number;

  @ApiProperty({ type: 'number', description: `status5xx / calls. ${RATE_NOTE}`, example: 0.01 })
  serverErrorRate!: number;
}

/** Counts and rates of a bucket, within [from, to). */
export class ErrorsBucketDto extends IntersectionType(BucketBaseDto, ErrorsTotalsDto) {}

export class ErrorsGroupDto {
  @ApiProperty({
    type: ErrorsGroupKeyDto,
    description:
      'One entry per groupBy dimension; {} when not grouped. Merged groups read "(other)".',
  })
  key!: ErrorsGroupKeyDto;

  @ApiProperty({ type: [ErrorsBucketDto] })
  buckets!: ErrorsBucketDto[];

  @ApiProperty({ type: ErrorsTotalsDto, description: 'Counts and rates over the whole range.' })
  totals!: ErrorsTotalsDto;
}

export class ErrorsReportDto {
  @ApiProperty({ type: [ErrorsGroupDto] })
  data!: ErrorsGroupDto[];

  @ApiProperty({ type: PageDto })
  page!: PageDto;

  @ApiProperty({ type: ReportMetaDto })
  meta!: ReportMetaDto;
}
