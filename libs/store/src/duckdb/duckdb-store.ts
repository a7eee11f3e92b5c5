import { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './duckdb-schema';

/** Thrown at open time with a message that names the file and what to do. */
export class StoreOpenError extends Error {}

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];

/**
 * The embedded DuckDB database file. DuckDB lets one process open a file for writing, so the
 * server and the CLI cannot hold it at the same time; `open` says so instead of failing obscurely.
 */
export class DuckDbStore {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  static async open(path: string, { readOnly = false } = {}): Promise<DuckDbStore> {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
    }

    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, {
        access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
      });
    } catch (error) {
      throw new StoreOpenError(describeOpenFailure(path, error));
    }

    const store = new DuckDbStore(path, instance);
    // Results come back as UTC instants whatever the host's zone; local buckets are computed
    // by the application, not by DuckDB's session time zone.
    await store.query("SET GLOBAL TimeZone = 'UTC'");
    if (!readOnly) {
      await store.migrate();
    }
    return store;
  }

  /** Runs a query on a connection of its own, so concurrent requests do not queue on one. */
  async query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<Row[]> {
    const connection = await this.instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as Row[];
    } finally {
      connection.closeSync();
    }
  }

  /** Runs `work` inside one transaction: all of its statements land, or none does. */
  async transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.instance.connect();
    try {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(connection);
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
    } finally {
      connection.closeSync();
    }
  }

  async schemaVersion(): Promise<number> {
    const rows = await this.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    return rows[0]?.version ?? 0;
  }

  close(): void {
    this.instance.closeSync();
  }

  private async migrate(): Promise<void> {
    await this.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMPTZ)',
    );

    const current = await this.schemaVersion();
    if (current > SCHEMA_VERSION) {
      throw new StoreOpenError(
        `The store ${this.path} has schema version ${current}, newer than this build knows (${SCHEMA_VERSION}); ` +
          'upgrade the application or point DATA_DIR at another directory.',
      );
    }

    for (const migration of MIGRATIONS.filter((step) => step.version > current)) {
      await this.transaction(async (connection) => {
        for (const statement of migration.statements) {
          await connection.run(statement);
        }
        await connection.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [
          migration.version,
          migration.description,
        ]);
      });
    }
  }
}

function describeOpenFailure(path: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(reason)) {
    return (
      `The store ${path} is in use by another process (DuckDB allows one writer). ` +
      'Stop the server or the other command that has it open, then try again.'
    );
  }
  return `Could not open the store ${path}: ${reason}. If the file is damaged, move it away; a new store is created on the next start.`;
}
