import { parseRequestLine } from './request-line';

describe('parseRequestLine', () => {
  it('parses method, path and query', () => {
    expect(
      parseRequestLine('GET /products/42?address=delhi+technological+university HTTP/1.1'),
    ).toEqual({
      method: 'GET',
      endpoint: '/products/42',
      params: { address: 'delhi technological university' },
    });
  });

  it('accepts HTTP/2.0', () => {
    expect(parseRequestLine('GET /favicon.ico HTTP/2.0')).toEqual({
      method: 'GET',
      endpoint: '/favicon.ico',
      params: {},
    });
  });

  it('rejects invalid methods', () => {
    expect(parseRequestLine('PATCHp /products/42 HTTP/1.1')).toEqual({
      reason: 'invalid method "PATCHp"',
    });
    expect(parseRequestLine('geti /products/42 HTTP/1.1')).toEqual({
      reason: 'invalid method "geti"',
    });
    expect(parseRequestLine('<BADREQ> / HTTP/1.1')).toEqual({
      reason: 'invalid method "<BADREQ>"',
    });
  });

  it('rejects a request without a protocol', () => {
    expect(parseRequestLine('-')).toEqual({ reason: 'malformed request line "-"' });
    expect(parseRequestLine('GET /')).toEqual({ reason: 'malformed request line "GET /"' });
  });
});
