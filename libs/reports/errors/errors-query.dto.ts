import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator, ValidationArguments } from 'class-validator';
import {
  AsList,
  IsOneOf,
  IsSingleValue,
  IsValueList,
  IsWholeNumberIn,
  ReportQueryDto,
} from '@analytics/reports/shared';
import {
  DEFAULT_MIN_CALLS,
  ERRORS_DIMENSIONS,
  ERRORS_ORDERS,
  ErrorsDimension,
  ErrorsOrder,
  isRateOrder,
  RATE_ORDERS,
  STATUS_CLASSES,
  StatusClass,
} from './errors.types';

export const MAX_MIN_CALLS = 1_000_000;

/** Rejects `minCalls` unless `orderBy` is a rate order, because a count order never uses it. */
const IsOnlyWithRateOrder = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isOnlyWithRateOrder',
    target: target.constructor,
    propertyName,
    options: {
      message: `applies only to orderBy=${RATE_ORDERS.join(' or orderBy=')}; remove it or choose one of those orders`,
    },
    validator: {
      validate: (_value: unknown, args: ValidationArguments) =>
        isRateOrder((args.object as ErrorsQueryDto).orderBy ?? 'calls'),
    },
  });

export class ErrorsQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    description:
      'Dimensions to group by, at most two; repeat the parameter for the second. Without it the report has one group.',
    type: 'array',
    items: { type: 'string', enum: [...ERRORS_DIMENSIONS] },
    maxItems: 2,
    example: ['endpoint', 'statusCode'],
  })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: 2, allowed: ERRORS_DIMENSIONS })
  groupBy?: ErrorsDimension[];

  @ApiPropertyOptional({
    description:
      'Only calls whose HTTP status is in these classes; repeat for several. Counts and rates are then computed over those calls only.',
    type: 'array',
    items: { type: 'string', enum: [...STATUS_CLASSES] },
    example: ['4xx', '5xx'],
  })
  @IsOptional()
  @AsList()
  @IsValueList({ maxItems: STATUS_CLASSES.length, allowed: STATUS_CLASSES })
  statusClass?: StatusClass[];

  @ApiPropertyOptional({
    description:
      'How groups are ranked, highest first, ties by key ascending: `calls`, `serverErrors` (5xx calls), `clientErrors` (4xx calls), ' +
      '`serverErrorRate` (5xx / calls) or `errorRate` ((4xx + 5xx) / calls). ' +
      'For the rate orders, groups with fewer than `minCalls` calls rank after all others.',
    enum: ERRORS_ORDERS,
    default: 'calls',
  })
  @IsOptional()
  @IsSingleValue()
  @IsOneOf(ERRORS_ORDERS)
  orderBy?: ErrorsOrder;

  @ApiPropertyOptional({
    description: `Minimum calls for a group to rank by its rate (1-${MAX_MIN_CALLS}); groups with fewer calls rank after all others. Only with orderBy=serverErrorRate or orderBy=errorRate.`,
    type: 'integer',
    default: DEFAULT_MIN_CALLS,
    minimum: 1,
    maximum: MAX_MIN_CALLS,
  })
  @IsOptional()
  @IsSingleValue()
  @IsWholeNumberIn(1, MAX_MIN_CALLS)
  @IsOnlyWithRateOrder()
  minCalls?: string;
}
