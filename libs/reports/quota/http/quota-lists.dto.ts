import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '@analytics/reports/shared';
import { LIMIT_KINDS, QUOTA_PRODUCTS } from '../plans/plan.types';
import { QUOTA_STATUSES } from '../quota-status';
import { PeriodDto, PlanRefDto } from './quota-view.dto';

export class ClosedPeriodProductDto {
  @ApiProperty({ enum: QUOTA_PRODUCTS })
  product!: string;

  @ApiProperty({ enum: LIMIT_KINDS })
  limit!: string;

  @ApiProperty({ example: 50000 })
  included!: number;

  @ApiProperty({ example: 51200 })
  used!: number;

  @ApiProperty({ example: 1200 })
  overage!: number;

  @ApiProperty({ type: Number, nullable: true, example: 102.4 })
  percentage!: number | null;

  @ApiProperty({
    enum: QUOTA_STATUSES,
    description:
      'Soft-limited overage of a closed period counts as paid, so it shows as `warning`.',
  })
  status!: string;
}

export class ClosedPeriodDto {
  @ApiProperty({ type: PeriodDto })
  period!: PeriodDto;

  @ApiProperty({ type: PlanRefDto, description: 'The plan in force at the end of the period.' })
  plan!: PlanRefDto;

  @ApiProperty({ enum: QUOTA_STATUSES })
  status!: string;

  @ApiProperty({ type: [ClosedPeriodProductDto] })
  products!: ClosedPeriodProductDto[];
}

export class QuotaHistoryDto {
  @ApiProperty({ type: [ClosedPeriodDto], description: 'Closed billing periods, newest first.' })
  data!: ClosedPeriodDto[];

  @ApiProperty({ type: PageDto })
  page!: PageDto;
}

export class ManagedTenantDto {
  @ApiProperty({ example: 'acme-logistics' })
  tenantId!: string;

  @ApiProperty({ type: PlanRefDto })
  plan!: PlanRefDto;

  @ApiProperty({ enum: QUOTA_STATUSES })
  status!: string;

  @ApiProperty({
    description: 'Highest percentage used over the products.',
    type: Number,
    nullable: true,
    example: 84,
  })
  percentage!: number | null;

  @ApiProperty({ type: PeriodDto })
  period!: PeriodDto;
}

export class ManagedTenantListDto {
  @ApiProperty({ type: [ManagedTenantDto] })
  data!: ManagedTenantDto[];

  @ApiProperty({ type: PageDto })
  page!: PageDto;
}

export class QuotaRecordDto {
  @ApiProperty({ description: 'Record id.' })
  id!: string;

  @ApiProperty({ enum: ['plan-assignment', 'limit-override', 'credit-grant'] })
  kind!: string;

  @ApiProperty({
    description: 'The `sub` of the token that made the change.',
    example: 'manager-1',
  })
  actor!: string;

  @ApiProperty({ example: 'Upgrade agreed with the customer' })
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  effectiveAt!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    required: false,
    description: 'Plan assignments: the plan.',
    example: 'pay-as-you-go',
  })
  plan?: string;

  @ApiProperty({ required: false, description: 'Plan assignments: the billing time zone.' })
  billingTimeZone?: string;

  @ApiProperty({ required: false, description: 'Plan assignments: the billing anchor day.' })
  billingAnchorDay?: number;

  @ApiProperty({
    required: false,
    enum: QUOTA_PRODUCTS,
    description: 'Limit overrides: the product.',
  })
  product?: string;

  @ApiProperty({
    required: false,
    type: Number,
    nullable: true,
    description:
      "Limit overrides: included transactions; null returned the product to the plan's amount.",
  })
  includedTransactions?: number | null;

  @ApiProperty({ required: false, description: 'Credit grants: credits granted.' })
  credits?: number;

  @ApiProperty({
    required: false,
    format: 'date-time',
    description: 'Credit grants: when the credits lapse.',
  })
  expiresAt?: string;
}

export class AuditTrailDto {
  @ApiProperty({ type: [QuotaRecordDto], description: 'Records, newest first.' })
  data!: QuotaRecordDto[];

  @ApiProperty({ type: PageDto })
  page!: PageDto;
}

export class CreditGrantDto {
  @ApiProperty({ type: QuotaRecordDto })
  grant!: QuotaRecordDto;

  @ApiProperty({
    description:
      'True for a retry: the Idempotency-Key was used before with the same body, so this is the first grant and nothing new was granted.',
  })
  replayed!: boolean;
}
