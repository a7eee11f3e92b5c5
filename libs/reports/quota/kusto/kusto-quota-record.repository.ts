import { TenantScope } from '@analytics/common';
import {
  CREDIT_GRANTS_TABLE,
  IDEMPOTENCY_KEYS_TABLE,
  KustoQueryRunner,
  KustoRow,
  KustoValueError,
  RecordTable,
} from '@analytics/store';
import { KeyedMutex } from '../duckdb/keyed-mutex';
import {
  creditGrantOf,
  limitOverrideOf,
  planAssignmentOf,
  recordOf,
} from '../duckdb/quota-record-rows';
import { GrantOutcome, QuotaRecordRepository } from '../quota-record.repository';
import {
  CreditGrantRecord,
  NewQuotaRecord,
  QuotaRecord,
  QuotaRecords,
} from '../quota-records.types';
import { appendRowsCommand, RecordSequence } from './quota-append-command';
import {
  auditTrailKql,
  grantKql,
  keyWinnerKql,
  RECORD_TABLES,
  recordsKql,
  tenantsWithRecordsKql,
} from './quota-record-kql';

/** Rows one read may return; a read that reaches it fails rather than serve part of the records. */
const MAX_RECORD_ROWS = 100_000;

/**
 * Quota records in Azure Data Explorer, appended with `.set-or-append` through the runner's
 * management path. Appends are not retried after a 5xx, because the rows may have landed.
 *
 * Kusto has no transactions and no unique keys, so this adapter gives weaker guarantees than the
 * DuckDB one:
 * - Writes of one tenant are serialized within this process only. NOTE: two instances may both
 *   check a change's precondition (the If-Match ETag) and both append, so the later one is not
 *   rejected as it is on DuckDB.
 * - A change that writes a plan assignment and limit overrides is two commands. If the second
 *   fails, the first stays: the change is half applied and the error propagates.
 * - An idempotency key is written before its grant. Racing instances may each write a key row
 *   and a grant, but every read picks the same winning key row and leaves out the losers' grants,
 *   so one grant counts. A key without its grant (a write cut off in between) is completed by
 *   the next request with that key, which then returns `replayed`.
 */
export class KustoQuotaRecordRepository extends QuotaRecordRepository {
  private readonly writes = new KeyedMutex();
  private readonly sequence: RecordSequence;

  constructor(
    private readonly runner: KustoQueryRunner,
    options: { sequence?: RecordSequence } = {},
  ) {
    super();
    this.sequence = options.sequence ?? new RecordSequence();
  }

  async findRecords(scope: TenantScope): Promise<QuotaRecords> {
    const [plans, overrides, grants] = await Promise.all([
      this.readRecords(scope, 'plan-assignment'),
      this.readRecords(scope, 'limit-override'),
      this.readRecords(scope, 'credit-grant'),
    ]);

    return {
      planAssignments: plans.map(planAssignmentOf),
      limitOverrides: overrides.map(limitOverrideOf),
      creditGrants: grants.map(creditGrantOf),
    };
  }

  appendChange(
    scope: TenantScope,
    records: NewQuotaRecord[],
    precondition: (current: QuotaRecords) => void,
  ): Promise<void> {
    return this.writes.run(scope.tenantId, async () => {
      precondition(await this.findRecords(scope));

      for (const kind of ['plan-assignment', 'limit-override', 'credit-grant'] as const) {
        const ofKind = records.filter((record) => record.kind === kind);
        if (ofKind.length > 0) {
          await this.append(
            RECORD_TABLES[kind],
            ofKind.map((record) => this.rowOf(scope, record)),
          );
        }
      }
    });
  }

  appendGrant(
    scope: TenantScope,
    grant: Omit<CreditGrantRecord, 'sequence'>,
    idempotency: { key: string; requestHash: string },
  ): Promise<GrantOutcome> {
    return this.writes.run(scope.tenantId, async () => {
      const earlier = await this.keyWinner(scope, idempotency.key);
      if (earlier) {
        return this.outcomeOfEarlierKey(scope, grant, idempotency, earlier);
      }

      await this.append(IDEMPOTENCY_KEYS_TABLE, [
        {
          TenantId: scope.tenantId,
          IdempotencyKey: idempotency.key,
          RequestHash: idempotency.requestHash,
          RecordId: grant.recordId,
          CreatedAt: iso(grant.createdAtMs),
        },
      ]);

      const winner = await this.keyWinner(scope, idempotency.key);
      if (!winner || winner.recordId !== grant.recordId) {
        // Another instance wrote the key first; its request decides.
        return this.outcomeOfEarlierKey(
          scope,
          grant,
          idempotency,
          winner ?? { recordId: grant.recordId, requestHash: idempotency.requestHash },
        );
      }

      await this.append(CREDIT_GRANTS_TABLE, [this.rowOf(scope, grant)]);
      return { kind: 'created', grant: await this.requireGrant(scope, grant.recordId) };
    });
  }

