import { DuckDbStore, StoreOpenError } from '@analytics/store';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnBuiltServer } from './support/built-server';

/** Opens the DuckDB file given as argument in another process and keeps it open until killed. */
const HOLD_FILE = `
  const { DuckDBInstance } = require('@duckdb/node-api');
  DuckDBInstance.create(process.argv[1]).then(() => { process.stdout.write('holding\\n'); setInterval(() => undefined, 1000); });
`;

describe('store open failures', () => {
  let dataDir: string;
  let file: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'usage-analytics-open-'));
    file = join(dataDir, 'analytics.duckdb');
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('file locked by another process names the file and the fix', async () => {
    const holder = spawn(process.execPath, ['-e', HOLD_FILE, file], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));

      const error = await DuckDbStore.open(file).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toBe(
        `The store ${file} is in use by another process (DuckDB allows one writer). Stop the server or the other command that has it open, then try again.`,
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('file of random bytes names the file and the fix', async () => {
    writeFileSync(file, randomBytes(64 * 1024));

    const error = await DuckDbStore.open(file).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain(`Could not open the store ${file}: `);
    expect((error as Error).message).toContain(
      'If the file is damaged, move it away; a new store is created on the next start.',
    );
  });

  it('built server exits 1 on a damaged file', async () => {
    writeFileSync(file, randomBytes(64 * 1024));

    const server = spawnBuiltServer({ DATA_DIR: dataDir, PORT: '0' });
    const exit = await server.exited;

    expect(exit.code).toBe(1);
    expect(server.stderr()).toContain(`Could not open the store ${file}: `);
    expect(server.stderr()).not.toContain('    at ');
  });
});
