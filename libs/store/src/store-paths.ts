import { join, resolve } from 'node:path';

export interface StorePaths {
  dataDir: string;
  duckDbPath: string;
}

/** Where the embedded store lives: `DUCKDB_PATH`, else `analytics.duckdb` under `DATA_DIR` (default `./data`). */
export function storePathsFromEnv(env: NodeJS.ProcessEnv = process.env): StorePaths {
  const dataDir = resolve(env.DATA_DIR || './data');
  const duckDbPath = env.DUCKDB_PATH ? resolve(env.DUCKDB_PATH) : join(dataDir, 'analytics.duckdb');
  return { dataDir, duckDbPath };
}
