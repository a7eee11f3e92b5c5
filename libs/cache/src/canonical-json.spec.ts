import { TenantScope } from '@analytics/common';
import { canonicalJson, NonCanonicalValueError } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    const text = canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } });

    expect(text).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives one text for any property order', () => {
    const first = canonicalJson({
      selection: { fromMs: 1, toMs: 2, filters: { product: ['a'] } },
      limit: 5,
    });
    const second = canonicalJson({
      limit: 5,
      selection: { filters: { product: ['a'] }, toMs: 2, fromMs: 1 },
    });

    expect(first).toBe(second);
  });

  it('keeps array order', () => {
    expect(canonicalJson(['endpoint', 'product'])).not.toBe(canonicalJson(['product', 'endpoint']));
  });

  it('drops undefined properties like JSON.stringify', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('applies toJSON', () => {
    expect(canonicalJson({ scope: TenantScope.of('acme'), at: new Date(0) })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","scope":"acme"}',
    );
  });

  it('tells 0, false, null and empty values apart', () => {
    const texts = [0, false, null, '', [], {}].map((value) => canonicalJson({ value }));

    expect(new Set(texts).size).toBe(6);
  });

  it.each([
    ['NaN', { limit: Number.NaN }, '$.limit'],
    ['an infinity', [Number.POSITIVE_INFINITY], '$[0]'],
    ['a bigint', { count: 1n }, '$.count'],
    ['a function', { f: () => 1 }, '$.f'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['a Map', { filters: new Map([['a', 1]]) }, '$.filters'],
  ])('rejects %s', (_label, value, path) => {
    expect(() => canonicalJson(value)).toThrow(NonCanonicalValueError);
    expect(() => canonicalJson(value)).toThrow(`Value at ${path} cannot be part of a cache key`);
  });

  it('rejects a cycle', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped.self = looped;

    expect(() => canonicalJson(looped)).toThrow(
      'Value at $.self cannot be part of a cache key: the value contains a cycle',
    );
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };

    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });
});
