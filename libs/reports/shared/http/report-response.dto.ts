import { ApiProperty } from '@nestjs/swagger';
import { GRANULARITIES } from '@analytics/common';

export class PageDto {
  @ApiProperty({ description: 'Groups per page, as requested.', example: 50 })
  limit!: number;

  @ApiProperty({
    description: 'Pass as `cursor` to get the next page; null on the last page.',
    type: String,
    nullable: true,
    example: null,
  })
  nextCursor!: string | null;
}

export class ReportMetaDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T00:00:00+01:00' })
  from!: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-01T00:00:00+02:00' })
  to!: string;

  @ApiProperty({ enum: GRANULARITIES, example: 'day' })
  granularity!: string;

  @ApiProperty({ example: 'Europe/Amsterdam' })
  timezone!: string;

  @ApiProperty({ description: 'When the report was computed (UTC).', format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({
    description: 'Until when the report is expected to stay unchanged (UTC).',
    format: 'date-time',
  })
  freshUntil!: string;

  @ApiProperty({
    description: 'Groups ranked before the rest is merged into "(other)".',
    example: 100,
  })
  top!: number;
}

/** Properties every bucket has, whatever the report. */
export class BucketBaseDto {
  @ApiProperty({
    description: 'Bucket start, RFC 3339 with the offset of the requested time zone.',
    format: 'date-time',
    example: '2026-03-29T00:00:00+01:00',
  })
  start!: string;

  @ApiProperty({
    description: 'Bucket end (exclusive), RFC 3339 with the offset of the requested time zone.',
    format: 'date-time',
    example: '2026-03-30T00:00:00+02:00',
  })
  end!: string;

  @ApiProperty({
    description: 'True when `from`, `to` or the present cuts the bucket.',
    example: false,
  })
  partial!: boolean;
}

export class GroupKeyDto {
  @ApiProperty({ required: false, example: 'search' })
  product?: string;

  @ApiProperty({ required: false, example: '/search/2/geocode/{query}.json' })
  endpoint?: string;

  @ApiProperty({ required: false, example: 'acme-logistics-key-1' })
  apiKey?: string;
}
