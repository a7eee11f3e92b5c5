import { EVENT_COLUMNS } from '../event-schema';

export const EVENTS_TABLE = 'events';

/** DDL of a table with the event columns, from the one schema definition. */
export function eventTableDdl(table: string, { temporary = false } = {}): string {
  const columns = EVENT_COLUMNS.map(
    (column) => `  ${column.duckDbName} ${column.duckDbType} NOT NULL`,
  );
  return `CREATE ${temporary ? 'TEMP ' : ''}TABLE ${table} (\n${columns.join(',\n')}\n)`;
}

/**
 * Schema migrations, applied in order on start. A store records the highest version applied,
 * so an older file is upgraded in place and a newer one is refused rather than misread.
 * Append new steps; never edit a released one.
 */
export const MIGRATIONS: readonly { version: number; description: string; statements: string[] }[] =
  [
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
    {
      version: 3,
      description: 'hourly and daily rollups',
      // Frozen text, checked against ROLLUP_COLUMNS and the rollups of appendEvents by tests. The
      // INSERT statements fill the rollups from the events already in the store, in the same
      // transaction, and appendEvents keeps them up to date from then on. The bins are those of
      // LATENCY_HISTOGRAM: from 1 µs, each 2 % wider, with bin -1 for shorter durations.
      statements: [
        `CREATE TABLE rollup_hourly (
        period_start TIMESTAMPTZ NOT NULL,
        tenant_id VARCHAR NOT NULL,
        api_key_id VARCHAR NOT NULL,
        product VARCHAR NOT NULL,
        endpoint VARCHAR NOT NULL,
        method VARCHAR NOT NULL,
        status_code INTEGER NOT NULL,
        status_class VARCHAR NOT NULL,
        calls BIGINT NOT NULL,
        client_errors BIGINT NOT NULL,
        server_errors BIGINT NOT NULL,
        transactions BIGINT NOT NULL,
        min_duration_ms DOUBLE NOT NULL,
        max_duration_ms DOUBLE NOT NULL,
        latency_histogram MAP(SMALLINT, BIGINT) NOT NULL
      )`,
        `CREATE TABLE rollup_daily (
        period_start TIMESTAMPTZ NOT NULL,
        tenant_id VARCHAR NOT NULL,
        api_key_id VARCHAR NOT NULL,
        product VARCHAR NOT NULL,
        endpoint VARCHAR NOT NULL,
        method VARCHAR NOT NULL,
        status_code INTEGER NOT NULL,
        status_class VARCHAR NOT NULL,
        calls BIGINT NOT NULL,
        client_errors BIGINT NOT NULL,
        server_errors BIGINT NOT NULL,
        transactions BIGINT NOT NULL,
        min_duration_ms DOUBLE NOT NULL,
        max_duration_ms DOUBLE NOT NULL,
        latency_histogram MAP(SMALLINT, BIGINT) NOT NULL
      )`,
        `INSERT INTO rollup_hourly
       SELECT make_timestamptz(epoch_us(timestamp) - ((epoch_us(timestamp) % 3600000000) + 3600000000) % 3600000000) AS period_start,
              tenant_id, api_key_id, product, endpoint, method, status_code,
              CAST(status_code // 100 AS VARCHAR) || 'xx' AS status_class,
              count(*) AS calls,
              count(*) FILTER (WHERE status_code >= 400 AND status_code < 500) AS client_errors,
              count(*) FILTER (WHERE status_code >= 500 AND status_code < 600) AS server_errors,
              sum(transactions) AS transactions,
              min(duration_ms) AS min_duration_ms,
              max(duration_ms) AS max_duration_ms,
              CAST(histogram(CAST(CASE WHEN duration_ms >= 0.001 THEN least(32767, floor(ln(duration_ms / 0.001) / ln(1.02))) ELSE -1 END AS SMALLINT)) AS MAP(SMALLINT, BIGINT)) AS latency_histogram
       FROM events
       GROUP BY ALL
       ORDER BY tenant_id, period_start`,
        `INSERT INTO rollup_daily
       SELECT make_timestamptz(epoch_us(timestamp) - ((epoch_us(timestamp) % 86400000000) + 86400000000) % 86400000000) AS period_start,
              tenant_id, api_key_id, product, endpoint, method, status_code,
              CAST(status_code // 100 AS VARCHAR) || 'xx' AS status_class,
              count(*) AS calls,
              count(*) FILTER (WHERE status_code >= 400 AND status_code < 500) AS client_errors,
              count(*) FILTER (WHERE status_code >= 500 AND status_code < 600) AS server_errors,
              sum(transactions) AS transactions,
              min(duration_ms) AS min_duration_ms,
              max(duration_ms) AS max_duration_ms,
              CAST(histogram(CAST(CASE WHEN duration_ms >= 0.001 THEN least(32767, floor(ln(duration_ms / 0.001) / ln(1.02))) ELSE -1 END AS SMALLINT)) AS MAP(SMALLINT, BIGINT)) AS latency_histogram
       FROM events
       GROUP BY ALL
       ORDER BY tenant_id, period_start`,
      ],
    },
  ];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
