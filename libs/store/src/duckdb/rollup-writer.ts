import { DuckDBConnection } from '@duckdb/node-api';
import {
  ROLLUP_COLUMNS,
  ROLLUP_GRAINS,
  ROLLUP_KEY_COLUMNS,
  rollupAggregateSql,
  RollupGrain,
} from './rollup-tables';

const DELTA = 'rollup_delta';
const PREVIOUS = 'rollup_previous';

/**
 * Adds the events of `stagedTable` to every rollup table, on the connection of the transaction
 * that inserts them into the events table, so events and rollups change together. Rows of a
 * period and key that already exist are merged with the new ones: counts add up and histograms
 * add bin by bin.
 */
export async function mergeIntoRollups(
  connection: DuckDBConnection,
  stagedTable: string,
): Promise<void> {
  for (const grain of ROLLUP_GRAINS) {
    await mergeIntoRollup(connection, stagedTable, grain);
  }
}

async function mergeIntoRollup(
  connection: DuckDBConnection,
  stagedTable: string,
  grain: RollupGrain,
): Promise<void> {
  const columns = ROLLUP_COLUMNS.join(', ');
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${DELTA} AS ${rollupAggregateSql(stagedTable, grain)}`,
  );

  // Only the periods of the new events can collide; the range lets DuckDB skip the row groups of
  // other periods by their min/max statistics.
  const keyMatch = ROLLUP_KEY_COLUMNS.map(
    (column) => `existing.${column} = ${DELTA}.${column}`,
  ).join(' AND ');
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${PREVIOUS} AS
     SELECT existing.* FROM ${grain.table} AS existing
     WHERE existing.period_start BETWEEN (SELECT min(period_start) FROM ${DELTA}) AND (SELECT max(period_start) FROM ${DELTA})
       AND EXISTS (SELECT 1 FROM ${DELTA} WHERE ${keyMatch})`,
  );

  const previousRows = await connection.runAndReadAll(`SELECT count(*) AS count FROM ${PREVIOUS}`);
  const collisions = Number(previousRows.getRowObjectsJS()[0]?.count ?? 0);

  if (collisions === 0) {
    await connection.run(
      `INSERT INTO ${grain.table} (${columns}) SELECT ${columns} FROM ${DELTA} ORDER BY tenant_id, period_start`,
    );
  } else {
    const previousMatch = ROLLUP_KEY_COLUMNS.map(
      (column) => `${grain.table}.${column} = ${PREVIOUS}.${column}`,
    ).join(' AND ');
    await connection.run(`DELETE FROM ${grain.table} USING ${PREVIOUS} WHERE ${previousMatch}`);
    await connection.run(`INSERT INTO ${grain.table} (${columns}) ${mergedRowsSql()}`);
  }

  await connection.run(`DROP TABLE ${DELTA}`);
  await connection.run(`DROP TABLE ${PREVIOUS}`);
}

/** Sums the delta and the previous rows per key, histograms bin by bin, and keeps the extremes. */
function mergedRowsSql(): string {
  const keys = ROLLUP_KEY_COLUMNS.join(', ');
  return `
    WITH combined AS (
      SELECT * FROM ${PREVIOUS} UNION ALL SELECT * FROM ${DELTA}
    ),
    counts AS (
      SELECT ${keys}, any_value(status_class) AS status_class, sum(calls) AS calls, sum(client_errors) AS client_errors,
             sum(server_errors) AS server_errors, sum(transactions) AS transactions,
             min(min_duration_ms) AS min_duration_ms, max(max_duration_ms) AS max_duration_ms
      FROM combined GROUP BY ${keys}
    ),
    bins AS (
      SELECT ${keys}, bin, sum(samples) AS samples
      FROM (SELECT ${keys}, unnest(map_keys(latency_histogram)) AS bin, unnest(map_values(latency_histogram)) AS samples FROM combined)
      GROUP BY ${keys}, bin
    ),
    histograms AS (
      SELECT ${keys}, CAST(map_from_entries(list((bin, samples) ORDER BY bin)) AS MAP(SMALLINT, BIGINT)) AS latency_histogram
      FROM bins GROUP BY ${keys}
    )
    SELECT ${ROLLUP_COLUMNS.join(', ')}
    FROM counts JOIN histograms USING (${keys})
    ORDER BY tenant_id, period_start`;
}
