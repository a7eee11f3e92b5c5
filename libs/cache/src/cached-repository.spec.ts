import { Clock, TenantScope } from '@analytics/common';
import { createClient } from '@keyv/redis';
import { FreshnessPolicy } from '@analytics/reports/shared';
import { CacheKeyBuilder } from './cache-key.builder';
import { CacheOutcomeEvent, collectCacheOutcomes } from './cache-outcome';
import { cachedRepository, CachedRepositoryOptions } from './cached-repository';
import { createFailOpenCache } from './cache-store.factory';
import { FailOpenCache } from './fail-open-cache';
import { freshnessTtl } from './freshness-ttl';
import {
  CountingReportAdapter,
  ExampleReportPort,
  ExampleRequest,
  RecordingLogger,
  SettableClock,
} from './testing/example-report.port';
import {
  chooseTestRedis,
  describeWithRedis,
  openTestRedis,
  TestRedis,
  uniqueTestPrefix,
} from './testing/test-redis';

const ACME = TenantScope.of('acme');
const GLOBEX = TenantScope.of('globex');
const SECOND_MS = 1_000;
const HOUR_MS = 3_600_000;

const PREFIX = uniqueTestPrefix('repository');
const redisChoice = chooseTestRedis();
let redis: TestRedis | null = null;

function redisUrl(): string {
  if (!redis) throw new Error('The test Redis was not opened');
  return redis.url;
}

function request(overrides: Partial<ExampleRequest> = {}): ExampleRequest {
  return {
    selection: { fromMs: 0, toMs: HOUR_MS, filters: { product: ['maps'] } },
    groupBy: ['endpoint'],
    limit: 11,
    ...overrides,
  };
}

interface Harness {
  adapter: CountingReportAdapter;
  port: ExampleReportPort;
  cache: FailOpenCache;
  keys: CacheKeyBuilder;
  clock: SettableClock;
  events: CacheOutcomeEvent[];
}

let harnessCount = 0;
const openCaches: FailOpenCache[] = [];

afterEach(async () => {
  await Promise.all(openCaches.splice(0).map((cache) => cache.close()));
});

/** Wraps a counting port with a fixed TTL of 10 s and a maximum stale age of 60 s, unless overridden. */
async function harnessFor(
  redisUrl: string | undefined,
  options: Partial<CachedRepositoryOptions> & { memoryMaxEntries?: number } = {},
): Promise<Harness> {
  harnessCount += 1;
  const keys = new CacheKeyBuilder(`${PREFIX}-${harnessCount}`);
  const cache = await createFailOpenCache(
    {
      redisUrl,
      keyPrefix: keys.prefix,
      operationTimeoutMs: 1_000,
      memoryMaxEntries: options.memoryMaxEntries ?? 100,
      failureLogIntervalMs: 60_000,
    },
    { logger: new RecordingLogger(), clock: new Clock() },
  );
  openCaches.push(cache);

  const adapter = new CountingReportAdapter();
  const clock = new SettableClock(Date.now());
  const events: CacheOutcomeEvent[] = [];
  const port = cachedRepository<ExampleReportPort>(adapter, {
    cache,
    keys,
    report: 'example',
    schemaVersion: 1,
    ttlMs: () => 10 * SECOND_MS,
    maxStaleMs: 60 * SECOND_MS,
    clock,
    onOutcome: (event) => events.push(event),
    logger: new RecordingLogger(),
    ...options,
  });
  return { adapter, port, cache, keys, clock, events };
}

function outcomes(events: CacheOutcomeEvent[]): string[] {
  return events.map((event) => event.outcome);
}

