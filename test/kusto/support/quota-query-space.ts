import { TenantScope } from '@analytics/common';
import { KustoQuotaRecordRepository, KustoQuotaUsageRepository } from '@analytics/reports/quota';
import { RecordingRunner } from './recording-runner';
import { QueryValues } from './report-query-space';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

/**
 * Runs every operation of the quota adapters and returns the queries and append commands they
 * built, in order. Caller values (tenant, actor, reason, idempotency key, plan and time zone)
 * come from `values`, so the generated strings reach every one of them.
 */
export async function collectQuotaQueries(
  values: QueryValues,
): Promise<RecordingRunner['queries']> {
  const runner = new RecordingRunner();
  const scope = TenantScope.of(values.tenantId);
  const records = new KustoQuotaRecordRepository(runner);
  const usage = new KustoQuotaUsageRepository(runner);
  const text = (index: number) => values.product[index % values.product.length];
  const audit = {
    tenantId: values.tenantId,
    actor: text(0),
    reason: text(1),
    effectiveAtMs: NOW,
    createdAtMs: NOW,
  };

  await records.findRecords(scope);
  await records.appendChange(
    scope,
    [
      {
        kind: 'plan-assignment',
        recordId: text(2),
        ...audit,
        planId: text(0),
        billingTimeZone: text(1),
        billingAnchorDay: 1,
      },
      {
        kind: 'limit-override',
        recordId: text(1),
        ...audit,
        product: 'search',
        includedTransactions: null,
      },
    ],
    () => undefined,
  );
  await records
    .appendGrant(
      scope,
      {
        kind: 'credit-grant',
        recordId: text(0),
        ...audit,
        credits: values.limit,
        expiresAtMs: NOW + DAY,
      },
      { key: text(1), requestHash: text(2) },
    )
    .catch(ignoreUnreadableGrant);
  await records.auditTrail(scope, { limit: values.limit });
  await records.auditTrail(scope, { beforeSequence: values.minCalls, limit: values.limit });
  await records.tenantsWithRecords();

  // Daily buckets take 1-day bins, and buckets shorter than a day take 1-hour bins.
  await usage.transactionsPerBucket(scope, [NOW, NOW + DAY, NOW + 2 * DAY]);
  await usage.transactionsPerBucket(scope, [NOW, NOW + DAY / 2, NOW + DAY]);
  await usage.firstEventMs(scope);
  await usage.tenantsWithEvents();
  return runner.queries;
}

/** The recording runner returns no rows, so the grant it appended cannot be read back. */
function ignoreUnreadableGrant(error: unknown): void {
  if (!(error instanceof Error && error.message.includes('cannot be read back'))) {
    throw error;
  }
}
