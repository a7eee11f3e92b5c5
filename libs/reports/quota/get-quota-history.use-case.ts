import { Injectable } from '@nestjs/common';
import { Clock, CursorCodec, TenantScope } from '@analytics/common';
import { pageOf } from '@analytics/reports/shared';
import { BillingPeriod, periodContaining, previousPeriod } from './billing-period';
import { effectiveQuotaAt } from './effective-quota';
import { CURRENT_PLAN_CATALOG } from './plans/plan-catalog';
import { LimitKind, QUOTA_PRODUCTS, QuotaProduct } from './plans/plan.types';
import { QuotaRecordRepository } from './quota-record.repository';
import { QuotaRecords } from './quota-records.types';
import { percentageUsed, productStatus, QuotaStatus, worstStatus } from './quota-status';
import { QuotaUsageRepository } from './quota-usage.repository';

/** Earliest closed period listed, counted back from the current one. */
export const MAX_HISTORY_PERIODS = 60;

export interface ClosedPeriodProduct {
  product: QuotaProduct;
  limit: LimitKind;
  included: number;
  used: number;
  overage: number;
  percentage: number | null;
  status: QuotaStatus;
}

export interface ClosedPeriod {
  period: BillingPeriod;
  plan: { id: string; name: string };
  status: QuotaStatus;
  products: ClosedPeriodProduct[];
}

export interface QuotaHistoryPage {
  periods: ClosedPeriod[];
  timeZone: string;
  limit: number;
  nextCursor: string | null;
}

/**
 * A tenant's closed billing periods, newest first, from the period of its first event or quota
 * record. Each period is measured against the plan and limits in force at its end. Credits are
 * not replayed for closed periods, so soft-limited overage counts as paid (`warning`).
 */
@Injectable()
export class GetQuotaHistoryUseCase {
  constructor(
    private readonly records: QuotaRecordRepository,
    private readonly usage: QuotaUsageRepository,
    private readonly clock: Clock,
    private readonly cursorCodec: CursorCodec,
  ) {}

  async execute(
    scope: TenantScope,
    request: { limit: number; cursor?: string },
  ): Promise<QuotaHistoryPage> {
    const nowMs = this.clock.nowMs();
    const catalog = CURRENT_PLAN_CATALOG;
    const records = await this.records.findRecords(scope);
    // NOTE: closed periods follow the billing cycle in force now. After a change of time zone or
    // anchor day, older periods are cut at the new boundaries, not at the ones billed then.
    const { billing } = effectiveQuotaAt(records, nowMs, catalog);

    const firstActivityMs = await this.firstActivityMs(scope, records);
    const closed: BillingPeriod[] = [];
    let period = periodContaining(nowMs, billing);
    while (firstActivityMs !== null && closed.length < MAX_HISTORY_PERIODS) {
      period = previousPeriod(period, billing);
      if (period.endMs <= firstActivityMs) {
        break;
      }
      closed.push(period);
    }

    const binding = CursorCodec.bindingOf([scope.tenantId, 'quota-history', request.limit]);
    const page = pageOf(closed, {
      codec: this.cursorCodec,
      binding,
      cursor: request.cursor,
      limit: request.limit,
    });
    if (page.items.length === 0) {
      return {
        periods: [],
        timeZone: billing.timeZone,
        limit: request.limit,
        nextCursor: page.nextCursor,
      };
    }

    const ascending = [...page.items].reverse();
    const boundaries = [
      ...ascending.map((item) => item.startMs),
      ascending[ascending.length - 1].endMs,
    ];
    const rows = await this.usage.transactionsPerBucket(scope, boundaries);

    const periods = page.items.map((item) => {
      const index = ascending.indexOf(item);
      const used = new Map(
        rows
          .filter((row) => row.bucketIndex === index)
          .map((row) => [row.product, row.transactions]),
      );
      return closedPeriod(item, used, effectiveQuotaAt(records, item.endMs - 1, catalog));
    });
    return {
      periods,
      timeZone: billing.timeZone,
      limit: request.limit,
      nextCursor: page.nextCursor,
    };
  }

  private async firstActivityMs(scope: TenantScope, records: QuotaRecords): Promise<number | null> {
    const recordTimes = [
      ...records.planAssignments,
      ...records.limitOverrides,
      ...records.creditGrants,
    ].map((record) => record.effectiveAtMs);
    const firstEventMs = await this.usage.firstEventMs(scope);
    const times = firstEventMs === null ? recordTimes : [...recordTimes, firstEventMs];
    return times.length > 0 ? Math.min(...times) : null;
  }
}

function closedPeriod(
  period: BillingPeriod,
  used: Map<string, number>,
  quota: ReturnType<typeof effectiveQuotaAt>,
): ClosedPeriod {
  const products = QUOTA_PRODUCTS.map((product): ClosedPeriodProduct => {
    const allowance = quota.allowances[product];
    const transactions = used.get(product) ?? 0;
    const included = allowance.includedTransactions;
    return {
      product,
      limit: allowance.limit,
      included,
      used: transactions,
      overage: Math.max(0, transactions - included),
      percentage: percentageUsed(transactions, included),
      status: productStatus({
        used: transactions,
        included,
        limit: allowance.limit,
        overageCovered: true,
      }),
    };
  });

  return {
    period,
    plan: { id: quota.plan.id, name: quota.plan.name },
    status: worstStatus(products.map((item) => item.status)),
    products,
  };
}
