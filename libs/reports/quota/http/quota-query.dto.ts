import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsOneOf, IsSingleValue, IsText, IsWholeNumberIn } from '@analytics/reports/shared';
import { TENANT_SORTS, TenantSort } from '../list-managed-tenants.use-case';
import { QUOTA_STATUSES, QuotaStatus } from '../quota-status';

export const DEFAULT_HISTORY_LIMIT = 12;
export const MAX_HISTORY_LIMIT = 36;
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** Paging of a list; values stay strings until the controller converts them after validation. */
class PageQueryDto {
  @ApiPropertyOptional({
    description:
      'The `page.nextCursor` of the previous page, unchanged. Only valid with the same query.',
  })
  @IsOptional()
  @IsSingleValue()
  @IsText({ maxLength: 2048 })
  cursor?: string;
}

export class QuotaHistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: `Closed billing periods per page (1-${MAX_HISTORY_LIMIT}).`,
    type: 'integer',
    default: DEFAULT_HISTORY_LIMIT,
    minimum: 1,
    maximum: MAX_HISTORY_LIMIT,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_HISTORY_LIMIT)
  limit?: string;
}

export class AuditTrailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: `Records per page (1-${MAX_PAGE_LIMIT}).`,
    type: 'integer',
    default: DEFAULT_PAGE_LIMIT,
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_PAGE_LIMIT)
  limit?: string;
}

export class TenantListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only tenants with this status.', enum: QUOTA_STATUSES })
  @IsOptional()
  @IsSingleValue()
  @IsOneOf(QUOTA_STATUSES)
  status?: QuotaStatus;

  @ApiPropertyOptional({
    description:
      'Order by the highest percentage used over the products: `-percentage` descending, `percentage` ascending.',
    enum: TENANT_SORTS,
    default: '-percentage',
  })
  @IsOptional()
  @IsSingleValue()
  @IsOneOf(TENANT_SORTS)
  sort?: TenantSort;

  @ApiPropertyOptional({
    description: `Tenants per page (1-${MAX_PAGE_LIMIT}).`,
    type: 'integer',
    default: DEFAULT_PAGE_LIMIT,
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_PAGE_LIMIT)
  limit?: string;
}
