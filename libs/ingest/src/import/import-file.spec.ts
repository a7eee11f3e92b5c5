import { Clock } from '@analytics/common';
import { DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, ImportOptions } from './import-file';

const FIXTURES = join(process.cwd(), 'test/fixtures/gateway-logs');
const NGINX_LOG = join(FIXTURES, 'elastic-beats-nginx-ingress_test.log');
const HAPROXY_LOG = join(FIXTURES, 'lnav_logfile_haproxy.0');
const IMPORT_TIME_MS = Date.parse('2026-03-05T12:00:00Z');

class FixedClock extends Clock {
  override nowMs(): number {
    return IMPORT_TIME_MS;
  }
}

const NGINX: ImportOptions = { format: 'nginx-ingress', tenantId: 'acme', clock: new FixedClock() };
const HAPROXY: ImportOptions = { format: 'haproxy', tenantId: 'acme', clock: new FixedClock() };
const NDJSON: ImportOptions = { format: 'ndjson', clock: new FixedClock() };

describe('importFile', () => {
  let directory: string;
  let store: DuckDbStore;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'import-file-'));
    store = await DuckDbStore.open(join(directory, 'analytics.duckdb'));
  });

  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function countEvents(where = 'true'): Promise<number> {
    const rows = await store.query<{ count: number }>(
      `SELECT count(*)::INTEGER AS count FROM events WHERE ${where}`,
    );
    return rows[0].count;
  }

  function writeLines(name: string, lines: string[]): string {
    const file = join(directory, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  function ndjsonRecord(second: number, durationMs: number): string {
    const timestamp = new Date(Date.parse('2026-03-03T00:00:00Z') + second * 1000).toISOString();
    return JSON.stringify({
      timestamp,
      tenantId: 'acme',
      product: 'search',
      endpoint: '/search',
      statusCode: 200,
      durationMs,
    });
  }

  it('loads nothing from the nginx log', async () => {
    const report = await importFile(store, NGINX_LOG, NGINX);

    expect(report).toEqual({
      file: NGINX_LOG,
      format: 'nginx-ingress',
      accepted: 0,
      valid: 27,
      rejected: [
        { line: 5, reason: 'invalid method "PATCHp"' },
        { line: 6, reason: 'invalid method "geti"' },
      ],
      rejectedCount: 2,
      loaded: false,
    });
    expect(await countEvents()).toBe(0);
  });

  it('loads the 27 valid nginx lines with skipInvalid', async () => {
    const report = await importFile(store, NGINX_LOG, { ...NGINX, skipInvalid: true });

    expect(report.accepted).toBe(27);
    expect(report.loaded).toBe(true);
    expect(report.rejected.map((rejection) => rejection.line)).toEqual([5, 6]);
    expect(await countEvents()).toBe(27);
    expect(
      await countEvents("tenant_id = 'acme' AND api_key_id = 'unknown' AND region = 'unknown'"),
    ).toBe(27);
    expect(await countEvents("product = 'default-web-8080'")).toBe(17);
    expect(await countEvents("product = 'default-web2-8080'")).toBe(7);
    expect(await countEvents("product = 'localhost-8080'")).toBe(2);
    expect(await countEvents("timestamp >= TIMESTAMPTZ '2022-01-01 00:00:00Z'")).toBe(3);
    expect(await countEvents("ingested_at = TIMESTAMPTZ '2026-03-05 12:00:00Z'")).toBe(27);
  });

  it('stores nginx durations in milliseconds', async () => {
    await importFile(store, NGINX_LOG, { ...NGINX, skipInvalid: true });

    const rows = await store.query<{ total: number; longest: number }>(
      'SELECT sum(duration_ms) AS total, max(duration_ms) AS longest FROM events',
    );

    expect(rows[0].longest).toBe(33);
    expect(rows[0].total).toBe(57);
  });

  it('lists the non-request haproxy lines', async () => {
    const report = await importFile(store, HAPROXY_LOG, HAPROXY);

    expect(report).toEqual({
      file: HAPROXY_LOG,
      format: 'haproxy',
      accepted: 0,
      valid: 13,
      rejected: [1, 2, 3, 14].map((line) => ({ line, reason: 'not an HTTP request record' })),
      rejectedCount: 4,
      loaded: false,
    });
    expect(await countEvents()).toBe(0);
  });

  it('loads the 13 haproxy requests with skipInvalid', async () => {
    const report = await importFile(store, HAPROXY_LOG, { ...HAPROXY, skipInvalid: true });

    expect(report.accepted).toBe(13);
    expect(await countEvents()).toBe(13);
    expect(await countEvents("product = 'bk_ktest_sonst'")).toBe(5);
    expect(await countEvents("params['ajax'] = '1'")).toBe(2);
  });

  it('shifts haproxy times by the time zone', async () => {
    await importFile(store, HAPROXY_LOG, { ...HAPROXY, skipInvalid: true, tenantId: 'utc' });
    await importFile(store, HAPROXY_LOG, {
      ...HAPROXY,
      skipInvalid: true,
      tenantId: 'berlin',
      timeZone: 'Europe/Berlin',
    });

    const rows = await store.query<{ tenant: string; first: number }>(
      'SELECT tenant_id AS tenant, epoch_ms(min(timestamp))::DOUBLE AS first FROM events GROUP BY tenant_id ORDER BY tenant_id',
    );

    expect(rows).toEqual([
      { tenant: 'berlin', first: Date.parse('2019-02-25T15:19:48.143Z') },
      { tenant: 'utc', first: Date.parse('2019-02-25T16:19:48.143Z') },
    ]);
  });

  it('loads a valid NDJSON file with every field', async () => {
    const file = join(FIXTURES, 'valid.ndjson');

    const report = await importFile(store, file, NDJSON);
    const rows = await store.query(
      `SELECT epoch_ms(timestamp)::DOUBLE AS timestamp, tenant_id, api_key_id, product, endpoint, method, status_code,
              duration_ms, request_bytes::INTEGER AS request_bytes, response_bytes::INTEGER AS response_bytes,
              transactions, region, to_json(params)::VARCHAR AS params
       FROM events WHERE api_key_id = 'key-1'`,
    );

    expect(report).toMatchObject({
      accepted: 4,
      valid: 4,
      rejected: [],
      rejectedCount: 0,
      loaded: true,
    });
    expect(rows).toEqual([
      {
        timestamp: Date.parse('2026-03-02T09:15:00.250Z'),
        tenant_id: 'acme',
        api_key_id: 'key-1',
        product: 'search',
        endpoint: '/search/2/geocode/{query}.json',
        method: 'GET',
        status_code: 200,
        duration_ms: 42.5,
        request_bytes: 310,
        response_bytes: 2048,
        transactions: 2,
        region: 'westeurope',
        params: '{"countrySet":"NL","limit":"5"}',
      },
    ]);
    expect(await countEvents("tenant_id = 'globex'")).toBe(2);
  });

  it('loads nothing when one NDJSON line is invalid', async () => {
    const report = await importFile(store, join(FIXTURES, 'one-invalid-line.ndjson'), NDJSON);

    expect(report.accepted).toBe(0);
    expect(report.valid).toBe(4);
    expect(report.loaded).toBe(false);
    expect(report.rejected).toEqual([
      { line: 3, reason: 'invalid "durationMs" -5: expected a number >= 0' },
    ]);
    expect(await countEvents()).toBe(0);
  });

  it('loads the other NDJSON lines with skipInvalid', async () => {
    const report = await importFile(store, join(FIXTURES, 'one-invalid-line.ndjson'), {
      ...NDJSON,
      skipInvalid: true,
    });

    expect(report.accepted).toBe(4);
    expect(report.loaded).toBe(true);
    expect(report.rejected).toEqual([
      { line: 3, reason: 'invalid "durationMs" -5: expected a number >= 0' },
    ]);
    expect(await countEvents()).toBe(4);
  });

  it('discards earlier batches on a late bad line', async () => {
    const lines = Array.from({ length: 25_000 }, (_, index) => ndjsonRecord(index, 5));
    const file = writeLines('large.ndjson', [...lines, ndjsonRecord(25_000, -1)]);

    const report = await importFile(store, file, NDJSON);

    expect(report).toMatchObject({ accepted: 0, valid: 25_000, loaded: false, rejectedCount: 1 });
    expect(report.rejected).toEqual([
      { line: 25_001, reason: 'invalid "durationMs" -1: expected a number >= 0' },
    ]);
    expect(await countEvents()).toBe(0);
  });

  it('loads every batch of a large file', async () => {
    const lines = Array.from({ length: 25_000 }, (_, index) => ndjsonRecord(index, 5));
    const file = writeLines('large.ndjson', lines);

    const report = await importFile(store, file, NDJSON);

    expect(report.accepted).toBe(25_000);
    expect(await countEvents()).toBe(25_000);
  });

  it('numbers lines across blank lines and CRLF ends', async () => {
    const file = join(directory, 'crlf.ndjson');
    writeFileSync(
      file,
      `\uFEFF${ndjsonRecord(0, 1)}\r\n\r\n   \r\n${ndjsonRecord(1, -1)}\r\n${ndjsonRecord(2, 1)}\r\n`,
    );

    const report = await importFile(store, file, NDJSON);

    expect(report.valid).toBe(2);
    expect(report.rejected).toEqual([
      { line: 4, reason: 'invalid "durationMs" -1: expected a number >= 0' },
    ]);
  });

  it('lists the first 1000 rejected lines and counts all', async () => {
    const file = writeLines(
      'bad.ndjson',
      Array.from({ length: 1005 }, () => '{}'),
    );

    const report = await importFile(store, file, NDJSON);

    expect(report.rejected).toHaveLength(1000);
    expect(report.rejected[999]).toEqual({ line: 1000, reason: 'missing field "timestamp"' });
    expect(report.rejectedCount).toBe(1005);
    expect(report.loaded).toBe(false);
  });

  it('loads an empty file as zero events', async () => {
    const file = writeLines('empty.ndjson', ['']);

    const report = await importFile(store, file, NDJSON);

    expect(report).toMatchObject({ accepted: 0, valid: 0, rejectedCount: 0, loaded: true });
  });

  it('throws for a log format without a tenant', async () => {
    await expect(importFile(store, NGINX_LOG, { format: 'nginx-ingress' })).rejects.toThrow(
      'The nginx-ingress format has no tenant field, so the import needs a tenant id',
    );
  });

  it('throws for an invalid tenant id', async () => {
    await expect(importFile(store, NGINX_LOG, { ...NGINX, tenantId: 'a b' })).rejects.toThrow(
      'Invalid tenant id "a b"',
    );
  });

  it('throws for an unknown time zone', async () => {
    await expect(
      importFile(store, HAPROXY_LOG, { ...HAPROXY, timeZone: 'Mars/Olympus' }),
    ).rejects.toThrow('Unknown time zone "Mars/Olympus"');
  });

  it('throws for a missing file', async () => {
    await expect(importFile(store, join(directory, 'absent.log'), NDJSON)).rejects.toThrow(
      'ENOENT',
    );
  });
});
