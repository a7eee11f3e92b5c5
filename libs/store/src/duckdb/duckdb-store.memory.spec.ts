import { DuckDbStore } from './duckdb-store';

describe('DuckDbStore memory limit', () => {
  it('applies the configured limit', async () => {
    const store = await DuckDbStore.open(':memory:', { memoryLimitMiB: 256 });
    try {
      const [row] = await store.query<{ limit: string }>(
        "SELECT current_setting('memory_limit') AS limit",
      );

      expect(row.limit).toBe('256.0 MiB');
    } finally {
      store.close();
    }
  });
});