function describeCacheBehaviour(urlOf: () => string | undefined): void {
  it('answers a repeated call from the cache', async () => {
    const { adapter, port, events } = await harnessFor(urlOf());

    const first = await port.totals(ACME, request());
    const second = await port.totals(ACME, request());

    expect(first).toEqual({ tenant: 'acme', calls: 11 });
    expect(second).toEqual({ tenant: 'acme', calls: 11 });
    expect(adapter.calls).toBe(1);
    expect(outcomes(events)).toEqual(['miss', 'hit']);
  });

  it('reports the key and freshness of each call', async () => {
    const { port, keys, clock, events } = await harnessFor(urlOf());
    const expectedKey = keys.build({
      scope: ACME,
      report: 'example',
      method: 'totals',
      schemaVersion: 1,
      args: [request()],
    });

    const storedAtMs = clock.nowMs();
    await port.totals(ACME, request());
    clock.advance(4 * SECOND_MS);
    await port.totals(ACME, request());

    expect(events).toEqual([
      {
        outcome: 'miss',
        key: expectedKey,
        report: 'example',
        method: 'totals',
        tenantId: 'acme',
        collapsed: false,
        freshnessMs: 10 * SECOND_MS,
        storedAtMs,
      },
      {
        outcome: 'hit',
        key: expectedKey,
        report: 'example',
        method: 'totals',
        tenantId: 'acme',
        collapsed: false,
        freshnessMs: 6 * SECOND_MS,
        storedAtMs,
      },
    ]);
  });

  it('finds the entry whatever the argument property order', async () => {
    const { adapter, port, events } = await harnessFor(urlOf());
    const reordered = {
      limit: 11,
      groupBy: ['endpoint'],
      selection: { filters: { product: ['maps'] }, toMs: HOUR_MS, fromMs: 0 },
    };

    await port.totals(ACME, request());
    await port.totals(ACME, reordered);

    expect(adapter.calls).toBe(1);
    expect(outcomes(events)).toEqual(['miss', 'hit']);
  });

  it('misses when any parameter differs', async () => {
    const { adapter, port, events } = await harnessFor(urlOf());
    const variants = [
      request(),
      request({ limit: 12 }),
      request({ groupBy: ['product'] }),
      request({ selection: { fromMs: 1, toMs: HOUR_MS, filters: { product: ['maps'] } } }),
      request({ selection: { fromMs: 0, toMs: HOUR_MS, filters: { product: ['search'] } } }),
    ];

    for (const variant of variants) await port.totals(ACME, variant);
    await port.rankGroups(ACME, request());

    expect(adapter.calls).toBe(6);
    expect(outcomes(events)).toEqual(['miss', 'miss', 'miss', 'miss', 'miss', 'miss']);
  });

  it('never shares an entry between tenants', async () => {
    const { adapter, port, events } = await harnessFor(urlOf());

    const acmeFirst = await port.totals(ACME, request());
    const globexFirst = await port.totals(GLOBEX, request());
    const acmeSecond = await port.totals(ACME, request());
    const globexSecond = await port.totals(GLOBEX, request());

    expect(acmeFirst).toEqual({ tenant: 'acme', calls: 11 });
    expect(globexFirst).toEqual({ tenant: 'globex', calls: 11 });
    expect(acmeSecond).toEqual({ tenant: 'acme', calls: 11 });
    expect(globexSecond).toEqual({ tenant: 'globex', calls: 11 });
    expect(adapter.calls).toBe(2);
    expect(events.map((event) => `${event.tenantId}:${event.outcome}`)).toEqual([
      'acme:miss',
      'globex:miss',
      'acme:hit',
      'globex:hit',
    ]);
  });

  it('runs one query for 50 concurrent calls on a cold cache', async () => {
    const { adapter, port, events } = await harnessFor(urlOf());
    adapter.delayMs = 50;

    const results = await Promise.all(
      Array.from({ length: 50 }, () => port.totals(ACME, request())),
    );

    expect(adapter.calls).toBe(1);
    expect(results).toEqual(Array.from({ length: 50 }, () => ({ tenant: 'acme', calls: 11 })));
    expect(events.filter((event) => event.outcome === 'miss' && !event.collapsed)).toHaveLength(1);
    expect(events.filter((event) => event.outcome === 'miss' && event.collapsed)).toHaveLength(49);
  });

  it('runs a shared load once with the shared signal', async () => {
    const signals: AbortSignal[] = [];
    const { adapter, port } = await harnessFor(urlOf(), {
      cancellation: {
        current: () => new AbortController().signal,
        run: (signal, load) => {
          signals.push(signal);
          return load();
        },
      },
    });
    adapter.delayMs = 20;

    await Promise.all(Array.from({ length: 5 }, () => port.totals(ACME, request())));

    expect(adapter.calls).toBe(1);
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(false);
  });

  it('rejects every concurrent caller when the query fails', async () => {
    const { adapter, port } = await harnessFor(urlOf());
    adapter.delayMs = 20;
    adapter.failure = new Error('DuckDB is closed');

    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () => port.totals(ACME, request())),
    );

    expect(adapter.calls).toBe(1);
    expect(
      settled.map((result) =>
        result.status === 'rejected' ? (result.reason as Error).message : 'fulfilled',
      ),
    ).toEqual(Array.from({ length: 5 }, () => 'DuckDB is closed'));
  });

  it.each<[string, unknown]>([
    ['zero', 0],
    ['an empty string', ''],
    ['false', false],
    ['null', null],
    ['an empty list', []],
    ['an empty object', {}],
  ])('caches %s as a result', async (_label, value) => {
    const { adapter, port, events } = await harnessFor(urlOf());
    adapter.result = () => value;

    const first = await port.totals(ACME, request());
    const second = await port.totals(ACME, request());

    expect(first).toStrictEqual(value);
    expect(second).toStrictEqual(value);
    expect(adapter.calls).toBe(1);
    expect(outcomes(events)).toEqual(['miss', 'hit']);
  });

  it('calls the repository again once the TTL has passed', async () => {
    const { adapter, port, clock, events } = await harnessFor(urlOf());

    await port.totals(ACME, request());
    clock.advance(10 * SECOND_MS);
    await port.totals(ACME, request());

    expect(adapter.calls).toBe(2);
    expect(outcomes(events)).toEqual(['miss', 'miss']);
  });

  it('serves a stale entry within the maximum stale age when the repository fails', async () => {
    const { adapter, port, clock, events } = await harnessFor(urlOf());

    await port.totals(ACME, request());
    clock.advance(40 * SECOND_MS);
    adapter.failure = new Error('DuckDB is closed');
    const result = await port.totals(ACME, request());

    expect(result).toEqual({ tenant: 'acme', calls: 11 });
    expect(adapter.calls).toBe(2);
    expect(outcomes(events)).toEqual(['miss', 'stale']);
    expect(events[1]?.freshnessMs).toBe(-30 * SECOND_MS);
  });

  it('rejects when the only entry is past the maximum stale age', async () => {
    const { adapter, port, clock } = await harnessFor(urlOf());

    await port.totals(ACME, request());
    clock.advance(70 * SECOND_MS + 1);
    adapter.failure = new Error('DuckDB is closed');

    await expect(port.totals(ACME, request())).rejects.toThrow('DuckDB is closed');
  });

  it('passes a call without a tenant scope through', async () => {
    const { adapter, port, events } = await harnessFor(urlOf());

    await port.describeDimension('endpoint');
    const second = await port.describeDimension('endpoint');

    expect(second).toBe('dimension endpoint');
    expect(adapter.calls).toBe(2);
    expect(events).toEqual([
      {
        outcome: 'bypass',
        key: null,
        report: 'example',
        method: 'describeDimension',
        tenantId: null,
        collapsed: false,
        freshnessMs: null,
        storedAtMs: null,
      },
      {
        outcome: 'bypass',
        key: null,
        report: 'example',
        method: 'describeDimension',
        tenantId: null,
        collapsed: false,
        freshnessMs: null,
        storedAtMs: null,
      },
    ]);
  });

  it('passes a call whose arguments have no JSON form through', async () => {
    const { adapter, port, events } = await harnessFor(urlOf());
    const withNaN = request({ limit: Number.NaN });

    await port.totals(ACME, withNaN);
    await port.totals(ACME, withNaN);

    expect(adapter.calls).toBe(2);
    expect(outcomes(events)).toEqual(['bypass', 'bypass']);
  });

  it('passes a call with a zero TTL through', async () => {
    const { adapter, port, events } = await harnessFor(urlOf(), { ttlMs: () => 0 });

    await port.totals(ACME, request());
    await port.totals(ACME, request());

    expect(adapter.calls).toBe(2);
    expect(outcomes(events)).toEqual(['bypass', 'bypass']);
  });

  it('keeps the outcomes of concurrent requests apart', async () => {
    const { port } = await harnessFor(urlOf());
    await port.totals(ACME, request());

    const [warm, cold] = await Promise.all([
      collectCacheOutcomes(() => port.totals(ACME, request())),
      collectCacheOutcomes(async () => {
        await port.totals(GLOBEX, request());
        return port.rankGroups(GLOBEX, request());
      }),
    ]);

    expect(outcomes(warm.outcomes)).toEqual(['hit']);
    expect(cold.outcomes.map((event) => `${event.method}:${event.outcome}`)).toEqual([
      'totals:miss',
      'rankGroups:miss',
    ]);
    expect(cold.result).toEqual([['globex', 'endpoint']]);
  });

  it('keeps the port type for instanceof', async () => {
    const { port } = await harnessFor(urlOf());

    expect(port).toBeInstanceOf(ExampleReportPort);
  });

  it('rejects a negative maximum stale age', async () => {
    await expect(harnessFor(urlOf(), { maxStaleMs: -1 })).rejects.toThrow('Invalid maxStaleMs -1');
  });
}

