import { TenantScope } from '@analytics/common';
import {
  eventSelectionKql,
  KqlParameters,
  KustoQueryRunner,
  KustoValueError,
  readCount,
  ROLLUP_VIEWS,
} from '@analytics/store';
import { BucketTransactions, QuotaUsageRepository } from '../quota-usage.repository';

/** Products per bucket a read may return; a read that reaches it fails rather than serve part of the usage. */
const MAX_PRODUCTS_PER_BUCKET = 100;
const MAX_TENANTS = 100_000;

/**
 * Consumption read from the usage events in Azure Data Explorer. Buckets are assigned as the
 * report series assign them: a time-window join on coarse bins, then the exact range condition,
 * so local days and billing periods need no time zone arithmetic in Kusto.
 */
export class KustoQuotaUsageRepository extends QuotaUsageRepository {
  constructor(private readonly runner: KustoQueryRunner) {
    super();
  }

  async transactionsPerBucket(
    scope: TenantScope,
    boundariesMs: number[],
  ): Promise<BucketTransactions[]> {
    if (boundariesMs.length < 2) {
      return [];
    }

    const { text, params } = transactionsPerBucketKql(scope, boundariesMs);
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
    const daily = ROLLUP_VIEWS.find((view) => view.bin === '1d');
    if (!daily) {
      throw new Error('The schema defines no daily rollup view');
    }
    const text = [
      daily.name,
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
): { text: string; params: KqlParameters } {
  const params = new KqlParameters();
  const selection = eventSelectionKql(
    scope,
    { fromMs: boundariesMs[0], toMs: boundariesMs[boundariesMs.length - 1], filters: [] },
    params,
  );
  const bounds = params.addDynamic(
    'bucketBounds',
    boundariesMs.map((ms) => new Date(ms).toISOString()),
  );
  const bin = boundariesMs.every(
    (start, index) => index === 0 || start - boundariesMs[index - 1] >= 86_400_000,
  )
    ? '1d'
    : '1h';
  const maxRows = params.addLong('maxRows', (boundariesMs.length - 1) * MAX_PRODUCTS_PER_BUCKET);

  const text = [
    `let Selected = ${selection};`,
    `let Buckets = range BucketIndex from 0 to array_length(${bounds}) - 2 step 1`,
    `| extend BucketStart = todatetime(${bounds}[BucketIndex]), BucketEnd = todatetime(${bounds}[BucketIndex + 1])`,
    `| mv-expand JoinKey = range(bin(BucketStart, ${bin}), BucketEnd - 1tick, ${bin}) to typeof(datetime);`,
    'Buckets',
    `| join kind=inner hint.strategy=broadcast (Selected | extend JoinKey = bin(Timestamp, ${bin})) on JoinKey`,
    '| where Timestamp >= BucketStart and Timestamp < BucketEnd',
    '| summarize Transactions = sum(tolong(Transactions)) by BucketIndex, Product',
    '| sort by BucketIndex asc, Product asc',
    '| project BucketIndex = tostring(BucketIndex), Product, Transactions = tostring(Transactions)',
    `| take ${maxRows}`,
  ].join('\n');

  return { text, params };
}
