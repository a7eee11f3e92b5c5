import { ApiProperty } from '@nestjs/swagger';
import { LIMIT_KINDS, QUOTA_PRODUCTS } from '../plans/plan.types';
import { QUOTA_STATUSES } from '../quota-status';

export class PlanRefDto {
  @ApiProperty({ example: 'pay-as-you-go' })
  id!: string;

  @ApiProperty({ example: 'Pay as you go' })
  name!: string;
}

export class BillingDto {
  @ApiProperty({
    description: 'IANA time zone whose calendar the billing periods follow.',
    example: 'UTC',
  })
  timeZone!: string;

  @ApiProperty({
    description: 'Day of the month a period starts; in shorter months the last day.',
    example: 1,
  })
  anchorDay!: number;

  @ApiProperty({
    enum: ['calendar-month', 'anniversary'],
    description: '`calendar-month` when the anchor day is 1.',
  })
  cycle!: string;
}

export class PeriodDto {
  @ApiProperty({
    description: 'Start, inclusive, RFC 3339 with the offset of the billing time zone.',
    format: 'date-time',
    example: '2026-03-01T00:00:00+01:00',
  })
  start!: string;

  @ApiProperty({
    description: 'End, exclusive, RFC 3339 with the offset of the billing time zone.',
    format: 'date-time',
    example: '2026-04-01T00:00:00+02:00',
  })
  end!: string;
}

export class ProductForecastDto {
  @ApiProperty({ description: 'Transactions expected by the end of the period.', example: 61000 })
  projectedUse!: number;

  @ApiProperty({
    description:
      'Local date on which the use reaches the included amount (actual or projected), when inside the period.',
    type: String,
    nullable: true,
    format: 'date',
    example: '2026-03-24',
  })
  exhaustedOn!: string | null;
}

export class ProductQuotaDto {
  @ApiProperty({ enum: QUOTA_PRODUCTS, example: 'search' })
  product!: string;

  @ApiProperty({
    enum: LIMIT_KINDS,
    description:
      '`hard`: calls beyond the included amount are rejected; `soft`: they cost credits.',
  })
  limit!: string;

  @ApiProperty({ description: 'Transactions included in the period.', example: 50000 })
  included!: number;

  @ApiProperty({ description: 'Transactions used in the period so far.', example: 42000 })
  used!: number;

  @ApiProperty({ example: 8000 })
  remaining!: number;

  @ApiProperty({ description: 'Transactions beyond the included amount.', example: 0 })
  overage!: number;

  @ApiProperty({
    description:
      'Share of the included transactions used, in percent to one decimal; null when none are included.',
    type: Number,
    nullable: true,
    example: 84,
  })
  percentage!: number | null;

  @ApiProperty({
    enum: QUOTA_STATUSES,
    description:
      '`warning` from 80 %; `exceeded` at 100 % under a hard limit, or beyond 100 % under a soft limit once credits no longer cover the overage.',
  })
  status!: string;

  @ApiProperty({
    description: 'Credits one transaction beyond the included amount costs.',
    example: 1,
  })
  creditsPerTransaction!: number;

  @ApiProperty({ description: "True when a limit override replaces the plan's included amount." })
  overridden!: boolean;

  @ApiProperty({ type: ProductForecastDto })
  forecast!: ProductForecastDto;
}

export class ExpiringGrantDto {
  @ApiProperty()
  grantId!: string;

  @ApiProperty({ example: 5000 })
  credits!: number;

  @ApiProperty({ example: 1200 })
  remaining!: number;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class CreditForecastDto {
  @ApiProperty({
    description: "Credits the period's overage is expected to cost by its end, covered or not.",
    example: 3000,
  })
  projectedCost!: number;

  @ApiProperty({
    description:
      'Local date on which the credits no longer cover the overage, when inside the period.',
    type: String,
    nullable: true,
    format: 'date',
  })
  exhaustedOn!: string | null;
}

export class CreditsDto {
  @ApiProperty({ description: 'Credits of the grants valid now.', example: 5000 })
  granted!: number;

  @ApiProperty({ description: 'Credits drawn so far from the grants valid now.', example: 1200 })
  used!: number;

  @ApiProperty({ example: 3800 })
  balance!: number;

  @ApiProperty({
    description: 'Credits drawn in the current period, from any grant.',
    example: 400,
  })
  usedInPeriod!: number;

  @ApiProperty({
    description: 'Overage cost in the current period that no credits covered.',
    example: 0,
  })
  uncoveredInPeriod!: number;

  @ApiProperty({
    type: [ExpiringGrantDto],
    description: 'Valid grants that expire before the period ends, soonest first.',
  })
  expiringInPeriod!: ExpiringGrantDto[];

  @ApiProperty({ type: CreditForecastDto })
  forecast!: CreditForecastDto;
}

export class ForecastBasisDto {
  @ApiProperty({
    description: 'How the daily rate is found.',
    example: 'least-squares line over the last 7 full local days',
  })
  method!: string;

  @ApiProperty({ format: 'date-time', description: 'First day of the window, inclusive.' })
  windowStart!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'End of the window, exclusive: the start of the current day.',
  })
  windowEnd!: string;
}

/** A tenant's quota in the current billing period. */
export class QuotaViewDto {
  @ApiProperty({ example: 'acme-logistics' })
  tenantId!: string;

  @ApiProperty({ description: 'Version of the plan catalog in force.', example: 1 })
  catalogVersion!: number;

  @ApiProperty({ type: PlanRefDto })
  plan!: PlanRefDto;

  @ApiProperty({ type: BillingDto })
  billing!: BillingDto;

  @ApiProperty({ type: PeriodDto })
  period!: PeriodDto;

  @ApiProperty({ enum: QUOTA_STATUSES, description: 'The worst status over the products.' })
  status!: string;

  @ApiProperty({
    description: 'Highest percentage used over the products.',
    type: Number,
    nullable: true,
    example: 84,
  })
  percentage!: number | null;

  @ApiProperty({ type: [ProductQuotaDto] })
  products!: ProductQuotaDto[];

  @ApiProperty({ type: CreditsDto })
  credits!: CreditsDto;

  @ApiProperty({ type: ForecastBasisDto })
  forecast!: ForecastBasisDto;

  @ApiProperty({ description: 'When the view was computed (UTC).', format: 'date-time' })
  generatedAt!: string;
}
