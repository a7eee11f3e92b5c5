import { jest } from '@jest/globals';
import { DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli-arguments';
import { seedCommand } from './seed.command';

let directory: string;
let stdout: string;
let stderr: string;
const savedPath = process.env.DUCKDB_PATH;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'seed-command-'));
  process.env.DUCKDB_PATH = join(directory, 'analytics.duckdb');
  stdout = '';
  stderr = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env.DUCKDB_PATH = savedPath;
  if (savedPath === undefined) {
    delete process.env.DUCKDB_PATH;
  }
  rmSync(directory, { recursive: true, force: true });
});

async function countEvents(): Promise<number> {
  const store = await DuckDbStore.open(process.env.DUCKDB_PATH ?? '');
  try {
    const rows = await store.query<{ count: bigint }>('SELECT count(*) AS count FROM events');
    return Number(rows[0].count);
  } finally {
    store.close();
  }
}

describe('seed command', () => {
  it('prints one tenant id per line', async () => {
    const status = await seedCommand.run(['--events', '3000', '--days', '2']);
    const tenants = stdout.trimEnd().split('\n');

    expect(status).toBe(0);
    expect(tenants.length).toBeGreaterThanOrEqual(20);
    expect(tenants[0]).toBe('acme-logistics');
    expect(stderr).toContain('Seeded 3000 events for');
    expect(stderr).toContain('over 2 days');
    expect(await countEvents()).toBe(3000);
  });

  it('rejects a second seed without --reset', async () => {
    await seedCommand.run(['--events', '1000', '--days', '1']);
    stdout = '';
    stderr = '';

    const status = await seedCommand.run(['--events', '1000', '--days', '1']);

    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('already has 1000 events');
    expect(stderr).toContain('Pass --reset');
    expect(await countEvents()).toBe(1000);
  });

  it('replaces existing events with --reset', async () => {
    await seedCommand.run(['--events', '1000', '--days', '1']);

    const status = await seedCommand.run(['--events', '1500', '--days', '1', '--reset']);

    expect(status).toBe(0);
    expect(stderr).toContain('replacing 1000 events');
    expect(await countEvents()).toBe(1500);
  });

  it('rejects invalid option values', async () => {
    await expect(seedCommand.run(['--events', '0'])).rejects.toThrow(UsageError);
    await expect(seedCommand.run(['--days', '3651'])).rejects.toThrow(
      '--days must be at most 3650, got 3651',
    );
    await expect(seedCommand.run(['--seed', '4294967296'])).rejects.toThrow(
      '--seed must be at most 4294967295',
    );
    await expect(seedCommand.run(['--colour'])).rejects.toThrow(UsageError);
    await expect(seedCommand.run(['extra'])).rejects.toThrow('seed takes no positional arguments');
  });
});
