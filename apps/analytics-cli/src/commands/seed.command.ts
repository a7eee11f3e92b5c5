import { seedDemoData } from '@analytics/ingest';
import { seedDemoQuotas } from '@analytics/reports/quota';
import { DuckDbStore, EVENTS_TABLE, storePathsFromEnv } from '@analytics/store';
import { parseCommandArguments, parsePositiveInteger, UsageError } from '../cli-arguments';
import { Command } from '../command';

const DEFAULT_EVENTS = 2_100_000;
const DEFAULT_DAYS = 90;
const DEFAULT_SEED = 42;
// The same limits as seedDemoData's, checked here so that a bad value is a usage error.
const MAX_DAYS = 3650;
const MAX_SEED = 0xffffffff;

const HELP = `Usage: analytics-cli seed [--events N] [--days D] [--seed S] [--reset]

Writes deterministic demo data into the store at DUCKDB_PATH (default DATA_DIR/analytics.duckdb)
and prints the ids of the tenants it created, one per line, the biggest first.

  --events N   number of events to write (default ${DEFAULT_EVENTS})
  --days D     length of the period in days, ending at the start of the current UTC hour (default ${DEFAULT_DAYS}, at most ${MAX_DAYS})
  --seed S     seed of the random generator; the same options in the same hour give the same data (default ${DEFAULT_SEED})
  --reset      delete all existing events first; required when the store already has events`;

export const seedCommand: Command = {
  help: HELP,
  run: async (args) => {
    const { values, positionals } = parseCommandArguments(args, {
      events: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) {
      throw new UsageError(`seed takes no positional arguments, got "${positionals.join(' ')}"`);
    }

    const events = parsePositiveInteger('events', values.events, DEFAULT_EVENTS);
    const days = parsePositiveInteger('days', values.days, DEFAULT_DAYS);
    const seed = parsePositiveInteger('seed', values.seed, DEFAULT_SEED);
    if (days > MAX_DAYS) {
      throw new UsageError(`--days must be at most ${MAX_DAYS}, got ${days}`);
    }
    if (seed > MAX_SEED) {
      throw new UsageError(`--seed must be at most ${MAX_SEED}, got ${seed}`);
    }

    const store = await DuckDbStore.open(storePathsFromEnv().duckDbPath);
    try {
      const existing = await countEvents(store);
      if (existing > 0 && !values.reset) {
        process.stderr.write(
          `The store ${store.path} already has ${existing} events, and seeding again would add a second copy. ` +
            'Pass --reset to delete them and seed afresh.\n',
        );
        return 1;
      }

      const result = await seedDemoData(store, { events, days, seed, reset: values.reset });
      // Plans are assigned only when the store has no quota records yet, so managers' changes survive a reseed.
      await seedDemoQuotas(store, { nowMs: result.toMs });

      process.stdout.write(result.tenants.map((tenant) => `${tenant}\n`).join(''));
      const replaced = existing > 0 ? `, replacing ${existing} events` : '';
      process.stderr.write(
        `Seeded ${result.events} events for ${result.tenants.length} tenants over ${days} days ` +
          `(${new Date(result.fromMs).toISOString()} to ${new Date(result.toMs).toISOString()}) ` +
          `in ${(result.durationMs / 1000).toFixed(1)} s into ${store.path}${replaced}.\n`,
      );
      return 0;
    } finally {
      store.close();
    }
  },
};

async function countEvents(store: DuckDbStore): Promise<number> {
  const rows = await store.query<{ count: bigint | number }>(
    `SELECT count(*) AS count FROM ${EVENTS_TABLE}`,
  );
  return Number(rows[0]?.count ?? 0);
}
