import { EVENTS_TABLE } from './duckdb-schema';
import { DuckDbStore } from './duckdb-store';
import { ROLLUP_GRAINS } from './rollup-tables';

/** Deletes every event and every rollup row in one transaction, so no rollup outlives its events. */
export async function deleteAllEvents(store: DuckDbStore): Promise<void> {
  await store.transaction(async (connection) => {
    await connection.run(`DELETE FROM ${EVENTS_TABLE}`);
    for (const grain of ROLLUP_GRAINS) {
      await connection.run(`DELETE FROM ${grain.table}`);
    }
  });
}
