import { waitFor } from '../support/wait-for';
import { KustoStore } from '../../apps/analytics-api/src/composition/app-store';
import { RunningApp, startTestApp } from '../support/test-app';
import {
  cannedReply,
  cannedReportResponder,
  cannedShapeOf,
} from './support/canned-report-responder';
import { KustoProtocolStub } from './support/kusto-protocol-stub';

// The canned series rows fill buckets 0 and 2 of these three days, so the middle day is zero-filled.
const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';
const MARCH = `${RANGE}&granularity=day`;
const ENDPOINT = '/search/2/geocode/{query}.json';

const ON_ENDPOINT = `${RANGE}&endpoint=${encodeURIComponent(ENDPOINT)}`;
const METRICS_TOKEN = 'kusto-e2e-metrics-token-0123456789abcdef';

const REPORT_PATHS = [
  `/v1/usage/volume?${MARCH}`,
  `/v1/usage/latency?${MARCH}&percentiles=50&percentiles=99`,
  `/v1/usage/errors?${MARCH}`,
  `/v1/usage/parameters?${ON_ENDPOINT}`,
  `/v1/usage/parameters/query/values?${ON_ENDPOINT}&top=2`,
  '/v1/quota',
];

let stub: KustoProtocolStub;
let app: RunningApp<KustoStore>;
let token: string;

/** Starts the app on the stub, with `env` added to the stub's settings. */
function startOnStub(env: Record<string, string>): Promise<RunningApp<KustoStore>> {
  return startTestApp({
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
      ...env,
    },
  });
}

