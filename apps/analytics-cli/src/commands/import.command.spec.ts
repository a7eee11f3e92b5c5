import { jest } from '@jest/globals';
import { DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli-arguments';
import { importCommand } from './import.command';

const FIXTURES = join(process.cwd(), 'test/fixtures/gateway-logs');
const NGINX_LOG = join(FIXTURES, 'elastic-beats-nginx-ingress_test.log');
const HAPROXY_LOG = join(FIXTURES, 'lnav_logfile_haproxy.0');
const LOG = join(FIXTURES, 'valid.ndjson');

describe('importCommand', () => {
  let directory: string;
  let storePath: string;
  let stdout: string[];
  let stderr: string[];
  const previousDuckDbPath = process.env.DUCKDB_PATH;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'import-command-'));
    storePath = join(directory, 'analytics.duckdb');
    process.env.DUCKDB_PATH = storePath;
    stdout = [];
    stderr = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((text) => stdout.push(String(text)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => stderr.push(String(text)) > 0);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    if (previousDuckDbPath === undefined) {
      delete process.env.DUCKDB_PATH;
    } else {
      process.env.DUCKDB_PATH = previousDuckDbPath;
    }
    rmSync(directory, { recursive: true, force: true });
  });

  async function countEvents(): Promise<number> {
    const store = await DuckDbStore.open(storePath, { readOnly: true });
    try {
      const rows = await store.query<{ count: number }>(
        'SELECT count(*)::INTEGER AS count FROM events',
      );
      return rows[0].count;
    } finally {
      store.close();
    }
  }

  it('reports a file it did not load', async () => {
    const status = await importCommand.run([
      '--format',
      'nginx-ingress',
      '--tenant',
      'acme',
      NGINX_LOG,
    ]);

    expect(status).toBe(1);
    expect(stdout).toEqual([
      `${NGINX_LOG}: 27 valid, 2 rejected; not loaded (a file is imported whole or not at all; fix the lines or pass --skip-invalid)\n`,
    ]);
    expect(stderr).toEqual([
      '  line 5: invalid method "PATCHp"\n',
      '  line 6: invalid method "geti"\n',
    ]);
    expect(await countEvents()).toBe(0);
  });

  it('loads both real logs with --skip-invalid', async () => {
    const nginxStatus = await importCommand.run([
      '--format',
      'nginx-ingress',
      '--tenant',
      'acme',
      '--skip-invalid',
      NGINX_LOG,
    ]);
    const haproxyStatus = await importCommand.run([
      '--format',
      'haproxy',
      '--tenant',
      'acme',
      '--timezone',
      'Europe/Berlin',
      '--skip-invalid',
      HAPROXY_LOG,
    ]);

    expect(nginxStatus).toBe(0);
    expect(haproxyStatus).toBe(0);
    expect(stdout).toEqual([
      `${NGINX_LOG}: 27 accepted, 2 rejected; loaded\n`,
      `${HAPROXY_LOG}: 13 accepted, 4 rejected; loaded\n`,
    ]);
    expect(stderr).toHaveLength(6);
    expect(stderr[2]).toBe('  line 1: not an HTTP request record\n');
    expect(await countEvents()).toBe(40);
  });

  it('returns 1 when one of several files is not loaded', async () => {
    const status = await importCommand.run([
      '--format',
      'ndjson',
      join(FIXTURES, 'valid.ndjson'),
      join(FIXTURES, 'one-invalid-line.ndjson'),
    ]);

    expect(status).toBe(1);
    expect(stdout[0]).toBe(`${join(FIXTURES, 'valid.ndjson')}: 4 accepted, 0 rejected; loaded\n`);
    expect(await countEvents()).toBe(4);
  });

  it.each([
    ['no file', ['--format', 'ndjson'], 'Missing FILE'],
    ['no format', [LOG], 'Missing --format'],
    [
      'an unknown format',
      ['--format', 'csv', LOG],
      'Invalid --format "csv": expected one of ndjson, nginx-ingress, haproxy',
    ],
    [
      'a log format without tenant',
      ['--format', 'nginx-ingress', LOG],
      'Missing --tenant: the nginx-ingress format has no tenant field',
    ],
    [
      'an invalid tenant',
      ['--format', 'haproxy', '--tenant', 'a b', LOG],
      'Invalid --tenant "a b"',
    ],
    [
      'a tenant for NDJSON',
      ['--format', 'ndjson', '--tenant', 'acme', LOG],
      '--tenant and --product apply to nginx-ingress and haproxy',
    ],
    [
      'a zone for nginx',
      ['--format', 'nginx-ingress', '--tenant', 'acme', '--timezone', 'UTC', LOG],
      '--timezone applies to haproxy only',
    ],
    [
      'an unknown zone',
      ['--format', 'haproxy', '--tenant', 'acme', '--timezone', 'Mars/Olympus', LOG],
      'Invalid --timezone "Mars/Olympus"',
    ],
    [
      'an empty product',
      ['--format', 'haproxy', '--tenant', 'acme', '--product', ' ', LOG],
      'Invalid --product: the name is empty',
    ],
    [
      'an unknown option',
      ['--format', 'haproxy', '--tenant', 'acme', '--verbose', LOG],
      "Unknown option '--verbose'",
    ],
    [
      'a missing file',
      ['--format', 'ndjson', join(FIXTURES, 'absent.ndjson')],
      'the file does not exist or is not readable',
    ],
    ['a directory', ['--format', 'ndjson', FIXTURES], 'not a regular file'],
  ])('rejects %s as a usage error', async (_case, args, message) => {
    const run = importCommand.run(args);

    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});