  async auditTrail(
    scope: TenantScope,
    page: { beforeSequence?: number; limit: number },
  ): Promise<QuotaRecord[]> {
    const { text, params } = auditTrailKql(scope, page);
    const rows = await this.runner.query(text, params);
    return rows.map(recordOf);
  }

  async tenantsWithRecords(): Promise<string[]> {
    const { text, params } = tenantsWithRecordsKql(MAX_RECORD_ROWS);
    const rows = await this.runner.query(text, params);
    failWhenCut(rows, 'tenants with quota records');
    return rows.map((row) => String(row.TenantId));
  }

  private async outcomeOfEarlierKey(
    scope: TenantScope,
    grant: Omit<CreditGrantRecord, 'sequence'>,
    idempotency: { requestHash: string },
    earlier: { recordId: string; requestHash: string },
  ): Promise<GrantOutcome> {
    if (earlier.requestHash !== idempotency.requestHash) {
      return { kind: 'key-reused' };
    }

    const found = await this.findGrant(scope, earlier.recordId);
    if (found) {
      return { kind: 'replayed', grant: found };
    }

    // The key was written but its grant was not (a write cut off in between, or one still in
    // flight elsewhere). The request is the same, so this grant completes it under the key's
    // record id; reads count one row per record id.
    await this.append(CREDIT_GRANTS_TABLE, [
      this.rowOf(scope, { ...grant, recordId: earlier.recordId }),
    ]);
    return { kind: 'replayed', grant: await this.requireGrant(scope, earlier.recordId) };
  }

  private async readRecords(
    scope: TenantScope,
    kind: keyof typeof RECORD_TABLES,
  ): Promise<KustoRow[]> {
    const { text, params } = recordsKql(scope, kind, MAX_RECORD_ROWS);
    const rows = await this.runner.query(text, params);
    failWhenCut(rows, `${kind} records of ${scope.tenantId}`);
    return rows;
  }

  private async keyWinner(
    scope: TenantScope,
    key: string,
  ): Promise<{ recordId: string; requestHash: string } | undefined> {
    const { text, params } = keyWinnerKql(scope, key);
    const [row] = await this.runner.query(text, params);
    return row
      ? { recordId: String(row.record_id), requestHash: String(row.request_hash) }
      : undefined;
  }

  private async findGrant(
    scope: TenantScope,
    recordId: string,
  ): Promise<CreditGrantRecord | undefined> {
    const { text, params } = grantKql(scope, recordId);
    const [row] = await this.runner.query(text, params);
    return row ? creditGrantOf(row) : undefined;
  }

  private async requireGrant(scope: TenantScope, recordId: string): Promise<CreditGrantRecord> {
    const found = await this.findGrant(scope, recordId);
    if (!found) {
      throw new KustoValueError(
        `Credit grant ${recordId} of ${scope.tenantId} was appended but cannot be read back`,
      );
    }
    return found;
  }

  private async append(
    table: RecordTable,
    rows: Record<string, string | number | null>[],
  ): Promise<void> {
    await this.runner.command(appendRowsCommand(table, rows), { idempotent: false });
  }

  /** Converts a record to a row keyed by Kusto column name, numbered now. */
  private rowOf(
    scope: TenantScope,
    record: NewQuotaRecord,
  ): Record<string, string | number | null> {
    if (record.tenantId !== scope.tenantId) {
      throw new Error(
        `A record of tenant ${record.tenantId} cannot be written in the scope of ${scope.tenantId}`,
      );
    }

    const audit = {
      RecordId: record.recordId,
      Sequence: this.sequence.next(),
      TenantId: scope.tenantId,
      Actor: record.actor,
      Reason: record.reason,
      EffectiveAt: iso(record.effectiveAtMs),
      CreatedAt: iso(record.createdAtMs),
    };
    switch (record.kind) {
      case 'plan-assignment':
        return {
          ...audit,
          PlanId: record.planId,
          BillingTimeZone: record.billingTimeZone,
          BillingAnchorDay: record.billingAnchorDay,
        };
      case 'limit-override':
        return {
          ...audit,
          Product: record.product,
          IncludedTransactions: record.includedTransactions,
        };
      case 'credit-grant':
        return { ...audit, Credits: record.credits, ExpiresAt: iso(record.expiresAtMs) };
    }
  }
}

function failWhenCut(rows: KustoRow[], what: string): void {
  if (rows.length >= MAX_RECORD_ROWS) {
    throw new KustoValueError(
      `Reading the ${what} reached ${MAX_RECORD_ROWS} rows, so the list would be incomplete`,
    );
  }
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
