import { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { StoreUnavailableError } from '@analytics/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  queryCancelledError,
  QueryLimits,
  QueryLimitsAware,
  QueryLimitsSource,
  queryPastDeadlineError,
  rejectIfOutOfLimits,
} from '../query-limits';
import { MIGRATIONS, SCHEMA_VERSION } from './duckdb-schema';

/** Thrown at open time with a message that names the file and what to do. */
export class StoreOpenError extends Error {}

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];

/**
 * The embedded DuckDB database file. DuckDB lets one process open a file for writing, so the
 * server and the CLI cannot hold it at the same time; `open` states this instead of failing obscurely.
 */
export class DuckDbStore implements QueryLimitsAware {
  private queryLimits: QueryLimitsSource = () => undefined;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  /**
   * Opens (or creates and migrates) the store. `memoryLimitMiB` bounds DuckDB's buffer memory;
   * without it DuckDB takes up to 80 % of the machine's RAM for its caches.
   */
  static async open(
    path: string,
    { readOnly = false, memoryLimitMiB }: { readOnly?: boolean; memoryLimitMiB?: number } = {},
  ): Promise<DuckDbStore> {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
    }

    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, {
        access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
        ...(memoryLimitMiB === undefined ? {} : { memory_limit: `${memoryLimitMiB}MiB` }),
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

  /**
   * Sets where `query` finds its deadline and cancellation signal. The HTTP layer passes a
   * function that reads them from the current request context; without one, queries run unbounded.
   */
  useQueryLimits(source: QueryLimitsSource): void {
    this.queryLimits = source;
  }

  /**
   * Runs a query on a connection of its own, so concurrent requests do not queue on one.
   *
   * A query past the deadline of `useQueryLimits` is interrupted and rejected with
   * `StoreTimeoutError`; any other failure, a cancellation included, is rejected with
   * `StoreUnavailableError`, whose `cause` is the DuckDB error. Neither message contains SQL.
   */
  async query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<Row[]> {
    const limits = this.queryLimits() ?? {};
    rejectIfOutOfLimits(limits);

    let connection: DuckDBConnection;
    try {
      connection = await this.instance.connect();
    } catch (error) {
      throw storeFailure('The store could not open a connection; try again later', error);
    }

    const interruption = interruptOnLimits(connection, limits);
    try {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as Row[];
    } catch (error) {
      throw describeQueryFailure(interruption.reason(), error);
    } finally {
      interruption.dispose();
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
    const rows = await this.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
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

type InterruptReason = 'deadline' | 'cancelled';

/** Interrupts the running query of `connection` at the deadline or when the signal aborts. */
function interruptOnLimits(
  connection: DuckDBConnection,
  { deadlineMs, signal }: QueryLimits,
): { reason: () => InterruptReason | undefined; dispose: () => void } {
  let reason: InterruptReason | undefined;
  const interrupt = (why: InterruptReason): void => {
    reason ??= why;
    connection.interrupt();
  };

  const timer =
    deadlineMs === undefined
      ? undefined
      : setTimeout(() => interrupt('deadline'), Math.max(0, deadlineMs - Date.now()));
  const onAbort = (): void => interrupt('cancelled');
  signal?.addEventListener('abort', onAbort, { once: true });

  return {
    reason: () => reason,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

function describeQueryFailure(reason: InterruptReason | undefined, error: unknown): Error {
  if (reason === 'deadline') {
    return withCause(queryPastDeadlineError(), error);
  }
  if (reason === 'cancelled') {
    return withCause(queryCancelledError(), error);
  }
  return storeFailure('The store could not run the query; try again later', error);
}

function storeFailure(message: string, cause: unknown): StoreUnavailableError {
  return withCause(new StoreUnavailableError(message), cause);
}

/** Keeps the DuckDB error for the log; the message that reaches the client stays generic. */
function withCause<E extends Error>(error: E, cause: unknown): E {
  error.cause = cause;
  return error;
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
