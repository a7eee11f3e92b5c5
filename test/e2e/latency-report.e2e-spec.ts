import { repeatEvent, usageEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';
const NO_SAMPLES = { p50: null, p90: null, p95: null, p98: null, p99: null };

interface LatencyGroup {
  key: Record<string, string>;
  buckets: { count: number; percentiles: Record<string, number | null> }[];
  totals: { count: number; percentiles: Record<string, number | null> };
}

describe('GET /v1/usage/latency', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({
      events: [
        // tenant-a: key-a has 97 calls of 20 ms and 3 of 2000 ms, key-b has 300 calls of 20 ms.
        ...repeatEvent(97, {
          tenantId: 'tenant-a',
          apiKeyId: 'key-a',
          at: '2026-03-01T08:00:00Z',
          durationMs: 20,
        }),
        ...repeatEvent(3, {
          tenantId: 'tenant-a',
          apiKeyId: 'key-a',
          at: '2026-03-01T09:00:00Z',
          durationMs: 2000,
        }),
        ...repeatEvent(300, {
          tenantId: 'tenant-a',
          apiKeyId: 'key-b',
          at: '2026-03-01T10:00:00Z',
          durationMs: 20,
        }),
        usageEvent({ tenantId: 'tenant-a', at: '2026-03-04T00:00:00Z', durationMs: 9000 }),

        // tenant-h: a handful of calls.
        ...[10, 20, 30, 40, 1000].map((durationMs, index) =>
          usageEvent({ tenantId: 'tenant-h', at: `2026-03-02T10:0${index}:00Z`, durationMs }),
        ),

        // tenant-o: key-x ranks first, key-y and key-z merge into "(other)".
        ...repeatEvent(10, {
          tenantId: 'tenant-o',
          apiKeyId: 'key-x',
          at: '2026-03-01T10:00:00Z',
          durationMs: 5,
        }),
        ...repeatEvent(3, {
          tenantId: 'tenant-o',
          apiKeyId: 'key-y',
          at: '2026-03-01T11:00:00Z',
          durationMs: 100,
        }),
        ...repeatEvent(2, {
          tenantId: 'tenant-o',
          apiKeyId: 'key-z',
          at: '2026-03-01T12:00:00Z',
          durationMs: 400,
        }),
      ],
      // These values are exact percentiles of raw samples; with rollups on, whole-day windows
      // read histograms, which the rollup latency tests check against their error bound.
      env: { ROLLUPS: 'off' },
    });
  });

  afterAll(() => app.close());

  it('returns the envelope with counts and default percentiles', async () => {
    const response = await app.get(`/v1/usage/latency?${MARCH}`, app.identity.token('tenant-a'));
    const [group] = response.body.data;

    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['data', 'page', 'meta']);
    expect(response.body.data).toHaveLength(1);
    expect(Object.keys(group)).toEqual(['key', 'buckets', 'totals']);
    expect(group.key).toEqual({});
    expect(Object.keys(group.buckets[0])).toEqual([
      'start',
      'end',
      'partial',
      'count',
      'percentiles',
    ]);
    expect(Object.keys(group.buckets[0].percentiles)).toEqual(['p50', 'p90', 'p95', 'p98', 'p99']);
    expect(Object.keys(group.totals)).toEqual(['count', 'percentiles']);
    expect(response.body.page).toEqual({ limit: 50, nextCursor: null });
    expect(response.body.meta).toMatchObject({
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-04T00:00:00Z',
      granularity: 'day',
      timezone: 'UTC',
      top: 100,
    });
  });

  it('computes ungrouped totals from all samples', async () => {
    const response = await app.get(`/v1/usage/latency?${MARCH}`, app.identity.token('tenant-a'));

    // 397 samples of 20 ms and 3 of 2000 ms: p99 has h = 399 · 0.99 = 395.01, between x[395]
    // and x[396], both 20. Averaging the per-key p99 would give 1010, and their maximum 2000.
    expect(response.body.data[0].totals).toEqual({
      count: 400,
      percentiles: { p50: 20, p90: 20, p95: 20, p98: 20, p99: 20 },
    });
  });

  it('computes each api key from its own samples', async () => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}&groupBy=apiKey`,
      app.identity.token('tenant-a'),
    );
    const groups = response.body.data as LatencyGroup[];

    // key-a has 100 samples, x[0..96] = 20 and x[97..99] = 2000. p99: h = 99 · 0.99 = 98.01, so
    // x[98] + 0.01 · (x[99] - x[98]) = 2000 exactly. p98: h = 97.02, also 2000. p95: h = 94.05, 20.
    expect(groups.map((group) => group.key)).toEqual([{ apiKey: 'key-b' }, { apiKey: 'key-a' }]);
    expect(groups[0].totals).toEqual({
      count: 300,
      percentiles: { p50: 20, p90: 20, p95: 20, p98: 20, p99: 20 },
    });
    expect(groups[1].totals).toEqual({
      count: 100,
      percentiles: { p50: 20, p90: 20, p95: 20, p98: 2000, p99: 2000 },
    });
  });

  it('reports null percentiles for buckets without calls', async () => {
    const response = await app.get(`/v1/usage/latency?${MARCH}`, app.identity.token('tenant-a'));
    const buckets = response.body.data[0].buckets;

    expect(buckets).toEqual([
      {
        start: '2026-03-01T00:00:00Z',
        end: '2026-03-02T00:00:00Z',
        partial: false,
        count: 400,
        percentiles: { p50: 20, p90: 20, p95: 20, p98: 20, p99: 20 },
      },
      {
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-03T00:00:00Z',
        partial: false,
        count: 0,
        percentiles: NO_SAMPLES,
      },
      {
        start: '2026-03-03T00:00:00Z',
        end: '2026-03-04T00:00:00Z',
        partial: false,
        count: 0,
        percentiles: NO_SAMPLES,
      },
    ]);
  });

  it('reports null totals without any calls', async () => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}`,
      app.identity.token('tenant-empty'),
    );

    expect(response.status).toBe(200);
    expect(response.body.data[0].totals).toEqual({ count: 0, percentiles: NO_SAMPLES });
  });

  it('keeps percentiles of a handful of calls within their range', async () => {
    const response = await app.get(`/v1/usage/latency?${MARCH}`, app.identity.token('tenant-h'));
    const totals = response.body.data[0].totals;

    // Samples 10, 20, 30, 40, 1000: h = 4 · p, so p90 = 40 + 0.6 · 960 = 616, p95 = 40 + 0.8 · 960
    // = 808, p98 = 40 + 0.92 · 960 = 923.2, p99 = 40 + 0.96 · 960 = 961.6.
    expect(totals).toEqual({
      count: 5,
      percentiles: { p50: 30, p90: 616, p95: 808, p98: 923.2, p99: 961.6 },
    });
    for (const value of Object.values(totals.percentiles) as number[]) {
      expect(value).toBeGreaterThanOrEqual(10);
      expect(value).toBeLessThanOrEqual(1000);
    }
  });

  it('computes (other) from the merged samples', async () => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}&groupBy=apiKey&top=1&percentiles=50&percentiles=70`,
      app.identity.token('tenant-o'),
    );
    const groups = response.body.data as LatencyGroup[];

    // (other) merges key-y [100, 100, 100] and key-z [400, 400]. p50 has h = 2, so 100, where the
    // mean of the two medians would be 250. p70 has h = 2.8, so 100 + 0.8 · 300 = 340.
    expect(groups.map((group) => group.key)).toEqual([{ apiKey: 'key-x' }, { apiKey: '(other)' }]);
    expect(groups[0].totals).toEqual({ count: 10, percentiles: { p50: 5, p70: 5 } });
    expect(groups[1].totals).toEqual({ count: 5, percentiles: { p50: 100, p70: 340 } });
    expect(groups[1].buckets[0]).toMatchObject({ count: 5, percentiles: { p50: 100, p70: 340 } });
  });

  it('returns requested percentiles in ascending order', async () => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}&percentiles=99.9&percentiles=50`,
      app.identity.token('tenant-a'),
    );

    // p99.9 of the 400 samples: h = 399 · 0.999 = 398.601, between x[398] and x[399], both 2000.
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.data[0].totals.percentiles)).toEqual(['p50', 'p99.9']);
    expect(response.body.data[0].totals).toEqual({
      count: 400,
      percentiles: { p50: 20, 'p99.9': 2000 },
    });
  });

  it('accepts a single percentile', async () => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}&percentiles=97`,
      app.identity.token('tenant-h'),
    );

    // h = 4 · 0.97 = 3.88, so 40 + 0.88 · 960 = 884.8.
    expect(response.body.data[0].totals).toEqual({ count: 5, percentiles: { p97: 884.8 } });
  });

  it('pages groups with a cursor bound to the percentiles', async () => {
    const query = `${MARCH}&groupBy=apiKey&limit=1`;
    const first = await app.get(`/v1/usage/latency?${query}`, app.identity.token('tenant-a'));
    const cursor = encodeURIComponent(first.body.page.nextCursor);

    const second = await app.get(
      `/v1/usage/latency?${query}&cursor=${cursor}`,
      app.identity.token('tenant-a'),
    );
    const replayed = await app.get(
      `/v1/usage/latency?${query}&percentiles=50&cursor=${cursor}`,
      app.identity.token('tenant-a'),
    );

    expect(first.body.data.map((group: LatencyGroup) => group.key)).toEqual([{ apiKey: 'key-b' }]);
    expect(second.status).toBe(200);
    expect(second.body.data.map((group: LatencyGroup) => group.key)).toEqual([{ apiKey: 'key-a' }]);
    expect(second.body.page.nextCursor).toBeNull();
    expect(replayed.status).toBe(400);
    expect(replayed.body.errors[0].parameter).toBe('cursor');
  });

  it.each([
    ['zero', 'percentiles=0'],
    ['100', 'percentiles=100'],
    ['two decimals', 'percentiles=99.99'],
    ['negative', 'percentiles=-1'],
    ['not a number', 'percentiles=abc'],
    ['empty', 'percentiles='],
    [
      'eleven values',
      [1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99].map((value) => `percentiles=${value}`).join('&'),
    ],
    ['duplicates', 'percentiles=99&percentiles=99'],
    ['equal duplicates', 'percentiles=99&percentiles=99.0'],
  ])('rejects percentiles: %s', async (_case, parameters) => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}&${parameters}`,
      app.identity.token('tenant-a'),
    );

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].parameter).toBe('percentiles');
  });

  it.each([
    ['groupBy', 'groupBy=region'],
    ['groupBy', 'groupBy=product&groupBy=endpoint&groupBy=apiKey'],
    ['granularity', 'granularity=minute'],
    ['top', 'top=0'],
  ])('rejects %s: %s', async (parameter, parameters) => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}&${parameters}`,
      app.identity.token('tenant-a'),
    );

    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe(parameter);
  });

  it('answers 403 without the analytics:read role', async () => {
    const response = await app.get(
      `/v1/usage/latency?${MARCH}`,
      app.identity.token('tenant-a', { roles: [] }),
    );

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
