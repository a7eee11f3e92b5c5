import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIanaTimeZone, IsOneOf } from '@analytics/reports/shared';
import { MAX_ANCHOR_DAY } from '../billing-period';
import { MAX_INCLUDED_TRANSACTIONS } from '../change-quota.use-case';
import { CURRENT_PLAN_CATALOG, planIds } from '../plans/plan-catalog';
import { QUOTA_PRODUCTS } from '../plans/plan.types';
import { IsBodyText, IsLimitMap, IsWholeNumber } from './body-validators';

export const MAX_REASON_LENGTH = 500;

/** Body of a quota change; give at least one of plan, limits and the billing fields. */
export class ChangeQuotaDto {
  @ApiPropertyOptional({
    description: 'Plan to assign.',
    enum: planIds(CURRENT_PLAN_CATALOG),
    example: 'pay-as-you-go',
  })
  @IsOptional()
  @IsOneOf(planIds(CURRENT_PLAN_CATALOG))
  plan?: string;

  @ApiPropertyOptional({
    description:
      "Included transactions per billing period by product, replacing the plan's amount; null returns a product to the plan's amount.",
    type: 'object',
    additionalProperties: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_INCLUDED_TRANSACTIONS,
      nullable: true,
    },
    properties: Object.fromEntries(
      QUOTA_PRODUCTS.map((product) => [product, { type: 'integer', nullable: true }]),
    ),
    example: { search: 75000, routing: null },
  })
  @IsOptional()
  @IsLimitMap({ max: MAX_INCLUDED_TRANSACTIONS })
  limits?: Record<string, number | null>;

  @ApiPropertyOptional({
    description: 'IANA time zone whose calendar the billing periods follow.',
    example: 'Europe/Amsterdam',
  })
  @IsOptional()
  @IsIanaTimeZone()
  billingTimeZone?: string;

  @ApiPropertyOptional({
    description: 'Day of the month a billing period starts; 1 is the calendar month.',
    type: 'integer',
    minimum: 1,
    maximum: MAX_ANCHOR_DAY,
    example: 1,
  })
  @IsOptional()
  @IsWholeNumber({ min: 1, max: MAX_ANCHOR_DAY })
  billingAnchorDay?: number;

  @ApiProperty({
    description: 'Why the change is made; kept in the audit trail.',
    minLength: 1,
    maxLength: MAX_REASON_LENGTH,
    example: 'Upgrade agreed with the customer',
  })
  @IsBodyText({ maxLength: MAX_REASON_LENGTH })
  reason!: string;
}
