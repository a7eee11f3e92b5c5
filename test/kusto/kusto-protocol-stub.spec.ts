import { waitFor } from '../support/wait-for';
import { StoreTimeoutError, StoreUnavailableError, TenantScope } from '@analytics/common';
import { KustoLatencyRepository } from '@analytics/reports/latency';
import { KustoVolumeRepository } from '@analytics/reports/volume';
import {
  createKustoClient,
  KqlParameters,
  KustoPartialResultError,
  KustoQueryError,
  KustoQueryRunner,
  KustoValueError,
  loadKustoSettings,
  readDatetimeTicks,
  readLong,
} from '@analytics/store';
import { Client } from 'azure-kusto-data';
import { kustoError, KustoProtocolStub, v1Result, v2Result } from './support/kusto-protocol-stub';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const scope = TenantScope.of('tenant-a');

const volumeRequest = {
  selection: { fromMs: T0, toMs: T0 + 2 * HOUR, filters: { product: ['search'] } },
  groupBy: ['product' as const],
  bucketStartsMs: [T0, T0 + HOUR],
  groups: { only: [['search']] },
};

const volumeColumns = [
  { name: 'BucketIndex', type: 'long' },
  { name: 'k0', type: 'string' },
  { name: 'calls', type: 'string' },
  { name: 'transactions', type: 'string' },
];

let stub: KustoProtocolStub;
let client: Client;
let runner: KustoQueryRunner;
let sleeps: number[];

