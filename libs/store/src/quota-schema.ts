import { DuckDbType, KustoType } from './event-schema';

/**
 * The append-only quota records: plan assignments, per-product limit overrides, credit grants and
 * the idempotency keys of grants. Rows are only ever inserted, so the tables are the audit trail;
 * the effective state is the latest record per key. This list is the one description of the
 * tables. A test checks the DuckDB migration against it, and a Kusto script can be derived from it.
 */
export interface RecordColumn {
  /** Column name in DuckDB, snake_case. */
  duckDbName: string;
  duckDbType: DuckDbType;
  /** Column name in Kusto, PascalCase. */
  kustoName: string;
  kustoType: KustoType;
  nullable: boolean;
}

export interface RecordTable {
  duckDbName: string;
  kustoName: string;
  columns: readonly RecordColumn[];
}

const column = (
  duckDbName: string,
  duckDbType: DuckDbType,
  kustoType: KustoType,
  nullable = false,
): RecordColumn => ({
  duckDbName,
  duckDbType,
  kustoName: duckDbName.replace(/(^|_)([a-z])/g, (_match, _separator: string, letter: string) =>
    letter.toUpperCase(),
  ),
  kustoType,
  nullable,
});

/** Columns every quota record has: who made it, why, and when it takes effect and was written. */
const AUDIT_COLUMNS: readonly RecordColumn[] = [
  column('record_id', 'VARCHAR', 'string'),
  // Order of writes across all record tables; "latest" means the highest sequence.
  column('sequence', 'BIGINT', 'long'),
  column('tenant_id', 'VARCHAR', 'string'),
  column('actor', 'VARCHAR', 'string'),
  column('reason', 'VARCHAR', 'string'),
  column('effective_at', 'TIMESTAMPTZ', 'datetime'),
  column('created_at', 'TIMESTAMPTZ', 'datetime'),
];

export const PLAN_ASSIGNMENTS_TABLE: RecordTable = {
  duckDbName: 'quota_plan_assignments',
  kustoName: 'QuotaPlanAssignments',
  columns: [
    ...AUDIT_COLUMNS,
    column('plan_id', 'VARCHAR', 'string'),
    column('billing_time_zone', 'VARCHAR', 'string'),
    // Day of the month a billing period starts; 1 is the calendar month.
    column('billing_anchor_day', 'INTEGER', 'int'),
  ],
};

export const LIMIT_OVERRIDES_TABLE: RecordTable = {
  duckDbName: 'quota_limit_overrides',
  kustoName: 'QuotaLimitOverrides',
  columns: [
    ...AUDIT_COLUMNS,
    column('product', 'VARCHAR', 'string'),
    // Null removes the override, so the plan's amount applies again.
    column('included_transactions', 'BIGINT', 'long', true),
  ],
};

export const CREDIT_GRANTS_TABLE: RecordTable = {
  duckDbName: 'quota_credit_grants',
  kustoName: 'QuotaCreditGrants',
  columns: [
    ...AUDIT_COLUMNS,
    column('credits', 'BIGINT', 'long'),
    column('expires_at', 'TIMESTAMPTZ', 'datetime'),
  ],
};

export const IDEMPOTENCY_KEYS_TABLE: RecordTable = {
  duckDbName: 'quota_idempotency_keys',
  kustoName: 'QuotaIdempotencyKeys',
  columns: [
    column('tenant_id', 'VARCHAR', 'string'),
    column('idempotency_key', 'VARCHAR', 'string'),
    // SHA-256 of the normalized request body, to tell a retry from a reuse of the key.
    column('request_hash', 'VARCHAR', 'string'),
    column('record_id', 'VARCHAR', 'string'),
    column('created_at', 'TIMESTAMPTZ', 'datetime'),
  ],
};

export const QUOTA_RECORD_TABLES: readonly RecordTable[] = [
  PLAN_ASSIGNMENTS_TABLE,
  LIMIT_OVERRIDES_TABLE,
  CREDIT_GRANTS_TABLE,
  IDEMPOTENCY_KEYS_TABLE,
];

/** DuckDB sequence that numbers quota records across their tables. */
export const QUOTA_RECORD_SEQUENCE = 'quota_record_sequence';
