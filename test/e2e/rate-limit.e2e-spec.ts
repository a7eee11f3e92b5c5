import {
  chooseTestRedis,
  NO_REDIS_FOUND,
  openTestRedis,
  TestRedis,
  uniqueTestPrefix,
} from '../../libs/cache/src/testing/test-redis';
import { TestIdentityProvider } from '../support/jwks-server';
import { RunningApp, startTestApp } from '../support/test-app';

const VOLUME = '/v1/usage/volume?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z';
const redisChoice = chooseTestRedis();

if (!redisChoice) {
  if (process.env.CI === 'true') {
    throw new Error(`Rate-limit tests need Redis under CI: ${NO_REDIS_FOUND}`);
  }
  process.stdout.write(`Skipping Redis-backed rate-limit tests: ${NO_REDIS_FOUND}\n`);
}
const describeWithRedis = redisChoice ? describe : describe.skip;

describeWithRedis('rate limits shared through Redis by two instances', () => {
  let redis: TestRedis;
  let identity: TestIdentityProvider;
  let first: RunningApp;
  let second: RunningApp;
  const prefix = uniqueTestPrefix('rate-limit');

  beforeAll(async () => {
    redis = await openTestRedis(redisChoice as NonNullable<typeof redisChoice>);
    identity = await TestIdentityProvider.start();
    // Each run counts under its own tenant ids, so a shared Redis contains no stale counters for them.
    const env = { REDIS_URL: redis.url, RATE_LIMIT_READER: '5', RATE_LIMIT_WINDOW_SECONDS: '60' };
    first = await startTestApp({ identity, env });
    second = await startTestApp({ identity, env });
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await identity?.close();
    await redis?.release(prefix);
  });

  it('admits exactly 5 of 50 concurrent requests across both instances', async () => {
    const token = identity.token(`${prefix}-tenant`);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 === 0 ? first : second).get(VOLUME, token),
      ),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(45);
  });

  it('answers 429 as a problem with Retry-After and RateLimit headers', async () => {
    const token = identity.token(`${prefix}-limited`);
    for (let index = 0; index < 5; index += 1) {
      await first.get(VOLUME, token);
    }

    const response = await second.get(VOLUME, token);

    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-policy')).toBe('"default";q=5;w=60');
    expect(response.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
  });

  it('counts each tenant and subject separately', async () => {
    const tokens = [
      identity.token(`${prefix}-x`, {}, { subject: 'one' }),
      identity.token(`${prefix}-x`, {}, { subject: 'two' }),
      identity.token(`${prefix}-y`, {}, { subject: 'one' }),
    ];

    for (const token of tokens) {
      const statuses = [];
      for (let index = 0; index < 5; index += 1) {
        statuses.push((await first.get(VOLUME, token)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    }
  });

  it('ignores X-Forwarded-For when choosing the counter', async () => {
    const token = identity.token(`${prefix}-forwarded`);
    const statuses = [];
    for (let index = 0; index < 6; index += 1) {
      statuses.push(
        (
          await first.request('GET', VOLUME, {
            token,
            headers: { 'x-forwarded-for': `198.51.100.${index}` },
          })
        ).status,
      );
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('rate limits in memory', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_READER: '3', RATE_LIMIT_ADMIN: '6' } });
  });

  afterAll(() => app.close());

  it('sends RateLimit headers on every admitted response', async () => {
    const response = await app.get(VOLUME, app.identity.token('memory-tenant'));

    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toBe('"default";r=2;t=60');
  });

  it('gives account managers their own limit', async () => {
    const token = app.identity.token('manager-tenant', {
      roles: ['analytics:read', 'quota:admin'],
    });
    const statuses = [];
    for (let index = 0; index < 7; index += 1) {
      statuses.push((await app.get(VOLUME, token)).status);
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('does not limit health probes', async () => {
    const statuses = [];
    for (let index = 0; index < 5; index += 1) {
      statuses.push((await app.get('/health/live')).status);
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});
