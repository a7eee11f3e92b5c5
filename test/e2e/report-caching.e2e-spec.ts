import {
  chooseTestRedis,
  NO_REDIS_FOUND,
  openTestRedis,
  TestRedis,
  uniqueTestPrefix,
} from '../../libs/cache/src/testing/test-redis';
import { repeatEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const SETTLED = '/v1/usage/volume?from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';
const RECENT = '/v1/usage/volume?from=2026-11-30T00:00:00Z&to=2026-12-02T00:00:00Z';
const redisChoice = chooseTestRedis();

if (!redisChoice) {
  if (process.env.CI === 'true') {
    throw new Error(`Report caching tests need Redis under CI: ${NO_REDIS_FOUND}`);
  }
  process.stdout.write(
    `Skipping the Redis variant of the report caching tests: ${NO_REDIS_FOUND}\n`,
  );
}

/** Counts the SQL statements the app sends to its store from now on. */
function countStoreQueries(app: RunningApp): { count: () => number; restore: () => void } {
  const original = app.store.query.bind(app.store);
  let count = 0;
  app.store.query = ((...args: Parameters<typeof original>) => {
    count += 1;
    return original(...args);
  }) as typeof app.store.query;
  return { count: () => count, restore: () => (app.store.query = original) };
}

const variants: [string, boolean][] = [
  ['in-memory LRU', true],
  ['Redis', redisChoice !== null],
];

describe.each(variants)('report caching with the %s', (name, available) => {
  const describeIf = available ? describe : describe.skip;

  describeIf('', () => {
    let app: RunningApp;
    let redis: TestRedis | undefined;
    const prefix = uniqueTestPrefix('report-caching');

    beforeAll(async () => {
      redis =
        name === 'Redis'
          ? await openTestRedis(redisChoice as NonNullable<typeof redisChoice>)
          : undefined;
      app = await startTestApp({
        events: [
          ...repeatEvent(3, { tenantId: `${prefix}-a`, at: '2026-03-01T10:00:00Z' }),
          ...repeatEvent(5, { tenantId: `${prefix}-b`, at: '2026-03-01T10:00:00Z' }),
          ...repeatEvent(2, { tenantId: `${prefix}-a`, at: '2026-11-30T10:00:00Z' }),
        ],
        env: redis ? { REDIS_URL: redis.url } : {},
      });
    });

    afterAll(async () => {
      await app?.close();
      await redis?.release(prefix);
    });

    it('answers a repeated request from the cache', async () => {
      const token = app.identity.token(`${prefix}-a`);
      const first = await app.get(`${SETTLED}&granularity=day`, token);
      const second = await app.get(`${SETTLED}&granularity=day`, token);

      expect(first.headers.get('cache-status')).toBe('usage-analytics; fwd=miss; stored');
      expect(second.headers.get('cache-status')).toMatch(/^usage-analytics; hit; ttl=\d+$/);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    });

    it('never shares an entry between tenants', async () => {
      const a = await app.get(
        `${SETTLED}&granularity=hour&timezone=Europe/Paris`,
        app.identity.token(`${prefix}-a`),
      );
      const b = await app.get(
        `${SETTLED}&granularity=hour&timezone=Europe/Paris`,
        app.identity.token(`${prefix}-b`),
      );

      expect(b.headers.get('cache-status')).toBe('usage-analytics; fwd=miss; stored');
      expect([a.body.data[0].totals.calls, b.body.data[0].totals.calls]).toEqual([3, 5]);
    });

    it('answers 304 to a current If-None-Match', async () => {
      const token = app.identity.token(`${prefix}-a`);
      const first = await app.get(`${SETTLED}&granularity=week`, token);

      const second = await app.request('GET', `${SETTLED}&granularity=week`, {
        token,
        headers: { 'if-none-match': first.headers.get('etag') as string },
      });

      expect(second.status).toBe(304);
      expect(second.body).toBeUndefined();
    });

    it('keeps the ETag while only the generation time changes', async () => {
      const token = app.identity.token(`${prefix}-a`);
      const first = await app.get(`${SETTLED}&granularity=day&timezone=Europe/Madrid`, token);
      app.clock.advance(10_000);
      try {
        const second = await app.request(
          'GET',
          `${SETTLED}&granularity=day&timezone=Europe/Madrid`,
          { token, headers: { 'if-none-match': first.headers.get('etag') as string } },
        );

        expect(second.status).toBe(304);
      } finally {
        app.clock.advance(-10_000);
      }
    });

    it('keeps the timing of a cached entry', async () => {
      const token = app.identity.token(`${prefix}-a`);
      const path = `${RECENT}&granularity=day&timezone=Asia/Tokyo`;
      const first = await app.get(path, token);
      app.clock.advance(45_000);
      try {
        const second = await app.get(path, token);

        expect(second.headers.get('cache-status')).toBe('usage-analytics; hit; ttl=15');
        expect(second.body.meta.generatedAt).toBe(first.body.meta.generatedAt);
        expect(second.body.meta.freshUntil).toBe(first.body.meta.freshUntil);
        expect(second.headers.get('cache-control')).toBe('private, max-age=15');
      } finally {
        app.clock.advance(-45_000);
      }
    });

    it('sets max-age from the freshness of the window', async () => {
      const token = app.identity.token(`${prefix}-a`);
      const settled = await app.get(`${SETTLED}&granularity=month`, token);
      const recent = await app.get(`${RECENT}&granularity=month`, token);

      expect(settled.headers.get('cache-control')).toBe('private, max-age=3600');
      expect(recent.headers.get('cache-control')).toBe('private, max-age=60');
    });

    it('runs one store query for 50 concurrent identical misses', async () => {
      const token = app.identity.token(`${prefix}-a`);
      const counter = countStoreQueries(app);
      try {
        const responses = await Promise.all(
          Array.from({ length: 50 }, () => app.get(`${SETTLED}&timezone=Asia/Tokyo`, token)),
        );

        expect(responses.every((response) => response.status === 200)).toBe(true);
        expect(counter.count()).toBe(1);
      } finally {
        counter.restore();
      }
    });

    it('serves a stale entry marked stale when the store fails', async () => {
      const token = app.identity.token(`${prefix}-a`);
      const query = `${RECENT}&granularity=hour`;
      const fresh = await app.get(query, token);
      app.clock.advance(90_000);

      const original = app.store.query.bind(app.store);
      app.store.query = (() =>
        Promise.reject(new Error('store down for the test'))) as typeof app.store.query;
      try {
        const stale = await app.get(query, token);

        expect(stale.status).toBe(200);
        expect(stale.body.data).toEqual(fresh.body.data);
        expect(stale.headers.get('cache-status')).toMatch(
          /^usage-analytics; hit; ttl=-\d+; detail=stale-if-error$/,
        );
      } finally {
        app.store.query = original;
        app.clock.advance(-90_000);
      }
    });
  });
});
