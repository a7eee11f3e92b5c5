import { TenantScope } from '@analytics/common';
import {
  bucketJoinKql,
  DAILY_KQL_SOURCE,
  eventSelectionKql,
  KqlEventSource,
  KqlParameters,
  KustoQueryRunner,
  KustoValueError,
  planKqlEventSource,
  readCount,
} from '@analytics/store';
import { BucketTransactions, QuotaUsageRepository } from '../quota-usage.repository';

/** Products per bucket a read may return; a read that reaches it fails rather than serve part of the usage. */
const MAX_PRODUCTS_PER_BUCKET = 100;
const MAX_TENANTS = 100_000;

/**
 * Consumption read from Azure Data Explorer: the daily or hourly rollup view when every bucket
 * bound is a whole UTC day or hour, else the events. Buckets are assigned as the report series
 * assign them (bucketJoinKql), so local days and billing periods need no time zone arithmetic in
 * Kusto.
 */
export class KustoQuotaUsageRepository extends QuotaUsageRepository {
  private readonly rollups: boolean;

  constructor(
    private readonly runner: KustoQueryRunner,
    options: { rollups?: boolean } = {},
  ) {
    super();
    this.rollups = options.rollups ?? true;
  }

  async transactionsPerBucket(
    scope: TenantScope,
    boundariesMs: number[],
  ): Promise<BucketTransactions[]> {
    if (boundariesMs.length < 2) {
      return [];
    }

    const source = planKqlEventSource(boundariesMs, { rollups: this.rollups });
    const { text, params } = transactionsPerBucketKql(scope, boundariesMs, source);
    const maxRows = (boundariesMs.length - 1) * MAX_PRODUCTS_PER_BUCKET;
    const rows = await this.runner.query(text, params);
    if (rows.length >= maxRows) {
      throw new KustoValueError(
        `Quota usage of ${scope.tenantId} reached ${maxRows} rows, so it would be incomplete`,
      );
    }

    return rows.map((row) => ({
      bucketIndex: readCount(row.BucketIndex, 'BucketIndex'),
      product: String(row.Product),
      transactions: readCount(row.Transactions, 'Transactions'),
    }));
  }

  async firstEventMs(scope: TenantScope): Promise<number | null> {
    const params = new KqlParameters();
    const text = [
      'Events',
      `| where TenantId == ${params.addString('tenant', scope.tenantId)}`,
      '| summarize First = min(Timestamp)',
      '| project FirstMs = tostring(tolong((First - datetime(1970-01-01)) / 1ms))',
    ].join('\n');

    const [row] = await this.runner.query(text, params);
    if (!row || row.FirstMs === null || row.FirstMs === undefined || row.FirstMs === '') {
      return null;
    }
    return readCount(row.FirstMs, 'FirstMs');
  }

  /** Reads the daily rollup, which contains every tenant with events in far fewer rows than the events table. */
  async tenantsWithEvents(): Promise<string[]> {
    const params = new KqlParameters();
    const text = [
      DAILY_KQL_SOURCE.table,
      '| distinct TenantId',
      '| sort by TenantId asc',
      `| take ${params.addLong('maxRows', MAX_TENANTS)}`,
    ].join('\n');

    const rows = await this.runner.query(text, params);
    if (rows.length >= MAX_TENANTS) {
      throw new KustoValueError(
        `The tenant list reached ${MAX_TENANTS} rows, so it would be incomplete`,
      );
    }
    return rows.map((row) => String(row.TenantId));
  }
}

/** Sums transactions per bucket and product; bucket i is [boundariesMs[i], boundariesMs[i + 1]). */
export function transactionsPerBucketKql(
  scope: TenantScope,
  boundariesMs: number[],
  source: KqlEventSource,
): { text: string; params: KqlParameters } {
  const params = new KqlParameters();
  const selection = eventSelectionKql(
    scope,
    { fromMs: boundariesMs[0], toMs: boundariesMs[boundariesMs.length - 1], filters: [] },
    params,
    source,
  );
  const buckets = bucketJoinKql({
    boundsMs: boundariesMs,
    selected: 'Selected',
    timeColumn: source.timeColumn,
    params,
  });
  const maxRows = params.addLong('maxRows', (boundariesMs.length - 1) * MAX_PRODUCTS_PER_BUCKET);

  const text = [
    `let Selected = ${selection};`,
    buckets.statement,
    buckets.joined,
    `| summarize Transactions = ${source.transactions} by BucketIndex, Product`,
    '| sort by BucketIndex asc, Product asc',
    '| project BucketIndex = tostring(BucketIndex), Product, Transactions = tostring(Transactions)',
    `| take ${maxRows}`,
  ].join('\n');

  return { text, params };
}