describe('cachedRepository on the in-memory LRU', () => {
  describeCacheBehaviour(() => undefined);

  it('evicts the least recently used entry beyond the maximum entry count', async () => {
    const { adapter, port, events } = await harnessFor(undefined, { memoryMaxEntries: 3 });

    for (const limit of [1, 2, 3, 4]) await port.totals(ACME, request({ limit }));
    await port.totals(ACME, request({ limit: 4 }));
    await port.totals(ACME, request({ limit: 1 }));

    expect(adapter.calls).toBe(5);
    expect(outcomes(events)).toEqual(['miss', 'miss', 'miss', 'miss', 'hit', 'miss']);
  });

  it('returns a copy so callers cannot change a cached result', async () => {
    const { port } = await harnessFor(undefined);

    const first = (await port.totals(ACME, request())) as { calls: number };
    first.calls = 99;
    const second = await port.totals(ACME, request());

    expect(second).toEqual({ tenant: 'acme', calls: 11 });
  });
});

describeWithRedis({ describe, it }, 'cachedRepository on Redis', redisChoice !== null, () => {
  beforeAll(async () => {
    if (redisChoice) redis = await openTestRedis(redisChoice);
  });

  afterAll(async () => {
    await redis?.release(PREFIX);
  });

  describeCacheBehaviour(redisUrl);

  async function pttl(key: string): Promise<number> {
    const client = createClient({ url: redisUrl() });
    await client.connect();
    try {
      return await client.pTTL(key);
    } finally {
      client.destroy();
    }
  }

  it('stores entries with the freshness TTL plus the maximum stale age, in milliseconds', async () => {
    const clock = new SettableClock(Date.now());
    const policy = new FreshnessPolicy(5 * 60_000, 30 * SECOND_MS, HOUR_MS);
    const { port, keys } = await harnessFor(redisUrl(), {
      ttlMs: freshnessTtl(policy, clock),
      maxStaleMs: 10 * 60_000,
      clock,
    });
    const settled = request({
      selection: {
        fromMs: clock.nowMs() - 2 * HOUR_MS,
        toMs: clock.nowMs() - HOUR_MS,
        filters: {},
      },
    });
    const recent = request({
      selection: { fromMs: clock.nowMs() - HOUR_MS, toMs: clock.nowMs(), filters: {} },
    });

    await port.totals(ACME, settled);
    await port.totals(ACME, recent);
    const settledTtl = await pttl(
      keys.build({
        scope: ACME,
        report: 'example',
        method: 'totals',
        schemaVersion: 1,
        args: [settled],
      }),
    );
    const recentTtl = await pttl(
      keys.build({
        scope: ACME,
        report: 'example',
        method: 'totals',
        schemaVersion: 1,
        args: [recent],
      }),
    );

    expect(settledTtl).toBeLessThanOrEqual(HOUR_MS + 10 * 60_000);
    expect(settledTtl).toBeGreaterThan(HOUR_MS + 10 * 60_000 - 5 * SECOND_MS);
    expect(recentTtl).toBeLessThanOrEqual(30 * SECOND_MS + 10 * 60_000);
    expect(recentTtl).toBeGreaterThan(30 * SECOND_MS + 10 * 60_000 - 5 * SECOND_MS);
  });

  it('lets Redis drop an entry after the TTL and the maximum stale age', async () => {
    const clock = new Clock();
    const { adapter, port, keys, events } = await harnessFor(redisUrl(), {
      ttlMs: () => 500,
      maxStaleMs: 1_500,
      clock,
    });
    const key = keys.build({
      scope: ACME,
      report: 'example',
      method: 'totals',
      schemaVersion: 1,
      args: [request()],
    });

    // Stale from 0.5 s after the write; Redis drops the entry 2 s after it.
    await port.totals(ACME, request());
    await new Promise((resolve) => setTimeout(resolve, 700));
    adapter.failure = new Error('DuckDB is closed');
    const stale = await port.totals(ACME, request());
    await new Promise((resolve) => setTimeout(resolve, 1_600));

    expect(stale).toEqual({ tenant: 'acme', calls: 11 });
    expect(outcomes(events)).toEqual(['miss', 'stale']);
    expect(await pttl(key)).toBe(-2);
    await expect(port.totals(ACME, request())).rejects.toThrow('DuckDB is closed');
  });
});