beforeEach(async () => {
  stub = await KustoProtocolStub.start();
  sleeps = [];
  const settings = loadKustoSettings({
    KUSTO_CLUSTER_URL: stub.url,
    KUSTO_DATABASE: 'usage',
    KUSTO_AUTH: 'none',
    KUSTO_SERVER_TIMEOUT_SECONDS: '1',
  });
  client = createKustoClient(settings);
  runner = new KustoQueryRunner(client, settings, {
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    clientTimeoutGraceMs: 300,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
});

afterEach(async () => {
  client.close();
  await stub.stop();
});

describe('KustoQueryRunner against the Kusto protocol stub', () => {
  it('parses frames into volume series rows against the Kusto protocol stub', async () => {
    stub.reply({
      status: 200,
      body: v2Result(volumeColumns, [
        [0, 'search', '3', '4'],
        [1, 'search', '1', '1'],
        [null, 'search', '4', '5'],
      ]),
    });

    const rows = await new KustoVolumeRepository(runner).series(scope, volumeRequest);

    expect(rows).toEqual([
      { bucketIndex: 0, key: ['search'], measures: { calls: 3, transactions: 4 } },
      { bucketIndex: 1, key: ['search'], measures: { calls: 1, transactions: 1 } },
      { bucketIndex: null, key: ['search'], measures: { calls: 4, transactions: 5 } },
    ]);
  });

  it('sends request properties and parameters against the Kusto protocol stub', async () => {
    stub.reply({ status: 200, body: v2Result(volumeColumns, []) });

    await new KustoVolumeRepository(runner).series(scope, volumeRequest);

    const [request] = stub.requests;
    expect(request.path).toBe('/v2/rest/query');
    expect(request.db).toBe('usage');
    expect(request.headers['x-ms-app']).toBe('usage-analytics-api');
    expect(request.headers['x-ms-client-request-id']).toMatch(
      /^usage-analytics-api;[0-9a-f-]{36};1;1$/,
    );
    expect(request.options).toEqual({
      servertimeout: '00:00:01.000',
      truncationmaxrecords: 100000,
    });
    expect(request.parameters.p_tenant).toBe('tenant-a');
    expect(request.parameters.p_from).toBe('datetime(2026-03-01T00:00:00.0000000Z)');
    expect(request.parameters.p_filter).toBe('dynamic(["search"])');
    expect(request.parameters.p_groups).toBe('dynamic([["search"]])');
    expect(request.csl.startsWith('declare query_parameters(')).toBe(true);
    expect(request.csl).not.toContain('tenant-a');
  });

  it('derives the client request id from the HTTP request id against the Kusto protocol stub', async () => {
    stub.reply({ status: 200, body: v2Result([{ name: 'x', type: 'long' }], [[1]]) });

    await runner.query('print x = 1', new KqlParameters(), { requestId: 'req-42' });

    expect(stub.requests[0].headers['x-ms-client-request-id']).toBe(
      'usage-analytics-api;req-42;1;1',
    );
  });

  it('numbers parallel calls of one request against the Kusto protocol stub', async () => {
    const ok = { status: 200, body: v2Result([{ name: 'x', type: 'long' }], [[1]]) };
    stub.reply(ok, ok, ok);

    await Promise.all(
      [1, 2, 3].map(() => runner.query('print x = 1', new KqlParameters(), { requestId: 'req-9' })),
    );

    const ids = stub.requests.map((request) => request.headers['x-ms-client-request-id']);
    expect(new Set(ids).size).toBe(3);
    expect([...ids].sort()).toEqual([
      'usage-analytics-api;req-9;1;1',
      'usage-analytics-api;req-9;2;1',
      'usage-analytics-api;req-9;3;1',
    ]);
  });

  it('retries 429 then succeeds against the Kusto protocol stub', async () => {
    stub.reply(
      { status: 429, body: kustoError('General_Throttled', 'Throttled', false) },
      { status: 200, body: v2Result([{ name: 'x', type: 'long' }], [[7]]) },
    );

    const rows = await runner.query('print x = 7', new KqlParameters(), { requestId: 'req-1' });

    expect(rows).toEqual([{ x: 7 }]);
    expect(stub.requests.map((request) => request.headers['x-ms-client-request-id'])).toEqual([
      'usage-analytics-api;req-1;1;1',
      'usage-analytics-api;req-1;1;2',
    ]);
    expect(sleeps).toEqual([50]);
  });

  it('gives up on repeated 5xx with backoff against the Kusto protocol stub', async () => {
    const unavailable = {
      status: 503,
      body: kustoError('ServiceUnavailable', 'Service is busy', false),
    };
    stub.reply(unavailable, unavailable, unavailable);
    const retries: string[] = [];
    runner.onRetry(({ kind, failure, attempt }) =>
      retries.push(`${kind} ${failure.kind} ${attempt}`),
    );

    const error = await runner.query('print x = 1', new KqlParameters()).catch((caught) => caught);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    // No Retry-After came from Kusto, so the caller gets the policy's longest backoff.
    expect(error.retryAfterSeconds).toBe(1);
    expect(stub.requests).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
    expect(retries).toEqual(['query transient 1', 'query transient 2']);
  });

  it('waits at least the Retry-After of a 429 against the Kusto protocol stub', async () => {
    stub.reply(
      {
        status: 429,
        headers: { 'retry-after': '1' },
        body: kustoError('General_Throttled', 'Throttled', false),
      },
      { status: 200, body: v2Result([{ name: 'x', type: 'long' }], [[7]]) },
    );

    const rows = await runner.query('print x = 7', new KqlParameters());

    expect(rows).toEqual([{ x: 7 }]);
    expect(sleeps).toEqual([1000]);
  });

  it('stops on a long Retry-After against the Kusto protocol stub', async () => {
    stub.reply({
      status: 503,
      headers: { 'retry-after': '20' },
      body: kustoError('ServiceUnavailable', 'Service is busy', false),
    });

    const error = await runner.query('print x = 1', new KqlParameters()).catch((caught) => caught);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.retryAfterSeconds).toBe(20);
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('stops at the deadline and cancels against the Kusto protocol stub', async () => {
    const deadlineMs = Date.now() + 300;
    runner.useQueryLimits(() => ({ deadlineMs }));
    stub.reply(
      { status: 200, body: v2Result([{ name: 'x', type: 'long' }], [[1]]), delayMs: 3000 },
      { status: 200, body: v1Result([{ name: 'ReasonPhrase', type: 'string' }], [['Cancelled']]) },
    );

    const error = await runner
      .query('print x = 1', new KqlParameters(), { requestId: 'req-7' })
      .catch((caught) => caught);
    await waitFor(() => stub.requests.length === 2);

    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect(Date.now()).toBeLessThan(deadlineMs + 2000);
    // The server timeout is the time left, not the configured second.
    expect(stub.requests[0].options.servertimeout).toMatch(/^00:00:00\.[0-3]\d\d$/);
    expect(stub.requests[1].path).toBe('/v1/rest/mgmt');
    expect(stub.requests[1].csl).toBe('.cancel query "usage-analytics-api;req-7;1;1"');
  });

  it('stops on cancellation and cancels against the Kusto protocol stub', async () => {
    const controller = new AbortController();
    runner.useQueryLimits(() => ({ signal: controller.signal }));
    stub.reply(
      { status: 200, body: v2Result([{ name: 'x', type: 'long' }], [[1]]), delayMs: 3000 },
      { status: 200, body: v1Result([{ name: 'ReasonPhrase', type: 'string' }], [['Cancelled']]) },
    );

    const pending = runner.query('print x = 1', new KqlParameters(), { requestId: 'req-8' });
    await waitFor(() => stub.requests.length === 1);
    controller.abort();
    const error = await pending.catch((caught) => caught);
    await waitFor(() => stub.requests.length === 2);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toContain('cancelled');
    expect(stub.requests[1].csl).toBe('.cancel query "usage-analytics-api;req-8;1;1"');
  });

  it('sends nothing past the deadline against the Kusto protocol stub', async () => {
    runner.useQueryLimits(() => ({ deadlineMs: Date.now() - 1 }));

    await expect(runner.query('print x = 1', new KqlParameters())).rejects.toBeInstanceOf(
      StoreTimeoutError,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it('skips a late retry against the Kusto protocol stub', async () => {
    const deadlineMs = Date.now() + 2000;
    runner = new KustoQueryRunner(
      client,
      { database: 'usage', serverTimeoutMs: 1000, truncationMaxRecords: 10 },
      {
        retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000 },
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
      },
    );
    runner.useQueryLimits(() => ({ deadlineMs }));
    stub.reply({
      status: 429,
      headers: { 'retry-after': '4' },
      body: kustoError('General_Throttled', 'Throttled', false),
    });

    const error = await runner.query('print x = 1', new KqlParameters()).catch((caught) => caught);

    // The store asked for 4 s and 2 s are left, so the caller gets the 503 with that wait.
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.retryAfterSeconds).toBe(4);
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('sends a whole-millisecond server timeout against the Kusto protocol stub', async () => {
    runner.useQueryLimits(() => ({ deadlineMs: Date.now() + 700.375 }));
    stub.reply({ status: 200, body: v2Result([{ name: 'x', type: 'long' }], [[1]]) });

    await runner.query('print x = 1', new KqlParameters());

    expect(stub.requests[0].options.servertimeout).toMatch(/^00:00:00\.[0-7]\d\d$/);
  });

  it('gives up a hanging ping and cancels it against the Kusto protocol stub', async () => {
    stub.reply(
      { status: 200, body: v2Result([{ name: 'ready', type: 'int' }], [[1]]), delayMs: 3000 },
      { status: 200, body: v1Result([{ name: 'ReasonPhrase', type: 'string' }], [['Cancelled']]) },
    );

    await expect(runner.ping(200)).rejects.toBeInstanceOf(StoreTimeoutError);
    await waitFor(() => stub.requests.length === 2);

    expect(stub.requests[0].headers['x-ms-client-request-id']).toMatch(
      /^usage-analytics-api;ping-[0-9a-f-]{36};1;1$/,
    );
    expect(stub.requests[1].csl).toBe(
      `.cancel query "${stub.requests[0].headers['x-ms-client-request-id']}"`,
    );
  });

  it('pings once and counts throttling as up against the Kusto protocol stub', async () => {
    stub.reply({ status: 429, body: kustoError('General_Throttled', 'Throttled', false) });

    await expect(runner.ping(1000)).resolves.toBeUndefined();
    expect(stub.requests.map((request) => request.csl)).toEqual(['print ready = 1']);
  });

  it('pings once and reports an outage against the Kusto protocol stub', async () => {
    stub.reply({ status: 503, body: kustoError('ServiceUnavailable', 'Service is busy', false) });

    await expect(runner.ping(1000)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a permanent 5xx against the Kusto protocol stub', async () => {
    stub.reply({ status: 520, body: kustoError('InternalServiceError', 'Broken for good', true) });

    await expect(runner.query('print x = 1', new KqlParameters())).rejects.toBeInstanceOf(
      KustoQueryError,
    );
    expect(stub.requests).toHaveLength(1);
  });

  it('does not retry a semantic error against the Kusto protocol stub', async () => {
    stub.reply({
      status: 400,
      body: kustoError('SEM0100', "Failed to resolve column 'Nope'", true),
    });

    const failure = runner.query('Events | where Nope == 1', new KqlParameters());

    await expect(failure).rejects.toBeInstanceOf(KustoQueryError);
    await expect(failure).rejects.toThrow(/SEM0100/);
    expect(stub.requests).toHaveLength(1);
  });

  it('maps a client timeout to StoreTimeoutError against the Kusto protocol stub', async () => {
    stub.reply({
      status: 200,
      body: v2Result([{ name: 'x', type: 'long' }], [[1]]),
      delayMs: 3000,
    });

    await expect(runner.query('print x = 1', new KqlParameters())).rejects.toBeInstanceOf(
      StoreTimeoutError,
    );
    expect(stub.requests).toHaveLength(1);
  });

  it('maps a server timeout (504) to StoreTimeoutError against the Kusto protocol stub', async () => {
    stub.reply({
      status: 504,
      body: kustoError('QueryTimeout', 'Query execution has exceeded the allowed limits', true),
    });

    await expect(runner.query('print x = 1', new KqlParameters())).rejects.toBeInstanceOf(
      StoreTimeoutError,
    );
    expect(stub.requests).toHaveLength(1);
  });

  it('rejects a partial failure instead of serving rows against the Kusto protocol stub', async () => {
    const oneApiError = {
      error: {
        code: 'LimitsExceeded',
        message: 'Request is invalid and cannot be executed.',
        '@type': 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException',
        '@message': 'Query result set has exceeded the internal record count limit',
        '@permanent': true,
      },
    };
    stub.reply({
      status: 200,
      body: v2Result(
        volumeColumns,
        [[0, 'search', '3', '4'], { OneApiErrors: [oneApiError] } as unknown as unknown[]],
        { hasErrors: true, oneApiErrors: [oneApiError] },
      ),
    });

    const error = await new KustoVolumeRepository(runner)
      .series(scope, volumeRequest)
      .catch((caught) => caught);

    expect(error).toBeInstanceOf(KustoPartialResultError);
    // The same query would be cut off again, so no Retry-After invites the caller to repeat it.
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(stub.requests).toHaveLength(1);
  });

  it('reads longs beyond 2^53 exactly as strings against the Kusto protocol stub', async () => {
    stub.reply({
      status: 200,
      body: v2Result([{ name: 'big', type: 'string' }], [['9223372036854775807']]),
    });

    const [row] = await runner.query(
      'print big = tostring(9223372036854775807)',
      new KqlParameters(),
    );

    expect(readLong(row.big, 'big')).toBe(9223372036854775807n);
  });

  it('refuses a long beyond 2^53 sent as a JSON number against the Kusto protocol stub', async () => {
    const frames = JSON.stringify(v2Result(volumeColumns, [[null, 'search', 0, 1]])).replace(
      '"search",0,1',
      '"search",9223372036854775807,1',
    );
    stub.reply({ status: 200, body: frames });

    await expect(
      new KustoVolumeRepository(runner).series(scope, volumeRequest),
    ).rejects.toBeInstanceOf(KustoValueError);
  });

  it('reads dynamic values as objects and as strings against the Kusto protocol stub', async () => {
    const columns = [
      { name: 'BucketIndex', type: 'long' },
      { name: 'samples', type: 'string' },
      { name: 'quantiles', type: 'dynamic' },
    ];
    stub.reply({
      status: 200,
      body: v2Result(columns, [
        [0, '2', [10.5, 20.25]],
        [null, '2', '[10.5,20.2504]'],
      ]),
    });

    const rows = await new KustoLatencyRepository(runner).series(scope, {
      ...volumeRequest,
      groupBy: [],
      groups: { only: [] },
      percentiles: [50, 99.9],
    });

    expect(rows).toEqual([
      {
        bucketIndex: 0,
        key: [],
        measures: { count: 2, percentiles: { p50: 10.5, 'p99.9': 20.25 } },
      },
      {
        bucketIndex: null,
        key: [],
        measures: { count: 2, percentiles: { p50: 10.5, 'p99.9': 20.25 } },
      },
    ]);
  });

  it('keeps the order of datetimes with 7 fractional digits against the Kusto protocol stub', async () => {
    const columns = [{ name: 'At', type: 'string' }];
    stub.reply({
      status: 200,
      body: v2Result(columns, [['2026-03-01T00:00:00.1234568Z'], ['2026-03-01T00:00:00.1234567Z']]),
    });

    const rows = await runner.query('print At = tostring(now())', new KqlParameters());
    const ticks = rows.map((row) => readDatetimeTicks(row.At, 'At'));

    expect(ticks[0] - ticks[1]).toBe(1n);
    expect(new Date(String(rows[0].At)).getTime()).toBe(new Date(String(rows[1].At)).getTime());
  });

  it('sends management commands to the mgmt endpoint against the Kusto protocol stub', async () => {
    stub.reply({
      status: 200,
      body: v1Result([{ name: 'TableName', type: 'string' }], [['Events']]),
    });

    const rows = await runner.command('.show tables', { idempotent: true });

    expect(stub.requests[0].path).toBe('/v1/rest/mgmt');
    expect(stub.requests[0].csl).toBe('.show tables');
    expect(rows).toEqual([{ TableName: 'Events' }]);
  });

  it('does not repeat a non-idempotent command after a 5xx against the Kusto protocol stub', async () => {
    stub.reply({ status: 503, body: kustoError('ServiceUnavailable', 'Service is busy', false) });

    await expect(
      runner.command('.set-or-append Quota <| print x = 1', { idempotent: false }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(stub.requests).toHaveLength(1);
  });
});