beforeAll(async () => {
  stub = await KustoProtocolStub.start();
  stub.respondWith(cannedReportResponder);
  app = await startOnStub({ METRICS_TOKEN });
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

  it('serves parameter values against the Kusto protocol stub', async () => {
    const response = await app.get(REPORT_PATHS[4], token);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      name: 'query',
      calls: 5,
      share: 0.833333,
      withheld: false,
      reason: null,
      distinctValues: 3,
      values: [
        { value: 'paris', calls: 3, share: 0.6, other: false },
        { value: 'berlin', calls: 1, share: 0.2, other: false },
        { value: '(other)', calls: 1, share: 0.2, other: true },
      ],
    });
    expect(response.body.meta).toMatchObject({ endpoint: ENDPOINT, totalCalls: 6 });
  });

  it('withholds a secret parameter and reads no value against the Kusto protocol stub', async () => {
    stub.requests.length = 0;

    const response = await app.get(`/v1/usage/parameters/key/values?${ON_ENDPOINT}`, token);

    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      name: 'key',
      calls: 2,
      withheld: true,
      distinctValues: null,
      values: [],
    });
    expect(stub.requests.map(cannedShapeOf)).toEqual(['parameter calls']);
    expect(stub.requests[0].csl).not.toContain('Params[');
  });

  it('serves the quota against the Kusto protocol stub', async () => {
    const response = await app.get(REPORT_PATHS[5], token);

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
      'parameter values',
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

describe('rollup views against the Kusto protocol stub', () => {
  /** Returns the table or view a recorded query reads: the first line after the parameter declaration. */
  const sourceOf = (csl: string) =>
    csl
      .replace(/^declare query_parameters\([^)]*\);\n/, '')
      .replace(/^let Selected = /, '')
      .split('\n')[0];

  const readSources = async (path: string) => {
    stub.requests.length = 0;
    const response = await app.get(path, token);
    expect(response.status).toBe(200);
    return stub.requests.map((request) => sourceOf(request.csl));
  };

  it('reads the daily view for whole UTC days', async () => {
    expect(await readSources(`/v1/usage/volume?${MARCH}`)).toEqual(['EventsDaily']);
    expect(await readSources(`/v1/usage/latency?${MARCH}&percentiles=99`)).toEqual(['EventsDaily']);
    expect(stub.requests[0].csl).toContain('tdigest_merge(LatencyDigest)');
  });

  it('reads the hourly view for local days on whole UTC hours', async () => {
    const berlin =
      'from=2026-03-01T00:00:00%2B01:00&to=2026-03-04T00:00:00%2B01:00&granularity=day&timezone=Europe/Berlin';

    expect(await readSources(`/v1/usage/errors?${berlin}`)).toEqual(['EventsHourly']);
  });

  it('reads the events for a zone 45 minutes off the hour', async () => {
    const kathmandu =
      'from=2026-03-01T00:00:00%2B05:45&to=2026-03-04T00:00:00%2B05:45&granularity=day&timezone=Asia/Kathmandu';

    expect(await readSources(`/v1/usage/volume?${kathmandu}`)).toEqual(['Events']);
    expect(stub.requests[0].csl).toContain('calls = count()');
  });

  it('reads the daily view for the quota usage of whole UTC days', async () => {
    stub.requests.length = 0;
    expect((await app.get('/v1/quota', token)).status).toBe(200);

    const usage = stub.requests.filter(
      (request) => cannedShapeOf(request) === 'quota usage per day',
    );
    expect(usage.map((request) => sourceOf(request.csl))).toEqual(['EventsDaily']);
  });
});

describe('store failures against the Kusto protocol stub', () => {
  const throttled = (retryAfter?: string) => ({
    status: 429,
    headers: retryAfter === undefined ? undefined : { 'retry-after': retryAfter },
    body: { error: { code: 'TooManyRequests', message: 'Throttled', '@permanent': false } },
  });
  const busy = {
    status: 503,
    body: { error: { code: 'ServiceUnavailable', message: 'Busy', '@permanent': false } },
  };

  const storeRetries = async () => {
    const response = await fetch(`${app.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await response.text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith('store_retries_total{store="kusto"}'));
    return line === undefined ? 0 : Number(line.split(' ')[1]);
  };

  it('stays ready while Kusto throttles', async () => {
    stub.reply(throttled('30'));

    const response = await app.get('/health/ready');

    expect(response.status).toBe(200);
    expect(response.body.details.store.status).toBe('up');
  });

  it('reports not ready when Kusto is down', async () => {
    stub.reply(busy);

    const response = await app.get('/health/ready');

    expect(response.status).toBe(503);
    expect(response.body.details.store.status).toBe('down');
  });

  it('passes a long Retry-After on at once', async () => {
    stub.requests.length = 0;
    stub.reply(throttled('30'));

    const response = await app.get(`/v1/usage/volume?${MARCH}&top=3`, token);

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.body.type).toBe('/problems/store-unavailable');
    expect(stub.requests).toHaveLength(1);
  });

  it('answers 503 after the retries run out', async () => {
    const before = await storeRetries();
    stub.requests.length = 0;
    stub.reply(busy, busy, busy, busy);

    const response = await app.get(`/v1/usage/errors?${MARCH}&top=3`, token);

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('4');
    expect(stub.requests).toHaveLength(4);
    expect((await storeRetries()) - before).toBe(3);
  });

  it('serves the report after a retry', async () => {
    const before = await storeRetries();
    stub.reply(throttled('1'));

    const response = await app.get(`/v1/usage/volume?${MARCH}&top=4`, token);

    expect(response.status).toBe(200);
    expect(response.headers.get('retry-after')).toBeNull();
    expect((await storeRetries()) - before).toBe(1);
  });
});

describe('request lifetime against the Kusto protocol stub', () => {
  let shortApp: RunningApp<KustoStore>;
  let shortToken: string;

  beforeAll(async () => {
    shortApp = await startOnStub({ REQUEST_TIMEOUT_MS: '3000', CACHE_ENABLED: 'true' });
    shortToken = shortApp.identity.token('tenant-a');
  });

  afterAll(() => shortApp.close());

  it('answers 504 at the deadline and cancels the query', async () => {
    stub.requests.length = 0;
    stub.reply({ status: 200, body: [], delayMs: 10_000 });
    const startedMs = Date.now();

    const response = await shortApp.get(`/v1/usage/volume?${MARCH}&top=5`, shortToken);
    const waitedMs = Date.now() - startedMs;
    await waitForRequests(2);

    expect(response.status).toBe(504);
    expect(response.body.type).toBe('/problems/store-timeout');
    expect(waitedMs).toBeLessThan(5000);
    expect(stub.requests.map(cannedShapeOf)).toEqual(['volume series', 'cancel query']);
    expect(stub.requests[1].csl).toBe(
      `.cancel query "${stub.requests[0].headers['x-ms-client-request-id']}"`,
    );
    expect(stub.requests[1].csl).toContain(`;${response.headers.get('x-request-id')};`);
  });

  it('cancels the parallel queries of a failed request', async () => {
    stub.requests.length = 0;
    const slow = { ...cannedReply('quota records'), delayMs: 5000 };
    const unauthorized = {
      status: 401,
      body: { error: { code: 'Unauthorized', message: 'No access', '@permanent': true } },
    };
    stub.reply(unauthorized, slow, slow);

    const response = await shortApp.get('/v1/quota', shortToken);
    // The wait ends before the 3 s deadline, so the cancels come from the response, not from it.
    await waitForRequests(5);

    expect(response.status).toBe(503);
    expect(stub.requests.map(cannedShapeOf).sort()).toEqual([
      'cancel query',
      'cancel query',
      'quota records',
      'quota records',
      'quota records',
    ]);
  });

  it('keeps a shared load when its first client leaves', async () => {
    stub.requests.length = 0;
    stub.reply({ ...cannedReply('volume series'), delayMs: 400 });
    const path = `/v1/usage/volume?${MARCH}&top=6`;
    const leaving = new AbortController();

    const first = fetch(`${shortApp.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${shortToken}` },
      signal: leaving.signal,
    }).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = shortApp.get(path, shortToken);
    await new Promise((resolve) => setTimeout(resolve, 50));
    leaving.abort();

    expect(await first).toBe('AbortError');
    const response = await second;
    expect(response.status).toBe(200);
    expect(response.body.data[0].totals).toEqual({ calls: 5, transactions: 14 });
    expect(stub.requests.map(cannedShapeOf)).toEqual(['volume series']);
  });
});

/** Waits until the stub has received `count` requests, for at most two seconds. */
async function waitForRequests(count: number): Promise<void> {
  await waitFor(() => stub.requests.length >= count, 2_000);
}

/** Drops the bucket bounds, which the volume test already checks, to compare the measures alone. */
function withoutBounds(bucket: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(bucket).filter(([name]) => !['start', 'end', 'partial'].includes(name)),
  );
}
