import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHaproxyLine } from './haproxy.parser';
import { LineParserOptions } from './line-parser';

const LOG = readFileSync(
  join(process.cwd(), 'test/fixtures/gateway-logs/lnav_logfile_haproxy.0'),
  'utf8',
);
const LINES = LOG.trimEnd().split('\n');
const OPTIONS: LineParserOptions = {
  tenantId: 'acme',
  timeZone: 'UTC',
  ingestedAtMs: Date.parse('2026-03-01T00:00:00Z'),
};

function parseLine(lineNumber: number, options: LineParserOptions = OPTIONS) {
  return parseHaproxyLine(LINES[lineNumber - 1], lineNumber, options);
}

describe('parseHaproxyLine', () => {
  it('parses the first request record', () => {
    expect(parseLine(4)).toEqual({
      event: {
        timestampMs: Date.parse('2019-02-25T16:19:48.143Z'),
        ingestedAtMs: Date.parse('2026-03-01T00:00:00Z'),
        tenantId: 'acme',
        apiKeyId: 'unknown',
        product: 'bk_admin',
        endpoint: '/admin/colt/administration',
        method: 'GET',
        statusCode: 200,
        durationMs: 1487,
        requestBytes: 0,
        responseBytes: 11394,
        transactions: 1,
        region: 'unknown',
        params: { survey: '130', input_stats: '1', ajax: '1', refresh: '1', ihandle: '1' },
      },
    });
  });

  it('reads accept_date in the given time zone', () => {
    expect(parseLine(4, { ...OPTIONS, timeZone: 'Europe/Berlin' })).toMatchObject({
      event: { timestampMs: Date.parse('2019-02-25T15:19:48.143Z') },
    });
  });

  it('uses Tt, the fifth timer, as the duration', () => {
    expect(parseLine(9)).toMatchObject({ event: { durationMs: 2707, responseBytes: 26170 } });
  });

  it('parses a POST with its query', () => {
    expect(parseLine(5)).toMatchObject({
      event: {
        method: 'POST',
        endpoint: '/portal/',
        product: 'bk_ktest_kt',
        durationMs: 62,
        params: { Script: '934', onlinetest: 'speichereKorrektur', anm: '20001' },
      },
    });
  });

  it('reads a bare cache-busting token as a name', () => {
    expect(parseLine(12)).toMatchObject({
      event: {
        endpoint: '/media/core/bootstrap_3.3.7/css/bootstrap.css',
        product: 'bk_ktest_sonst',
        params: { '1550939643': '' },
      },
    });
  });

  it('reads out-of-order records as logged', () => {
    expect(parseLine(13)).toMatchObject({
      event: { timestampMs: Date.parse('2019-02-25T16:20:14.317Z') },
    });
    expect(parseLine(15)).toMatchObject({
      event: { timestampMs: Date.parse('2019-02-25T16:20:12.321Z') },
    });
  });

  it('rejects the non-request lines', () => {
    const rejected = LINES.map((line, index) => ({
      line: index + 1,
      result: parseHaproxyLine(line, index + 1, OPTIONS),
    }))
      .filter(({ result }) => 'reason' in result)
      .map(({ line, result }) => ({ line, result }));

    expect(LINES).toHaveLength(17);
    expect(rejected).toEqual(
      [1, 2, 3, 14].map((line) => ({ line, result: { reason: 'not an HTTP request record' } })),
    );
  });

  it('rejects an aborted request', () => {
    const line = LINES[3].replace('0/0/7/1457/1487', '0/0/7/-1/-1');

    expect(parseHaproxyLine(line, 4, OPTIONS)).toEqual({
      reason: 'request aborted (Tt is -1), so it has no duration',
    });
  });

  it('accepts a record without the syslog header', () => {
    const line = LINES[3].replace('Feb 25 16:19:49 192.168.4.2 haproxy[7]: ', '');

    expect(parseHaproxyLine(line, 1, OPTIONS)).toMatchObject({
      event: { durationMs: 1487, product: 'bk_admin' },
    });
  });

  it('accepts a record without captured headers', () => {
    const line = LINES[3].replace(/\{[^}]*\} \{\} /, '');

    expect(parseHaproxyLine(line, 1, OPTIONS)).toMatchObject({ event: { durationMs: 1487 } });
  });

  it('uses the product option over the backend name', () => {
    expect(parseLine(4, { ...OPTIONS, product: 'admin' })).toMatchObject({
      event: { product: 'admin' },
    });
  });

  it('rejects an invalid method', () => {
    const line = LINES[3].replace('"GET ', '"geti ');

    expect(parseHaproxyLine(line, 4, OPTIONS)).toEqual({ reason: 'invalid method "geti"' });
  });

  it('rejects a missing status code', () => {
    const line = LINES[3].replace('1487 200 11394', '1487 -1 11394');

    expect(parseHaproxyLine(line, 4, OPTIONS)).toEqual({
      reason: 'invalid status code -1: expected 100-599',
    });
  });

  it('throws without a tenant', () => {
    expect(() => parseLine(4, { timeZone: 'UTC', ingestedAtMs: 0 })).toThrow(
      'The haproxy format has no tenant field',
    );
  });
});
