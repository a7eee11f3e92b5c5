import createClient from 'openapi-fetch';
import type { paths } from '../client/api-schema';
import { repeatEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

/**
 * Calls the running app through the client generated from the committed spec (openapi-typescript
 * types with openapi-fetch), as the portal does. A spec that drifts from the code fails to
 * type-check here or fails these assertions.
 */
describe('client generated from openapi.json', () => {
  let app: RunningApp;
  let client: ReturnType<typeof createClient<paths>>;

  beforeAll(async () => {
    app = await startTestApp({
      events: [
        ...repeatEvent(4, { at: '2026-03-02T10:00:00Z', product: 'search', durationMs: 40 }),
        ...repeatEvent(2, {
          at: '2026-03-02T11:00:00Z',
          product: 'routing',
          statusCode: 503,
          durationMs: 900,
        }),
      ],
    });
    client = createClient<paths>({
      baseUrl: app.baseUrl,
      headers: { authorization: `Bearer ${app.identity.token('tenant-a')}` },
    });
  });

  afterAll(() => app.close());

  it('reads the volume report with typed parameters and fields', async () => {
    const { data, error, response } = await client.GET('/v1/usage/volume', {
      params: {
        query: {
          from: '2026-03-01T00:00:00Z',
          to: '2026-03-04T00:00:00Z',
          groupBy: ['product'],
          granularity: 'day',
        },
      },
    });

    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    const totals = data?.data.map((group) => [
      group.key.product,
      group.totals.calls,
      group.totals.transactions,
    ]);
    expect(totals).toEqual([
      ['search', 4, 4],
      ['routing', 2, 2],
    ]);
    expect(data?.page.nextCursor).toBeNull();
  });

  it('reads latency percentiles keyed by percentile', async () => {
    const { data } = await client.GET('/v1/usage/latency', {
      params: {
        query: { from: '2026-03-01T00:00:00Z', to: '2026-03-04T00:00:00Z', percentiles: ['50'] },
      },
    });

    expect(data?.data[0].totals.count).toBe(6);
    // Served from the hourly rollups here, so within their stated 1 % bound of the exact 40 ms.
    const p50 = data?.data[0].totals.percentiles.p50 as number;
    expect(Math.abs(p50 - 40) / 40).toBeLessThanOrEqual(0.01);
  });

  it('reads error rates', async () => {
    const { data } = await client.GET('/v1/usage/errors', {
      params: { query: { from: '2026-03-01T00:00:00Z', to: '2026-03-04T00:00:00Z' } },
    });

    expect(data?.data[0].totals).toMatchObject({
      calls: 6,
      status5xx: 2,
      serverErrorRate: 0.333333,
    });
  });

  it('gets a typed problem for bad input', async () => {
    const { error, response } = await client.GET('/v1/usage/volume', {
      params: { query: { from: '2026-03-04T00:00:00Z', to: '2026-03-01T00:00:00Z' } },
    });

    expect(response.status).toBe(400);
    expect(error?.errors?.[0].parameter).toBe('to');
  });
});
