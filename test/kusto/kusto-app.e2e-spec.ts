import { KustoStore } from '../../apps/analytics-api/src/composition/app-store';
import { RunningApp, startTestApp } from '../support/test-app';
import { cannedReportResponder, cannedShapeOf } from './support/canned-report-responder';
import { KustoProtocolStub } from './support/kusto-protocol-stub';

// The canned series rows fill buckets 0 and 2 of these three days, so the middle day is zero-filled.
const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';
const MARCH = `${RANGE}&granularity=day`;
const ENDPOINT = '/search/2/geocode/{query}.json';

const REPORT_PATHS = [
  `/v1/usage/volume?${MARCH}`,
  `/v1/usage/latency?${MARCH}&percentiles=50&percentiles=99`,
  `/v1/usage/errors?${MARCH}`,
  `/v1/usage/parameters?${RANGE}&endpoint=${encodeURIComponent(ENDPOINT)}`,
  '/v1/quota',
];

let stub: KustoProtocolStub;
let app: RunningApp<KustoStore>;
let token: string;

beforeAll(async () => {
  stub = await KustoProtocolStub.start();
  stub.respondWith(cannedReportResponder);
  app = await startTestApp({
    store: 'kusto',
    // Midday of the first day of a calendar month: the quota read covers the 7 days before it
    // and this day, which is bucket 7 of the quota usage query.
    nowIso: '2026-12-01T12:00:00Z',
    env: {
      KUSTO_CLUSTER_URL: stub.url,
      KUSTO_DATABASE: 'usage',
      KUSTO_AUTH: 'none',
      // Every request reaches the stub, so the recorded requests do not depend on test order.
      CACHE_ENABLED: 'false',
    },
  });
  token = app.identity.token('tenant-a');
});

afterAll(async () => {
  await app.close();
  await stub.stop();
});

describe('STORE=kusto app against the Kusto protocol stub', () => {
  it('serves volume against the Kusto protocol stub', async () => {
    const response = await app.get(REPORT_PATHS[0], token);

    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0].key).toEqual({});
    expect(response.body.data[0].buckets).toEqual([
      {
        start: '2026-03-01T00:00:00Z',
        end: '2026-03-02T00:00:00Z',
        partial: false,
        calls: 3,
        transactions: 4,
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
    expect(response.body.data[0].totals).toEqual({ calls: 5, transactions: 14 });
  });

  it('serves latency against the Kusto protocol stub', async () => {
    const response = await app.get(REPORT_PATHS[1], token);

    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0].buckets.map(withoutBounds)).toEqual([
      { count: 3, percentiles: { p50: 12.5, p99: 40 } },
      { count: 0, percentiles: { p50: null, p99: null } },
      { count: 2, percentiles: { p50: 20, p99: 80.25 } },
    ]);
    expect(response.body.data[0].totals).toEqual({
      count: 5,
      percentiles: { p50: 15, p99: 80.25 },
    });
  });

  it('serves errors against the Kusto protocol stub', async () => {
    const response = await app.get(REPORT_PATHS[2], token);

    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0].buckets.map(withoutBounds)).toEqual([
      {
        calls: 3,
        status2xx: 2,
        status3xx: 0,
        status4xx: 1,
        status5xx: 0,
        clientErrorRate: 0.333333,
        serverErrorRate: 0,
      },
      {
        calls: 0,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 0,
        clientErrorRate: 0,
        serverErrorRate: 0,
      },
      {
        calls: 2,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 2,
        clientErrorRate: 0,
        serverErrorRate: 1,
      },
    ]);
    expect(response.body.data[0].totals).toEqual({
      calls: 5,
      status2xx: 2,
      status3xx: 0,
      status4xx: 1,
      status5xx: 2,
      clientErrorRate: 0.2,
      serverErrorRate: 0.4,
    });
  });

  it('serves parameter usage against the Kusto protocol stub', async () => {
    const response = await app.get(REPORT_PATHS[3], token);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      parameters: [
        { name: 'query', calls: 6, share: 1, valuesWithheld: false, other: false },
        { name: 'limit', calls: 2, share: 0.333333, valuesWithheld: false, other: false },
      ],
      shapes: [
        { parameters: ['query'], calls: 4, share: 0.666667, other: false },
        { parameters: ['limit', 'query'], calls: 2, share: 0.333333, other: false },
      ],
      distinctParameters: 2,
      distinctShapes: 2,
    });
    expect(response.body.meta.endpoint).toBe(ENDPOINT);
    expect(response.body.meta.totalCalls).toBe(6);
  });

  it('serves the quota against the Kusto protocol stub', async () => {
    const response = await app.get(REPORT_PATHS[4], token);

    expect(response.status).toBe(200);
    expect(response.body.tenantId).toBe('tenant-a');
    expect(response.body.plan).toEqual({ id: 'free', name: 'Free' });
    expect(response.body.period).toEqual({
      start: '2026-12-01T00:00:00Z',
      end: '2027-01-01T00:00:00Z',
    });
    expect(
      response.body.products.map((product: Record<string, unknown>) => [
        product.product,
        product.used,
        product.remaining,
        product.percentage,
      ]),
    ).toEqual([
      ['search', 40, 2460, 1.6],
      ['routing', 2, 2498, 0.1],
      ['maps', 0, 5000, 0],
      ['traffic', 0, 2500, 0],
      ['geolocation', 0, 1000, 0],
      ['geofencing', 0, 1000, 0],
    ]);
    expect(response.body.status).toBe('ok');
  });

  it('reports ready against the Kusto protocol stub', async () => {
    const response = await app.get('/health/ready', token);

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.details.store.status).toBe('up');
    expect(cannedShapeOf(stub.requests[stub.requests.length - 1])).toBe('readiness probe');
  });

  it('sends the tenant only as a parameter against the Kusto protocol stub', async () => {
    stub.requests.length = 0;

    for (const path of REPORT_PATHS) {
      expect((await app.get(path, token)).status).toBe(200);
    }

    // The three quota record reads run in parallel, so the order of arrival is not fixed.
    expect(stub.requests.map(cannedShapeOf).sort()).toEqual([
      'errors series',
      'latency series',
      'parameter usage',
      'quota records',
      'quota records',
      'quota records',
      'quota usage per day',
      'volume series',
    ]);
    for (const request of stub.requests) {
      expect(request.parameters.p_tenant).toBe('tenant-a');
      expect(request.csl).toMatch(/^declare query_parameters\([^)]*\bp_tenant:string\b/);
      expect(request.csl).toContain('TenantId == p_tenant');
      expect(request.csl).not.toContain('tenant-a');
    }
  });
});

/** Drops the bucket bounds, which the volume test already checks, to compare the measures alone. */
function withoutBounds(bucket: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(bucket).filter(([name]) => !['start', 'end', 'partial'].includes(name)),
  );
}
