import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { seedDemoData } from '@analytics/ingest';
import { DuckDbStore, StoreOpenError } from '@analytics/store';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();
  const store = await DuckDbStore.open(config.duckDbPath);
  logger.log(`Store ${config.duckDbPath} open (schema version ${await store.schemaVersion()})`);

  if (config.demoData && (await isEmpty(store))) {
    logger.log('The store has no events; loading demo data (DEMO_DATA=false skips this)');
    const result = await seedDemoData(store, {});
    logger.log(`Loaded ${result.events} demo events for ${result.tenants.length} tenants in ${(result.durationMs / 1000).toFixed(1)} s; tenants: ${result.tenants.join(', ')}`);
  }

  const app = await createApp(config, store);
  await app.listen(config.port, config.host);
  logger.log(`Usage Analytics API listening on http://${config.host}:${config.port} (docs at /docs)`);
}

async function isEmpty(store: DuckDbStore): Promise<boolean> {
  const rows = await store.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM events) AS found');
  return !rows[0].found;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoreOpenError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
