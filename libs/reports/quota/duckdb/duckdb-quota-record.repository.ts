import { TenantScope } from '@analytics/common';
import { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import {
  CREDIT_GRANTS_TABLE,
  DuckDbStore,
  IDEMPOTENCY_KEYS_TABLE,
  LIMIT_OVERRIDES_TABLE,
  PLAN_ASSIGNMENTS_TABLE,
  QUOTA_RECORD_SEQUENCE,
} from '@analytics/store';
import { GrantOutcome, QuotaRecordRepository } from '../quota-record.repository';
import {
  CreditGrantRecord,
  NewQuotaRecord,
  QuotaRecord,
  QuotaRecords,
} from '../quota-records.types';
import { KeyedMutex } from './keyed-mutex';
import {
  AUDIT_SELECT,
  creditGrantOf,
  limitOverrideOf,
  planAssignmentOf,
  recordOf,
} from './quota-record-rows';

const PLANS = PLAN_ASSIGNMENTS_TABLE.duckDbName;
const OVERRIDES = LIMIT_OVERRIDES_TABLE.duckDbName;
const GRANTS = CREDIT_GRANTS_TABLE.duckDbName;
const KEYS = IDEMPOTENCY_KEYS_TABLE.duckDbName;

type Runner = Pick<DuckDBConnection, 'runAndReadAll'>;

/**
 * Quota records in the embedded DuckDB store. Writes of one tenant are serialized in this
 * process and each runs in one transaction, so a precondition checked before an append still
 * holds when the append commits.
 */
export class DuckDbQuotaRecordRepository extends QuotaRecordRepository {
  private readonly writes = new KeyedMutex();

  constructor(private readonly store: DuckDbStore) {
    super();
  }

  async findRecords(scope: TenantScope): Promise<QuotaRecords> {
    const tenant = { tenant: scope.tenantId };
    const [plans, overrides, grants] = await Promise.all([
      this.store.query(
        `SELECT ${AUDIT_SELECT}, plan_id, billing_time_zone, billing_anchor_day FROM ${PLANS} WHERE tenant_id = $tenant ORDER BY sequence`,
        tenant,
      ),
      this.store.query(
        `SELECT ${AUDIT_SELECT}, product, included_transactions FROM ${OVERRIDES} WHERE tenant_id = $tenant ORDER BY sequence`,
        tenant,
      ),
      this.store.query(
        `SELECT ${AUDIT_SELECT}, credits, epoch_ms(expires_at) AS expires_at_ms FROM ${GRANTS} WHERE tenant_id = $tenant ORDER BY sequence`,
        tenant,
      ),
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
      await this.store.transaction(async (connection) => {
        for (const record of records) {
          await insertRecord(connection, scope, record);
        }
      });
    });
  }

  appendGrant(
    scope: TenantScope,
    grant: Omit<CreditGrantRecord, 'sequence'>,
    idempotency: { key: string; requestHash: string },
  ): Promise<GrantOutcome> {
    return this.writes.run(scope.tenantId, async () => {
      const earlier = await this.findGrantByKey(
        this.store.query.bind(this.store),
        scope,
        idempotency,
      );
      if (earlier) {
        return earlier;
      }

      try {
        await this.store.transaction(async (connection) => {
          await insertRecord(connection, scope, grant);
          await connection.run(
            `INSERT INTO ${KEYS} (tenant_id, idempotency_key, request_hash, record_id, created_at) VALUES ($tenant, $key, $hash, $record, $created::TIMESTAMPTZ)`,
            {
              tenant: scope.tenantId,
              key: idempotency.key,
              hash: idempotency.requestHash,
              record: grant.recordId,
              created: iso(grant.createdAtMs),
            },
          );
        });
      } catch (error) {
        // Another process may have committed the key first; the primary key rejected this one.
        const winner = await this.findGrantByKey(
          this.store.query.bind(this.store),
          scope,
          idempotency,
        );
        if (winner) {
          return winner;
        }
        throw error;
      }

      const created = await this.findGrant(scope, grant.recordId);
      return { kind: 'created', grant: created as CreditGrantRecord };
    });
  }

  async auditTrail(
    scope: TenantScope,
    page: { beforeSequence?: number; limit: number },
  ): Promise<QuotaRecord[]> {
    const params: Record<string, DuckDBValue> = {
      tenant: scope.tenantId,
      before: page.beforeSequence ?? Number.MAX_SAFE_INTEGER,
    };
    const where = 'WHERE tenant_id = $tenant AND sequence < $before';
    const rows = await this.store.query(
      `SELECT 'plan-assignment' AS kind, ${AUDIT_SELECT}, plan_id, billing_time_zone, billing_anchor_day FROM ${PLANS} ${where}
       UNION ALL BY NAME
       SELECT 'limit-override' AS kind, ${AUDIT_SELECT}, product, included_transactions FROM ${OVERRIDES} ${where}
       UNION ALL BY NAME
       SELECT 'credit-grant' AS kind, ${AUDIT_SELECT}, credits, epoch_ms(expires_at) AS expires_at_ms FROM ${GRANTS} ${where}
       ORDER BY sequence DESC
       LIMIT ${Math.trunc(page.limit)}`,
      params,
    );
    return rows.map(recordOf);
  }

  async tenantsWithRecords(): Promise<string[]> {
    const rows = await this.store.query<{ tenant_id: string }>(
      `SELECT DISTINCT tenant_id FROM (SELECT tenant_id FROM ${PLANS} UNION ALL SELECT tenant_id FROM ${OVERRIDES} UNION ALL SELECT tenant_id FROM ${GRANTS}) ORDER BY tenant_id`,
    );
    return rows.map((row) => row.tenant_id);
  }

  private async findGrantByKey(
    query: (sql: string, params: Record<string, DuckDBValue>) => Promise<Record<string, unknown>[]>,
    scope: TenantScope,
    idempotency: { key: string; requestHash: string },
  ): Promise<GrantOutcome | undefined> {
    const rows = await query(
      `SELECT request_hash, record_id FROM ${KEYS} WHERE tenant_id = $tenant AND idempotency_key = $key`,
      {
        tenant: scope.tenantId,
        key: idempotency.key,
      },
    );
    if (rows.length === 0) {
      return undefined;
    }
    if (rows[0].request_hash !== idempotency.requestHash) {
      return { kind: 'key-reused' };
    }
    return {
      kind: 'replayed',
      grant: (await this.findGrant(scope, String(rows[0].record_id))) as CreditGrantRecord,
    };
  }

  private async findGrant(
    scope: TenantScope,
    recordId: string,
  ): Promise<CreditGrantRecord | undefined> {
    const rows = await this.store.query(
      `SELECT ${AUDIT_SELECT}, credits, epoch_ms(expires_at) AS expires_at_ms FROM ${GRANTS} WHERE tenant_id = $tenant AND record_id = $record`,
      { tenant: scope.tenantId, record: recordId },
    );
    return rows.length > 0 ? creditGrantOf(rows[0]) : undefined;
  }
}

async function insertRecord(
  connection: Runner,
  scope: TenantScope,
  record: NewQuotaRecord,
): Promise<void> {
  if (record.tenantId !== scope.tenantId) {
    throw new Error(
      `A record of tenant ${record.tenantId} cannot be written in the scope of ${scope.tenantId}`,
    );
  }

  const audit = {
    id: record.recordId,
    tenant: scope.tenantId,
    actor: record.actor,
    reason: record.reason,
    effective: iso(record.effectiveAtMs),
    created: iso(record.createdAtMs),
  };
  const auditColumns = 'record_id, sequence, tenant_id, actor, reason, effective_at, created_at';
  const auditValues = `$id, nextval('${QUOTA_RECORD_SEQUENCE}'), $tenant, $actor, $reason, $effective::TIMESTAMPTZ, $created::TIMESTAMPTZ`;

  switch (record.kind) {
    case 'plan-assignment':
      await connection.runAndReadAll(
        `INSERT INTO ${PLANS} (${auditColumns}, plan_id, billing_time_zone, billing_anchor_day) VALUES (${auditValues}, $plan, $zone, $anchor)`,
        {
          ...audit,
          plan: record.planId,
          zone: record.billingTimeZone,
          anchor: record.billingAnchorDay,
        },
      );
      return;
    case 'limit-override':
      await connection.runAndReadAll(
        `INSERT INTO ${OVERRIDES} (${auditColumns}, product, included_transactions) VALUES (${auditValues}, $product, $included::BIGINT)`,
        { ...audit, product: record.product, included: record.includedTransactions },
      );
      return;
    case 'credit-grant':
      await connection.runAndReadAll(
        `INSERT INTO ${GRANTS} (${auditColumns}, credits, expires_at) VALUES (${auditValues}, $credits, $expires::TIMESTAMPTZ)`,
        { ...audit, credits: record.credits, expires: iso(record.expiresAtMs) },
      );
      return;
  }
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
