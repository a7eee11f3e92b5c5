import { UsageEvent } from '@analytics/store';
import { usageEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const FROM = '2026-03-01T00:00:00Z';
const TO = '2026-03-08T00:00:00Z';
const PAIRS = 6;

/** Returns a small deterministic PRNG, so a failing case can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEvents(tenantId: string, next: () => number): UsageEvent[] {
  const count = 1 + Math.floor(next() * 40);
  const products = ['search', 'routing', 'maps'];
  const statuses = [200, 200, 200, 404, 429, 500, 503];
  return Array.from({ length: count }, () =>
    usageEvent({
      tenantId,
      at: new Date(Date.parse(FROM) + Math.floor(next() * 7 * 86_400_000)).toISOString(),
      product: products[Math.floor(next() * products.length)],
      endpoint: '/shared/endpoint',
      apiKeyId: `key-${Math.floor(next() * 3)}`,
      statusCode: statuses[Math.floor(next() * statuses.length)],
      durationMs: Math.round(next() * 5000) / 10,
      transactions: 1 + Math.floor(next() * 3),
      params: next() < 0.5 ? { query: `q${Math.floor(next() * 5)}`, limit: '10' } : { lang: 'en' },
    }),
  );
}

/**
 * For random pairs of tenants with random events, every report a tenant reads equals what its
 * own events give, computed here independently of the service, so no number can include the
 * other tenant's events.
 */
describe('tenant isolation across reports', () => {
  let app: RunningApp;
  const fixtures = new Map<string, UsageEvent[]>();

  beforeAll(async () => {
    const next = random(20261204);
    for (let pair = 0; pair < PAIRS; pair += 1) {
      fixtures.set(`pair-${pair}-a`, randomEvents(`pair-${pair}-a`, next));
      fixtures.set(`pair-${pair}-b`, randomEvents(`pair-${pair}-b`, next));
    }
    app = await startTestApp({ events: [...fixtures.values()].flat() });
  });

  afterAll(() => app.close());

  const tenants = () => [...fixtures.keys()];

  it('volume totals and groups equal the tenant’s own events', async () => {
    for (const tenantId of tenants()) {
      const events = fixtures.get(tenantId) as UsageEvent[];
      const response = await app.get(
        `/v1/usage/volume?from=${FROM}&to=${TO}&groupBy=apiKey`,
        app.identity.token(tenantId),
      );

      const byKey = Object.fromEntries(
        response.body.data.map((group: { key: { apiKey: string }; totals: { calls: number } }) => [
          group.key.apiKey,
          group.totals.calls,
        ]),
      );
      const expected: Record<string, number> = {};
      for (const event of events) {
        expected[event.apiKeyId] = (expected[event.apiKeyId] ?? 0) + 1;
      }
      expect(byKey).toEqual(expected);
    }
  });

  it('error counts equal the tenant’s own events', async () => {
    for (const tenantId of tenants()) {
      const events = fixtures.get(tenantId) as UsageEvent[];
      const response = await app.get(
        `/v1/usage/errors?from=${FROM}&to=${TO}`,
        app.identity.token(tenantId),
      );

      expect(response.body.data[0].totals).toMatchObject({
        calls: events.length,
        status4xx: events.filter((event) => event.statusCode >= 400 && event.statusCode < 500)
          .length,
        status5xx: events.filter((event) => event.statusCode >= 500).length,
      });
    }
  });

  it('latency sample counts and extremes equal the tenant’s own events', async () => {
    for (const tenantId of tenants()) {
      const durations = (fixtures.get(tenantId) as UsageEvent[])
        .map((event) => event.durationMs)
        .sort((left, right) => left - right);
      const response = await app.get(
        `/v1/usage/latency?from=${FROM}&to=${TO}&percentiles=0.1&percentiles=99.9`,
        app.identity.token(tenantId),
      );

      const totals = response.body.data[0].totals;
      expect(totals.count).toBe(durations.length);
      expect(totals.percentiles['p0.1']).toBeGreaterThanOrEqual(durations[0]);
      expect(totals.percentiles['p99.9']).toBeLessThanOrEqual(durations[durations.length - 1]);
    }
  });

  it('parameter counts equal the tenant’s own events', async () => {
    for (const tenantId of tenants()) {
      const events = fixtures.get(tenantId) as UsageEvent[];
      const response = await app.get(
        `/v1/usage/parameters?from=${FROM}&to=${TO}&endpoint=/shared/endpoint`,
        app.identity.token(tenantId),
      );

      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).toContain(`"totalCalls":${events.length}`);
    }
  });
});
