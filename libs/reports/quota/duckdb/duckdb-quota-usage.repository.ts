import { TenantScope } from '@analytics/common';
import { DuckDbStore, EVENTS_TABLE, eventWhereSql, SqlParameters } from '@analytics/store';
import { BucketTransactions, QuotaUsageRepository } from '../quota-usage.repository';

/** Consumption read from the usage events in the embedded DuckDB store. */
export class DuckDbQuotaUsageRepository extends QuotaUsageRepository {
  constructor(private readonly store: DuckDbStore) {
    super();
  }

  async transactionsPerBucket(
    scope: TenantScope,
    boundariesMs: number[],
  ): Promise<BucketTransactions[]> {
    if (boundariesMs.length < 2) {
      return [];
    }

    const params = new SqlParameters();
    const where = eventWhereSql(
      scope,
      { fromMs: boundariesMs[0], toMs: boundariesMs[boundariesMs.length - 1], filters: [] },
      params,
    );
    const starts = params.addTimestampList(boundariesMs.slice(0, -1));

    // Each event joins the last bucket that starts at or before it (an ASOF join), which places
    // it in its local day or billing period without DuckDB knowing the time zone.
    const rows = await this.store.query<{
      bucket_index: number | bigint;
      product: string;
      transactions: number | bigint;
    }>(
      `WITH bucket AS (
         SELECT unnest(${starts}) AS bucket_start, generate_subscripts(${starts}, 1) - 1 AS bucket_index
       ),
       selected AS (SELECT timestamp, product, transactions FROM ${EVENTS_TABLE} WHERE ${where})
       SELECT bucket.bucket_index, selected.product, sum(selected.transactions) AS transactions
       FROM selected ASOF JOIN bucket ON selected.timestamp >= bucket.bucket_start
       GROUP BY ALL
       ORDER BY 1, 2`,
      params.values,
    );

    return rows.map((row) => ({
      bucketIndex: Number(row.bucket_index),
      product: row.product,
      transactions: Number(row.transactions),
    }));
  }

  async firstEventMs(scope: TenantScope): Promise<number | null> {
    const rows = await this.store.query<{ first_ms: number | bigint | null }>(
      `SELECT epoch_ms(min(timestamp)) AS first_ms FROM ${EVENTS_TABLE} WHERE tenant_id = $tenant`,
      { tenant: scope.tenantId },
    );
    return rows[0]?.first_ms === null || rows[0]?.first_ms === undefined
      ? null
      : Number(rows[0].first_ms);
  }

  async tenantsWithEvents(): Promise<string[]> {
    const rows = await this.store.query<{ tenant_id: string }>(
      `SELECT DISTINCT tenant_id FROM ${EVENTS_TABLE} ORDER BY tenant_id`,
    );
    return rows.map((row) => row.tenant_id);
  }
}
