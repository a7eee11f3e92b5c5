import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantScope } from '@analytics/common';
import { FreshnessPolicy } from '@analytics/reports/shared';
import { DuckDbVolumeRepository, VolumeRepository } from '@analytics/reports/volume';
import { appendEvents, DuckDbStore } from '@analytics/store';
import { repeatEvent } from '../../../test/support/event-factory';
import { CacheKeyBuilder } from './cache-key.builder';
import { CacheOutcomeEvent } from './cache-outcome';
import { cachedRepository } from './cached-repository';
import { createFailOpenCache } from './cache-store.factory';
import { FailOpenCache } from './fail-open-cache';
import { freshnessTtl } from './freshness-ttl';
import { RecordingLogger, SettableClock } from './testing/example-report.port';

const MARCH_1 = Date.parse('2026-03-01T00:00:00Z');
const MARCH_2 = Date.parse('2026-03-02T00:00:00Z');
const SELECTION = { fromMs: MARCH_1, toMs: MARCH_2, filters: {} };

describe('cachedRepository over the DuckDB volume repository', () => {
  let dataDir: string;
  let store: DuckDbStore;
  let cache: FailOpenCache;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cached-volume-'));
    store = await DuckDbStore.open(join(dataDir, 'events.duckdb'));
    await appendEvents(store, [
      [
        ...repeatEvent(3, { tenantId: 'tenant-a', apiKeyId: 'key-a', at: '2026-03-01T01:00:00Z' }),
        ...repeatEvent(5, { tenantId: 'tenant-a', apiKeyId: 'key-b', at: '2026-03-01T02:00:00Z' }),
        ...repeatEvent(2, { tenantId: 'tenant-b', apiKeyId: 'key-c', at: '2026-03-01T02:00:00Z' }),
      ],
    ]);
    cache = await createFailOpenCache(
      {
        keyPrefix: 'volume-test',
        operationTimeoutMs: 1_000,
        memoryMaxEntries: 100,
        failureLogIntervalMs: 60_000,
      },
      { logger: new RecordingLogger() },
    );
  });

  afterAll(async () => {
    await cache.close();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers repeated queries per tenant from the cache', async () => {
    const events: CacheOutcomeEvent[] = [];
    const clock = new SettableClock(Date.parse('2026-04-01T00:00:00Z'));
    const repository = cachedRepository<VolumeRepository>(new DuckDbVolumeRepository(store), {
      cache,
      keys: new CacheKeyBuilder('volume-test'),
      report: 'volume',
      schemaVersion: 1,
      ttlMs: freshnessTtl(new FreshnessPolicy(5 * 60_000, 60_000, 3_600_000), clock),
      maxStaleMs: 60_000,
      clock,
      onOutcome: (event) => events.push(event),
    });
    const rankRequest = {
      selection: SELECTION,
      groupBy: ['apiKey' as const],
      order: 'calls' as const,
      limit: 10,
    };

    const first = await repository.rankGroups(TenantScope.of('tenant-a'), rankRequest);
    const second = await repository.rankGroups(TenantScope.of('tenant-a'), rankRequest);
    const otherTenant = await repository.rankGroups(TenantScope.of('tenant-b'), rankRequest);

    expect(repository).toBeInstanceOf(VolumeRepository);
    expect(first).toEqual([['key-b'], ['key-a']]);
    expect(second).toEqual([['key-b'], ['key-a']]);
    expect(otherTenant).toEqual([['key-c']]);
    expect(
      events.map((event) => `${event.tenantId}:${event.outcome}:${event.freshnessMs}`),
    ).toEqual(['tenant-a:miss:3600000', 'tenant-a:hit:3600000', 'tenant-b:miss:3600000']);
  });
});
