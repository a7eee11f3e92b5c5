import 'reflect-metadata';
import { DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { buildOpenApiDocument } from './http/open-api';

/**
 * Writes the OpenAPI document the code produces to `openapi.json` (or the path given), from an
 * app built on an empty in-memory store that never listens. The committed file is what the
 * portal generates its client from; a test fails when it differs from the code.
 */
async function main(): Promise<void> {
  const output = resolve(process.argv[2] ?? 'openapi.json');
  const dataDir = mkdtempSync(join(tmpdir(), 'usage-analytics-openapi-'));

  try {
    const store = await DuckDbStore.open(':memory:');
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'false' }), store, {
      logger: false,
    });
    writeFileSync(output, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
    await app.close();
    store.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`Wrote ${output}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
