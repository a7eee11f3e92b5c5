import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineParserOptions } from './line-parser';
import { parseNdjsonLine } from './ndjson.parser';

const OPTIONS: LineParserOptions = {
  timeZone: 'UTC',
  ingestedAtMs: Date.parse('2026-03-05T00:00:00Z'),
};
const VALID_LINES = readFileSync(
  join(process.cwd(), 'test/fixtures/gateway-logs/valid.ndjson'),
  'utf8',
).split('\n');

const MINIMAL = {
  timestamp: '2026-03-02T10:00:00Z',
  tenantId: 'acme',
  product: 'search',
  endpoint: '/search/2/geocode/{query}.json',
  statusCode: 200,
  durationMs: 12.5,
};

function parseRecord(record: Record<string, unknown>) {
  return parseNdjsonLine(JSON.stringify(record), 1, OPTIONS);
}

describe('parseNdjsonLine', () => {
  it('parses a record with every field', () => {
    expect(parseNdjsonLine(VALID_LINES[0], 1, OPTIONS)).toEqual({
      event: {
        timestampMs: Date.parse('2026-03-02T09:15:00.250Z'),
        ingestedAtMs: Date.parse('2026-03-05T00:00:00Z'),
        tenantId: 'acme',
        apiKeyId: 'key-1',
        product: 'search',
        endpoint: '/search/2/geocode/{query}.json',
        method: 'GET',
        statusCode: 200,
        durationMs: 42.5,
        requestBytes: 310,
        responseBytes: 2048,
        transactions: 2,
        region: 'westeurope',
        params: { countrySet: 'NL', limit: '5' },
      },
    });
  });

  it('fills the defaults', () => {
    expect(parseRecord(MINIMAL)).toEqual({
      event: {
        timestampMs: Date.parse('2026-03-02T10:00:00Z'),
        ingestedAtMs: Date.parse('2026-03-05T00:00:00Z'),
        tenantId: 'acme',
        apiKeyId: 'unknown',
        product: 'search',
        endpoint: '/search/2/geocode/{query}.json',
        method: 'GET',
        statusCode: 200,
        durationMs: 12.5,
        requestBytes: 0,
        responseBytes: 0,
        transactions: 1,
        region: 'unknown',
        params: {},
      },
    });
  });

  it('applies the timestamp offset', () => {
    expect(parseNdjsonLine(VALID_LINES[1], 2, OPTIONS)).toMatchObject({
      event: { timestampMs: Date.parse('2026-03-02T09:00:00Z') },
    });
  });

  it.each([
    [
      'a timestamp without offset',
      { timestamp: '2026-03-02T10:00:00' },
      'invalid "timestamp" "2026-03-02T10:00:00"',
    ],
    ['a date only', { timestamp: '2026-03-02' }, 'invalid "timestamp" "2026-03-02"'],
    ['an epoch number', { timestamp: 1772445600000 }, 'invalid "timestamp" 1772445600000'],
    [
      'an impossible date',
      { timestamp: '2026-02-30T10:00:00Z' },
      'invalid "timestamp" "2026-02-30T10:00:00Z"',
    ],
  ])('rejects %s', (_case, change, reason) => {
    const result = parseRecord({ ...MINIMAL, ...change });

    expect(result).toEqual({ reason: expect.stringContaining(reason) });
    expect(result).toEqual({
      reason: expect.stringContaining('expected an RFC 3339 date-time with an offset'),
    });
  });

  it.each(['timestamp', 'tenantId', 'product', 'endpoint', 'statusCode', 'durationMs'])(
    'rejects a missing %s',
    (field) => {
      const record: Record<string, unknown> = { ...MINIMAL };
      delete record[field];

      expect(parseRecord(record)).toEqual({ reason: `missing field "${field}"` });
    },
  );

  it.each([
    [{ statusCode: 99 }, 'invalid "statusCode" 99: expected 100-599'],
    [{ statusCode: 600 }, 'invalid "statusCode" 600: expected 100-599'],
    [{ statusCode: '200' }, 'invalid "statusCode" "200": expected a whole number'],
    [{ statusCode: 200.5 }, 'invalid "statusCode" 200.5: expected a whole number'],
    [{ durationMs: -1 }, 'invalid "durationMs" -1: expected a number >= 0'],
    [{ durationMs: '12' }, 'invalid "durationMs" "12": expected a number >= 0'],
    [{ requestBytes: -1 }, 'invalid "requestBytes" -1: expected a whole number >= 0'],
    [{ responseBytes: 1.5 }, 'invalid "responseBytes" 1.5: expected a whole number >= 0'],
    [{ transactions: 0 }, 'invalid "transactions" 0: expected a whole number >= 1'],
    [{ transactions: 2.5 }, 'invalid "transactions" 2.5: expected a whole number >= 1'],
    [{ product: '' }, 'invalid "product" "": expected a non-empty string'],
    [{ endpoint: 42 }, 'invalid "endpoint" 42: expected a non-empty string'],
    [{ apiKeyId: null }, 'invalid "apiKeyId" null: expected a non-empty string'],
    [{ region: ['eu'] }, 'invalid "region" ["eu"]: expected a non-empty string'],
    [{ method: 'get' }, 'invalid "method" "get": expected an HTTP method such as GET'],
    [{ params: ['a'] }, 'invalid "params": expected an object of strings'],
    [{ params: { limit: 5 } }, 'invalid "params.limit" 5: expected a string'],
    [{ reigon: 'eu' }, 'unknown field "reigon"'],
  ])('rejects %j', (change, reason) => {
    expect(parseRecord({ ...MINIMAL, ...change })).toEqual({ reason });
  });

  it('rejects an invalid tenant id', () => {
    expect(parseRecord({ ...MINIMAL, tenantId: 'acme corp' })).toEqual({
      reason: expect.stringContaining('invalid "tenantId" "acme corp"'),
    });
  });

  it('rejects lines that are not JSON objects', () => {
    expect(parseNdjsonLine('[1,2]', 1, OPTIONS)).toEqual({ reason: 'not a JSON object' });
    expect(parseNdjsonLine('null', 1, OPTIONS)).toEqual({ reason: 'not a JSON object' });
    expect(parseNdjsonLine('"text"', 1, OPTIONS)).toEqual({ reason: 'not a JSON object' });
    expect(parseNdjsonLine('{"timestamp":', 1, OPTIONS)).toEqual({
      reason: expect.stringMatching(/^invalid JSON: /),
    });
  });

  it('truncates long parameter values', () => {
    const result = parseRecord({ ...MINIMAL, params: { q: 'z'.repeat(300) } });

    expect(result).toEqual({ event: expect.objectContaining({ params: { q: 'z'.repeat(256) } }) });
  });

  it('cuts a long value in a reason', () => {
    const result = parseRecord({ ...MINIMAL, statusCode: 'y'.repeat(500) });

    expect(result).toEqual({
      reason: `invalid "statusCode" "${'y'.repeat(79)}…: expected a whole number`,
    });
  });
});
