import { repeatEvent, usageEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';

describe('GET /v1/usage/volume', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({
      events: [
        ...repeatEvent(3, { tenantId: 'tenant-a', at: '2026-03-01T10:00:00Z', product: 'search' }),
        ...repeatEvent(2, {
          tenantId: 'tenant-a',
          at: '2026-03-03T23:59:00Z',
          product: 'routing',
          endpoint: '/routing/1/calculateRoute/{locations}/json',
          transactions: 5,
        }),
        ...repeatEvent(7, { tenantId: 'tenant-b', at: '2026-03-01T10:00:00Z', product: 'search' }),
        usageEvent({ tenantId: 'tenant-a', at: '2026-03-04T00:00:00Z' }),
        usageEvent({ tenantId: 'tenant-a', at: '2026-02-28T23:59:59.999Z' }),
      ],
    });
  });

  afterAll(() => app.close());

  it('returns only the calling tenant’s numbers', async () => {
    const a = await app.get(`/v1/usage/volume?${MARCH}`, app.identity.token('tenant-a'));
    const b = await app.get(`/v1/usage/volume?${MARCH}`, app.identity.token('tenant-b'));

    expect(a.status).toBe(200);
    expect(a.body.data).toHaveLength(1);
    expect(a.body.data[0].key).toEqual({});
    expect(a.body.data[0].totals).toEqual({ calls: 5, transactions: 13 });
    expect(b.body.data[0].totals).toEqual({ calls: 7, transactions: 7 });
  });

  it('zero-fills days without calls and keeps the range half-open', async () => {
    const response = await app.get(
      `/v1/usage/volume?${MARCH}&granularity=day`,
      app.identity.token('tenant-a'),
    );

    expect(response.body.data[0].buckets).toEqual([
      {
        start: '2026-03-01T00:00:00Z',
        end: '2026-03-02T00:00:00Z',
        partial: false,
        calls: 3,
        transactions: 3,
      },
      {
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-03T00:00:00Z',
        partial: false,
        calls: 0,
        transactions: 0,
      },
      {
        start: '2026-03-03T00:00:00Z',
        end: '2026-03-04T00:00:00Z',
        partial: false,
        calls: 2,
        transactions: 10,
      },
    ]);
    expect(response.body.meta).toMatchObject({
      granularity: 'day',
      timezone: 'UTC',
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-04T00:00:00Z',
    });
    expect(response.body.page).toEqual({ limit: 50, nextCursor: null });
  });

  it('groups by product ranked by calls', async () => {
    const response = await app.get(
      `/v1/usage/volume?${MARCH}&groupBy=product`,
      app.identity.token('tenant-a'),
    );

    expect(
      response.body.data.map((group: { key: object; totals: object }) => [group.key, group.totals]),
    ).toEqual([
      [{ product: 'search' }, { calls: 3, transactions: 3 }],
      [{ product: 'routing' }, { calls: 2, transactions: 10 }],
    ]);
  });

  it('answers 401 without a token', async () => {
    const response = await app.get(`/v1/usage/volume?${MARCH}`);

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
