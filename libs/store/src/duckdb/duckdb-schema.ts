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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
