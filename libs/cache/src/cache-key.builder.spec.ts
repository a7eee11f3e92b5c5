import { createHash } from 'node:crypto';
import { TenantScope } from '@analytics/common';
import { CacheKeyBuilder, CacheKeyParts } from './cache-key.builder';
import { NonCanonicalValueError } from './canonical-json';

const ACME = TenantScope.of('acme');

function request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    selection: { fromMs: 1_000, toMs: 2_000, filters: { product: ['maps'], apiKey: ['k1'] } },
    groupBy: ['endpoint', 'product'],
    limit: 11,
    ...overrides,
  };
}

function parts(overrides: Partial<CacheKeyParts> = {}): CacheKeyParts {
  return {
    scope: ACME,
    report: 'volume',
    method: 'series',
    schemaVersion: 1,
    args: [request()],
    ...overrides,
  };
}

describe('CacheKeyBuilder', () => {
  const keys = new CacheKeyBuilder('analytics');

  it('builds prefix, tenant, report, method, version and argument hash', () => {
    const args = [{ limit: 1 }];
    const hash = createHash('sha256').update('[{"limit":1}]').digest('hex');

    expect(keys.build(parts({ args }))).toBe(`analytics:acme:volume:series:v1:${hash}`);
  });

  it('ignores argument property order', () => {
    const reordered = {
      limit: 11,
      groupBy: ['endpoint', 'product'],
      selection: { filters: { apiKey: ['k1'], product: ['maps'] }, toMs: 2_000, fromMs: 1_000 },
    };

    expect(keys.build(parts({ args: [reordered] }))).toBe(keys.build(parts()));
  });

  it.each<[string, Partial<CacheKeyParts>]>([
    ['tenant', { scope: TenantScope.of('globex') }],
    ['report', { report: 'latency' }],
    ['method', { method: 'rankGroups' }],
    ['schema version', { schemaVersion: 2 }],
    [
      'fromMs',
      {
        args: [
          request({
            selection: {
              fromMs: 1_001,
              toMs: 2_000,
              filters: { product: ['maps'], apiKey: ['k1'] },
            },
          }),
        ],
      },
    ],
    [
      'toMs',
      {
        args: [
          request({
            selection: {
              fromMs: 1_000,
              toMs: 2_001,
              filters: { product: ['maps'], apiKey: ['k1'] },
            },
          }),
        ],
      },
    ],
    [
      'a filter value',
      {
        args: [
          request({
            selection: {
              fromMs: 1_000,
              toMs: 2_000,
              filters: { product: ['search'], apiKey: ['k1'] },
            },
          }),
        ],
      },
    ],
    [
      'a filter removed',
      {
        args: [
          request({ selection: { fromMs: 1_000, toMs: 2_000, filters: { product: ['maps'] } } }),
        ],
      },
    ],
    ['groupBy order', { args: [request({ groupBy: ['product', 'endpoint'] })] }],
    ['limit', { args: [request({ limit: 12 })] }],
    ['an added parameter', { args: [request({ order: 'calls' })] }],
    ['an added argument', { args: [request(), 5] }],
  ])('changes with the %s', (_label, change) => {
    expect(keys.build(parts(change))).not.toBe(keys.build(parts()));
  });

  it('rejects arguments without a JSON form', () => {
    expect(() => keys.build(parts({ args: [{ limit: Number.NaN }] }))).toThrow(
      NonCanonicalValueError,
    );
  });

  it('rejects a prefix with a colon', () => {
    expect(() => new CacheKeyBuilder('a:b')).toThrow(`Invalid cache key prefix "a:b"`);
  });

  it.each<[string, Partial<CacheKeyParts>, string]>([
    ['report', { report: 'vol:ume' }, 'Invalid report name "vol:ume"'],
    ['method', { method: '' }, 'Invalid method name ""'],
    ['schema version', { schemaVersion: 1.5 }, 'Invalid schema version 1.5'],
  ])('rejects an invalid %s', (_label, change, message) => {
    expect(() => keys.build(parts(change))).toThrow(message);
  });
});
