import { seedDemoData } from '@analytics/ingest';
import { DuckDbStore, EVENTS_TABLE, ROLLUP_GRAINS } from '@analytics/store';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const DAY_MS = 86_400_000;
const BASE_EVENTS = 10_000_000;
const BASE_DAYS = 90;

/** A dataset on disk: a data directory with `analytics.duckdb` and the facts the harness needs. */
export interface Dataset {
  name: string;
  dataDir: string;
  events: number;
  /** End of the seeded period, exclusive; a whole UTC day. */
  endMs: number;
  /** Tenant with the most events, the one every report is asked for. */
  tenant: string;
  /** Seconds spent building it in this run; 0 when it came from the cache. */
  buildSeconds: number;
}

/**
 * Returns the 10 M and 20 M event datasets, building them under `root` when missing. The 10 M one
 * is the demo seeder's output over 90 days. The 20 M one is a copy of it plus the same events and
 * rollup rows shifted 90 days back, so it contains twice the history while the last 30 days, which
 * the reports read, stay identical. The shift is a whole number of UTC days, so the shifted
 * rollup rows are exactly the rollups of the shifted events.
 */
export async function ensureDatasets(
  root: string,
  log: (line: string) => void,
): Promise<[Dataset, Dataset]> {
  const base = await ensureBase(join(root, '10m'), log);
  const doubled = await ensureDoubled(base, join(root, '20m'), log);
  return [base, doubled];
}

async function ensureBase(dataDir: string, log: (line: string) => void): Promise<Dataset> {
  const cached = readMeta(dataDir);
  if (cached) {
    return { ...cached, buildSeconds: 0 };
  }

  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(
    `Building the ${BASE_EVENTS / 1e6} M event dataset in ${dataDir} (once; it is kept for later runs)`,
  );

  const startedAt = performance.now();
  const endMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const store = await DuckDbStore.open(join(dataDir, 'analytics.duckdb'));
  try {
    const result = await seedDemoData(store, { events: BASE_EVENTS, days: BASE_DAYS, endMs });
    await store.query('CHECKPOINT');
    const dataset: Dataset = {
      name: '10M',
      dataDir,
      events: result.events,
      endMs,
      tenant: result.tenants[0],
      buildSeconds: seconds(startedAt),
    };
    writeMeta(dataset);
    return dataset;
  } finally {
    store.close();
  }
}

async function ensureDoubled(
  base: Dataset,
  dataDir: string,
  log: (line: string) => void,
): Promise<Dataset> {
  const cached = readMeta(dataDir);
  if (cached && cached.endMs === base.endMs) {
    return { ...cached, buildSeconds: 0 };
  }

  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(
    `Building the ${(2 * base.events) / 1e6} M event dataset in ${dataDir} from the ${base.name} one`,
  );

  const startedAt = performance.now();
  copyFileSync(join(base.dataDir, 'analytics.duckdb'), join(dataDir, 'analytics.duckdb'));
  const store = await DuckDbStore.open(join(dataDir, 'analytics.duckdb'));
  try {
    const shift = `INTERVAL ${BASE_DAYS} DAY`;
    await store.transaction(async (connection) => {
      await connection.run(
        `INSERT INTO ${EVENTS_TABLE}
         SELECT * REPLACE (timestamp - ${shift} AS timestamp, ingested_at - ${shift} AS ingested_at)
         FROM ${EVENTS_TABLE} ORDER BY tenant_id, timestamp`,
      );
      for (const grain of ROLLUP_GRAINS) {
        await connection.run(
          `INSERT INTO ${grain.table} SELECT * REPLACE (period_start - ${shift} AS period_start) FROM ${grain.table} ORDER BY tenant_id, period_start`,
        );
      }
    });
    await store.query('CHECKPOINT');
    const dataset: Dataset = {
      ...base,
      name: '20M',
      dataDir,
      events: 2 * base.events,
      buildSeconds: seconds(startedAt),
    };
    writeMeta(dataset);
    return dataset;
  } finally {
    store.close();
  }
}

function readMeta(dataDir: string): Dataset | undefined {
  const file = join(dataDir, 'dataset.json');
  if (!existsSync(file) || !existsSync(join(dataDir, 'analytics.duckdb'))) {
    return undefined;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Dataset;
}

/** Written last, so an interrupted build is rebuilt on the next run. */
function writeMeta(dataset: Dataset): void {
  writeFileSync(join(dataset.dataDir, 'dataset.json'), `${JSON.stringify(dataset, null, 2)}\n`);
}

function seconds(startedAtMs: number): number {
  return Math.round((performance.now() - startedAtMs) / 100) / 10;
}
