import { TenantScope } from '@analytics/common';

/** Transactions of one product in one bucket. */
export interface BucketTransactions {
  bucketIndex: number;
  product: string;
  transactions: number;
}

/** Port of the consumption the quotas are measured against: the `transactions` of the usage events. */
export abstract class QuotaUsageRepository {
  /**
   * Sums transactions per product in consecutive buckets: bucket i is [boundariesMs[i],
   * boundariesMs[i + 1]). Buckets and products without events are left out.
   */
  abstract transactionsPerBucket(
    scope: TenantScope,
    boundariesMs: number[],
  ): Promise<BucketTransactions[]>;

  /** Time of the tenant's first event, or null when it has none. */
  abstract firstEventMs(scope: TenantScope): Promise<number | null>;

  /** Ids of the tenants that have events. For account managers' tenant lists only. */
  abstract tenantsWithEvents(): Promise<string[]>;
}
