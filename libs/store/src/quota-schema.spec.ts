import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from './duckdb/duckdb-store';
import { QUOTA_RECORD_TABLES } from './quota-schema';

describe('quota record tables', () => {
  let directory: string;
  let store: DuckDbStore;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'quota-schema-'));
    store = await DuckDbStore.open(join(directory, 'store.duckdb'));
  });

  afterAll(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it.each(QUOTA_RECORD_TABLES.map((table) => [table.duckDbName, table] as const))(
    'migrated %s matches its description',
    async (name, table) => {
      const rows = await store.query<{ column_name: string; column_type: string; null: string }>(
        `DESCRIBE ${name}`,
      );

      // DESCRIBE spells TIMESTAMPTZ out in full.
      const normalized = rows.map((row) => [
        row.column_name,
        row.column_type.replace('TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ'),
        row.null === 'YES',
      ]);

      expect(normalized).toEqual(
        table.columns.map((column) => [column.duckDbName, column.duckDbType, column.nullable]),
      );
    },
  );
});
