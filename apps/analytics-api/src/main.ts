import 'reflect-metadata';
import { seedDemoData } from '@analytics/ingest';
import { seedDemoQuotas } from '@analytics/reports/quota';
import { DuckDbStore, StoreOpenError } from '@analytics/store';
import { openAppStore } from './composition/app-store';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { createRootLogger } from './observability/logging';
import { exitGracefullyOnSignals } from './resilience/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger({ level: config.observability.logLevel });
  const store = await openAppStore(config);
  if (store instanceof DuckDbStore) {
    logger.info(
      { path: config.duckDbPath, schemaVersion: await store.schemaVersion() },
      'store open',
    );
  } else {
    logger.info(
      {
        cluster: config.kusto?.clusterUrl,
        database: config.kusto?.database,
        auth: config.kusto?.auth.mode,
      },
      'Kusto store configured; demo data is not loaded into Kusto',
    );
  }

  if (store instanceof DuckDbStore && config.demoData && (await isEmpty(store))) {
    logger.info('the store has no events; loading demo data (DEMO_DATA=false skips this)');
    const result = await seedDemoData(store, {});
    logger.info(
      { events: result.events, tenants: result.tenants, durationMs: Math.round(result.durationMs) },
      'demo data loaded',
    );

    const quotas = await seedDemoQuotas(store, { nowMs: Date.now() });
    logger.info(
      {
        plans: quotas.assignments.map(
          ({ tenantId, planId, intendedStatus }) => `${tenantId}=${planId}(${intendedStatus})`,
        ),
      },
      'demo plans assigned',
    );
  }

  const app = await createApp(config, store, { logger });
  exitGracefullyOnSignals({ app, store, timeoutMs: config.resilience.shutdownTimeoutMs, logger });
  await app.listen(config.port, config.host);
  logger.info(
    { url: `http://${config.host}:${config.port}`, docs: '/docs' },
    'Usage Analytics API listening',
  );
}

async function isEmpty(store: DuckDbStore): Promise<boolean> {
  const rows = await store.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM events) AS found',
  );
  return !rows[0].found;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StoreOpenError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
