import { ApiProperty } from '@nestjs/swagger';
import { BucketBaseDto, GroupKeyDto, PageDto, ReportMetaDto } from '@analytics/reports/shared';

const PERCENTILES_SCHEMA = {
  type: 'object',
  description:
    'Response time in milliseconds per requested percentile, keyed `p50`, `p99.9`…; exact on the raw samples with linear ' +
    'interpolation between closest ranks, rounded to 3 decimals. Every value is null when `count` is 0.',
  additionalProperties: { type: 'number', nullable: true },
  example: { p50: 21.5, p90: 48, p95: 73.25, p98: 140.1, p99: 310.007 },
} as const;

export class LatencyTotalsDto {
  @ApiProperty({ description: 'Samples (calls) in the range.', example: 1200 })
  count!: number;

  @ApiProperty(PERCENTILES_SCHEMA)
  percentiles!: Record<string, number | null>;
}

export class LatencyBucketDto extends BucketBaseDto {
  @ApiProperty({ description: 'Samples (calls) in the bucket, within [from, to).', example: 1200 })
  count!: number;

  @ApiProperty(PERCENTILES_SCHEMA)
  percentiles!: Record<string, number | null>;
}

export class LatencyGroupDto {
  @ApiProperty({
    type: GroupKeyDto,
    description:
      'One entry per groupBy dimension; {} when not grouped. Merged groups read "(other)".',
  })
  key!: GroupKeyDto;

  @ApiProperty({ type: [LatencyBucketDto] })
  buckets!: LatencyBucketDto[];

  @ApiProperty({
    type: LatencyTotalsDto,
    description: 'Over the whole range, computed from the raw samples, not from the buckets.',
  })
  totals!: LatencyTotalsDto;
}

export class LatencyReportDto {
  @ApiProperty({ type: [LatencyGroupDto] })
  data!: LatencyGroupDto[];

  @ApiProperty({ type: PageDto })
  page!: PageDto;

  @ApiProperty({ type: ReportMetaDto })
  meta!: ReportMetaDto;
}
