import { Injectable } from '@nestjs/common';
import { Clock, TenantScope } from '@analytics/common';
import { computeQuotaView } from './compute-quota-view';
import { CURRENT_PLAN_CATALOG } from './plans/plan-catalog';
import { QuotaRecordRepository } from './quota-record.repository';
import { QuotaRecords } from './quota-records.types';
import { QuotaUsageRepository } from './quota-usage.repository';
import { quotaReadWindow } from './quota-read-window';
import { QuotaView, UsageBucket } from './quota-view.types';

/** A tenant's quota in the current billing period: the customer's view and the account manager's. */
@Injectable()
export class GetQuotaViewUseCase {
  constructor(
    private readonly records: QuotaRecordRepository,
    private readonly usage: QuotaUsageRepository,
    private readonly clock: Clock,
  ) {}

  async execute(scope: TenantScope): Promise<QuotaView> {
    return this.viewOf(scope, await this.records.findRecords(scope));
  }

  /** Computes the view over records already read, as at the clock's present. */
  async viewOf(scope: TenantScope, records: QuotaRecords): Promise<QuotaView> {
    const nowMs = this.clock.nowMs();
    const catalog = CURRENT_PLAN_CATALOG;
    const window = quotaReadWindow(records, nowMs, catalog);
    const days = toBuckets(
      window.dayBoundariesMs,
      await this.usage.transactionsPerBucket(scope, window.dayBoundariesMs),
    );

    return computeQuotaView({ tenantId: scope.tenantId, catalog, records, nowMs, window, days });
  }
}

/** Buckets at the boundaries with their transactions per product; buckets without events stay empty. */
export function toBuckets(
  boundariesMs: number[],
  rows: { bucketIndex: number; product: string; transactions: number }[],
): UsageBucket[] {
  const buckets: UsageBucket[] = boundariesMs.slice(0, -1).map((startMs, index) => ({
    startMs,
    endMs: boundariesMs[index + 1],
    transactions: new Map(),
  }));
  for (const row of rows) {
    buckets[row.bucketIndex]?.transactions.set(row.product, row.transactions);
  }
  return buckets;
}
