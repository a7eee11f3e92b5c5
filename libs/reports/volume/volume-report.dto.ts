import { ApiProperty } from '@nestjs/swagger';
import { BucketBaseDto, GroupKeyDto, PageDto, ReportMetaDto } from '@analytics/reports/shared';

export class VolumeTotalsDto {
  @ApiProperty({ description: 'API calls.', example: 1200 })
  calls!: number;

  @ApiProperty({
    description: 'Billable transactions; a call may count for more than one.',
    example: 1250,
  })
  transactions!: number;
}

export class VolumeBucketDto extends BucketBaseDto {
  @ApiProperty({ description: 'API calls in the bucket, within [from, to).', example: 1200 })
  calls!: number;

  @ApiProperty({
    description: 'Billable transactions in the bucket, within [from, to).',
    example: 1250,
  })
  transactions!: number;
}

export class VolumeGroupDto {
  @ApiProperty({
    type: GroupKeyDto,
    description:
      'One entry per groupBy dimension; {} when not grouped. Merged groups read "(other)".',
  })
  key!: GroupKeyDto;

  @ApiProperty({ type: [VolumeBucketDto] })
  buckets!: VolumeBucketDto[];

  @ApiProperty({ type: VolumeTotalsDto })
  totals!: VolumeTotalsDto;
}

export class VolumeReportDto {
  @ApiProperty({ type: [VolumeGroupDto] })
  data!: VolumeGroupDto[];

  @ApiProperty({ type: PageDto })
  page!: PageDto;

  @ApiProperty({ type: ReportMetaDto })
  meta!: ReportMetaDto;
}
