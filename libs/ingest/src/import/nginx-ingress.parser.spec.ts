import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineParserOptions } from './line-parser';
import { parseNginxIngressLine } from './nginx-ingress.parser';

const LOG = readFileSync(
  join(process.cwd(), 'test/fixtures/gateway-logs/elastic-beats-nginx-ingress_test.log'),
  'utf8',
);
const LINES = LOG.trimEnd().split('\n');
const OPTIONS: LineParserOptions = {
  tenantId: 'acme',
  timeZone: 'UTC',
  ingestedAtMs: Date.parse('2026-03-01T00:00:00Z'),
};

function parseLine(lineNumber: number, options: LineParserOptions = OPTIONS) {
  return parseNginxIngressLine(LINES[lineNumber - 1], lineNumber, options);
}

describe('parseNginxIngressLine', () => {
  it('parses the first record', () => {
    expect(parseLine(1)).toEqual({
      event: {
        timestampMs: Date.parse('2020-02-07T11:48:51Z'),
        ingestedAtMs: Date.parse('2026-03-01T00:00:00Z'),
        tenantId: 'acme',
        apiKeyId: 'unknown',
        product: 'default-web-8080',
        endpoint: '/products',
        method: 'POST',
        statusCode: 200,
        durationMs: 1,
        requestBytes: 89,
        responseBytes: 59,
        transactions: 1,
        region: 'unknown',
        params: {},
      },
    });
  });

  it('converts request time from seconds to milliseconds', () => {
    const result = parseLine(25);

    expect(result).toMatchObject({ event: { durationMs: 33, method: 'POST', endpoint: '/_bulk' } });
    expect(result).toMatchObject({ event: { requestBytes: 2057, responseBytes: 470 } });
    expect(result).toMatchObject({ event: { product: 'esmon-esmon-es-http-9200' } });
  });

  it('reads a zero request time as 0 ms', () => {
    expect(parseLine(3)).toMatchObject({ event: { durationMs: 0, method: 'DELETE' } });
  });

  it('reads query parameters and strips them from the endpoint', () => {
    expect(parseLine(19)).toMatchObject({
      event: { endpoint: '/products/42', params: { address: 'delhi technological university' } },
    });
  });

  it('keeps the raw path', () => {
    expect(parseLine(24)).toMatchObject({
      event: { endpoint: '/A%20Beka%20G1%20Howe/029_AND_30/15%20reading%20elephants.mp4' },
    });
  });

  it('rejects the invalid methods', () => {
    expect(parseLine(5)).toEqual({ reason: 'invalid method "PATCHp"' });
    expect(parseLine(6)).toEqual({ reason: 'invalid method "geti"' });
  });

  it('accepts upstream lists and HTTP/2', () => {
    expect(parseLine(23)).toMatchObject({
      event: { product: 'default-web2-8080', statusCode: 200, durationMs: 1 },
    });
    expect(parseLine(27)).toMatchObject({ event: { product: 'localhost-8080', statusCode: 502 } });
    expect(parseLine(29)).toMatchObject({ event: { endpoint: '/test/test.mp4' } });
  });

  it('reads out-of-order timestamps as logged', () => {
    expect(parseLine(24)).toMatchObject({
      event: { timestampMs: Date.parse('2020-02-07T12:02:42Z') },
    });
    expect(parseLine(25)).toMatchObject({
      event: { timestampMs: Date.parse('2022-08-24T21:04:17Z') },
    });
    expect(parseLine(28)).toMatchObject({
      event: { timestampMs: Date.parse('2020-02-07T11:56:54Z') },
    });
  });

  it('applies the offset of $time_local', () => {
    const line = LINES[0].replace('+0000', '+0130');

    expect(parseNginxIngressLine(line, 1, OPTIONS)).toMatchObject({
      event: { timestampMs: Date.parse('2020-02-07T10:18:51Z') },
    });
  });

  it('accepts every record except the two invalid methods', () => {
    const rejected = LINES.map((line, index) => ({
      line: index + 1,
      result: parseNginxIngressLine(line, index + 1, OPTIONS),
    }))
      .filter(({ result }) => 'reason' in result)
      .map(({ line }) => line);

    expect(LINES).toHaveLength(29);
    expect(rejected).toEqual([5, 6]);
  });

  it('uses the product option over the upstream name', () => {
    expect(parseLine(1, { ...OPTIONS, product: 'catalog' })).toMatchObject({
      event: { product: 'catalog' },
    });
  });

  it('uses unknown for an empty upstream name', () => {
    const line = LINES[0].replace('[default-web-8080]', '[]');

    expect(parseNginxIngressLine(line, 1, OPTIONS)).toMatchObject({
      event: { product: 'unknown' },
    });
  });

  it('rejects other text', () => {
    expect(parseNginxIngressLine('hello world', 1, OPTIONS)).toEqual({
      reason: 'not an ingress-nginx access log record',
    });
  });

  it('rejects an invalid status code', () => {
    const line = LINES[0].replace('" 200 59 "', '" 999 59 "');

    expect(parseNginxIngressLine(line, 1, OPTIONS)).toEqual({
      reason: 'invalid status code 999: expected 100-599',
    });
  });

  it('rejects an invalid date', () => {
    const line = LINES[0].replace('07/Feb/2020', '31/Feb/2020');

    expect(parseNginxIngressLine(line, 1, OPTIONS)).toEqual({
      reason: 'invalid time "31/Feb/2020:11:48:51 +0000": expected e.g. 07/Feb/2020:11:48:51 +0000',
    });
  });

  it('throws without a tenant', () => {
    expect(() => parseLine(1, { timeZone: 'UTC', ingestedAtMs: 0 })).toThrow(
      'The nginx-ingress format has no tenant field',
    );
  });
});
