import { Clock, TenantScope } from '@analytics/common';
import { CacheKeyBuilder } from './cache-key.builder';
import { CacheOutcomeEvent } from './cache-outcome';
import { cachedRepository } from './cached-repository';
import { createFailOpenCache } from './cache-store.factory';
import { FailOpenCache } from './fail-open-cache';
import {
  CountingReportAdapter,
  ExampleReportPort,
  ExampleRequest,
  RecordingLogger,
} from './testing/example-report.port';
import { PrivateRedisServer } from './testing/private-redis-server';
import { describeWithRedis, redisServerInstalled } from './testing/test-redis';

const ACME = TenantScope.of('acme');
const OPERATION_TIMEOUT_MS = 200;
const REQUEST: ExampleRequest = {
  selection: { fromMs: 0, toMs: 1_000, filters: {} },
  groupBy: ['endpoint'],
  limit: 11,
};

let server: PrivateRedisServer | null = null;

interface Harness {
  adapter: CountingReportAdapter;
  port: ExampleReportPort;
  cache: FailOpenCache;
  logger: RecordingLogger;
  events: CacheOutcomeEvent[];
}

const openCaches: FailOpenCache[] = [];

afterEach(async () => {
  server?.resume();
  await Promise.all(openCaches.splice(0).map((cache) => cache.close()));
});

async function harnessFor(redisUrl: string): Promise<Harness> {
  const logger = new RecordingLogger();
  const cache = await createFailOpenCache(
    {
      redisUrl,
      keyPrefix: 'fail-open-test',
      operationTimeoutMs: OPERATION_TIMEOUT_MS,
      memoryMaxEntries: 100,
      failureLogIntervalMs: 60_000,
    },
    { logger, clock: new Clock() },
  );
  openCaches.push(cache);

  const adapter = new CountingReportAdapter();
  const events: CacheOutcomeEvent[] = [];
  const port = cachedRepository<ExampleReportPort>(adapter, {
    cache,
    keys: new CacheKeyBuilder('fail-open-test'),
    report: 'example',
    schemaVersion: 1,
    ttlMs: () => 60_000,
    maxStaleMs: 60_000,
    clock: new Clock(),
    onOutcome: (event) => events.push(event),
    logger,
  });
  return { adapter, port, cache, logger, events };
}

/** Probes the cache until it reports `status`, for at most `timeoutMs`. */
async function waitForStatus(
  cache: FailOpenCache,
  status: 'up' | 'degraded',
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let current = (await cache.probe()).status;
  while (current !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = (await cache.probe()).status;
  }
  return current;
}

const SERVER_MISSING =
  "redis-server is not runnable, and these tests stop and restart a server of their own; install it with 'apt-get install redis-server'";

// These tests stop, restart and freeze Redis, so they need a server of their own even when
// REDIS_URL is set.
describeWithRedis(
  { describe, it },
  'FailOpenCache with a private redis-server',
  redisServerInstalled(),
  () => {
    let redis: PrivateRedisServer;

    beforeAll(async () => {
      server = await PrivateRedisServer.start();
      if (!server) throw new Error('redis-server was found on PATH but could not be started');
      redis = server;
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('answers from the repository while Redis is stopped and recovers after a restart', async () => {
      const { adapter, port, cache, logger, events } = await harnessFor(redis.url);
      await port.totals(ACME, REQUEST);
      await port.totals(ACME, REQUEST);

      await redis.stop();
      const duringOutage = [];
      for (let i = 0; i < 20; i += 1) duringOutage.push(await port.totals(ACME, REQUEST));
      const healthDuringOutage = cache.health();

      await redis.restart();
      const statusAfterRestart = await waitForStatus(cache, 'up', 10_000);
      await port.totals(ACME, REQUEST);
      await port.totals(ACME, REQUEST);

      expect(duringOutage).toEqual(
        Array.from({ length: 20 }, () => ({ tenant: 'acme', calls: 11 })),
      );
      expect(healthDuringOutage.status).toBe('degraded');
      expect(healthDuringOutage.backend).toBe('redis');
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]).toMatch(
        /^Cache store \(redis\) failed on \w+: .+; requests go to the repository until it recovers$/,
      );
      expect(statusAfterRestart).toBe('up');
      expect(
        logger.infos.filter((line) => line.startsWith('Cache store (redis) recovered after')),
      ).toHaveLength(1);
      expect(adapter.calls).toBe(1 + 20 + 1);
      expect(events.map((event) => event.outcome)).toEqual([
        'miss',
        'hit',
        ...Array.from({ length: 20 }, () => 'miss'),
        'miss',
        'hit',
      ]);
    });

    it('bounds each operation by the timeout while Redis does not answer', async () => {
      const { adapter, port, cache, logger } = await harnessFor(redis.url);
      await port.totals(ACME, { ...REQUEST, limit: 1 });

      redis.pause();
      const startedAt = Date.now();
      const result = await port.totals(ACME, { ...REQUEST, limit: 2 });
      const elapsedMs = Date.now() - startedAt;
      const healthWhilePaused = cache.health();
      redis.resume();
      const statusAfterResume = await waitForStatus(cache, 'up', 5_000);

      expect(result).toEqual({ tenant: 'acme', calls: 2 });
      expect(adapter.calls).toBe(2);
      // One read and one write, each cut off at the timeout. The upper bound leaves room for a
      // loaded machine and is still far below an unbounded wait.
      expect(elapsedMs).toBeGreaterThanOrEqual(2 * OPERATION_TIMEOUT_MS);
      expect(elapsedMs).toBeLessThan(2 * OPERATION_TIMEOUT_MS + 1_500);
      expect(healthWhilePaused.status).toBe('degraded');
      expect(healthWhilePaused.lastError).toBe('write: Cache write timed out after 200 ms');
      expect(logger.warnings).toEqual([
        'Cache store (redis) failed on read: Cache read timed out after 200 ms; requests go to the repository until it recovers',
      ]);
      expect(statusAfterResume).toBe('up');
    });

    it('starts degraded when Redis is down and recovers when it starts', async () => {
      await redis.stop();
      const { adapter, port, cache } = await harnessFor(redis.url);

      const result = await port.totals(ACME, REQUEST);
      const healthBeforeStart = cache.health();
      await redis.restart();
      const statusAfterStart = await waitForStatus(cache, 'up', 10_000);
      await port.totals(ACME, REQUEST);
      await port.totals(ACME, REQUEST);

      expect(result).toEqual({ tenant: 'acme', calls: 11 });
      expect(healthBeforeStart.status).toBe('degraded');
      expect(statusAfterStart).toBe('up');
      expect(adapter.calls).toBe(2);
    });
  },
  SERVER_MISSING,
);
