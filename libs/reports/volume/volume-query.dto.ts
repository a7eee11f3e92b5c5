import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AsList, IsValueList, ReportQueryDto } from '@analytics/reports/shared';
import { VOLUME_DIMENSIONS, VolumeDimension } from './volume.types';

export class VolumeQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    description:
      'Dimensions to group by, at most two; repeat the parameter for the second. Without it the report has one group.',
    type: 'array',
    items: { type: 'string', enum: [...VOLUME_DIMENSIONS] },
    maxItems: 2,
    example: ['product'],
  })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: 2, allowed: VOLUME_DIMENSIONS })
  groupBy?: VolumeDimension[];
}
