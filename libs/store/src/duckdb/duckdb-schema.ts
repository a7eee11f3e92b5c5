import { EVENT_COLUMNS } from '../event-schema';

export const EVENTS_TABLE = 'events';

/** DDL of a table with the event columns, from the one schema definition. */
export function eventTableDdl(table: string, { temporary = false } = {}): string {
  const columns = EVENT_COLUMNS.map((column) => `  ${column.duckDbName} ${column.duckDbType} NOT NULL`);
  return `CREATE ${temporary ? 'TEMP ' : ''}TABLE ${table} (\n${columns.join(',\n')}\n)`;
}

/**
 * Schema migrations, applied in order on start. A store records the highest version applied,
 * so an older file is upgraded in place and a newer one is refused rather than misread.
 * Append new steps; never edit a released one.
 */
export const MIGRATIONS: readonly { version: number; description: string; statements: string[] }[] = [
  {
    version: 1,
    description: 'usage events',
    // Frozen text: a later schema change is a new migration, and a test checks that the
    // migrated table matches EVENT_COLUMNS.
    statements: [
      `CREATE TABLE events (
        timestamp TIMESTAMPTZ NOT NULL,
        ingested_at TIMESTAMPTZ NOT NULL,
        tenant_id VARCHAR NOT NULL,
        api_key_id VARCHAR NOT NULL,
        product VARCHAR NOT NULL,
        endpoint VARCHAR NOT NULL,
        method VARCHAR NOT NULL,
        status_code INTEGER NOT NULL,
        duration_ms DOUBLE NOT NULL,
        request_bytes BIGINT NOT NULL,
        response_bytes BIGINT NOT NULL,
        transactions INTEGER NOT NULL,
        region VARCHAR NOT NULL,
        params MAP(VARCHAR, VARCHAR) NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    description: 'quota records',
    // Frozen text, checked against QUOTA_RECORD_TABLES by a test. The tables are append-only.
    // The primary key of the idempotency keys makes a second grant with one key fail, even from
    // a concurrent transaction.
    statements: [
      'CREATE SEQUENCE quota_record_sequence START 1',
      `CREATE TABLE quota_plan_assignments (
        record_id VARCHAR NOT NULL PRIMARY KEY,
        sequence BIGINT NOT NULL,
        tenant_id VARCHAR NOT NULL,
        actor VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        effective_at TIMESTAMPTZ NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        plan_id VARCHAR NOT NULL,
        billing_time_zone VARCHAR NOT NULL,
        billing_anchor_day INTEGER NOT NULL
      )`,
      `CREATE TABLE quota_limit_overrides (
        record_id VARCHAR NOT NULL PRIMARY KEY,
        sequence BIGINT NOT NULL,
        tenant_id VARCHAR NOT NULL,
        actor VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        effective_at TIMESTAMPTZ NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        product VARCHAR NOT NULL,
        included_transactions BIGINT
      )`,
      `CREATE TABLE quota_credit_grants (
        record_id VARCHAR NOT NULL PRIMARY KEY,
        sequence BIGINT NOT NULL,
        tenant_id VARCHAR NOT NULL,
        actor VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        effective_at TIMESTAMPTZ NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        credits BIGINT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE TABLE quota_idempotency_keys (
        tenant_id VARCHAR NOT NULL,
        idempotency_key VARCHAR NOT NULL,
        request_hash VARCHAR NOT NULL,
        record_id VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (tenant_id, idempotency_key)
      )`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
