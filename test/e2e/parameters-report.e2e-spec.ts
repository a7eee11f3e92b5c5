import { UsageEvent } from '@analytics/store';
import { repeatEvent, usageEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const GEOCODE = '/search/2/geocode/{query}.json';
const ROUTING = '/routing/1/calculateRoute/{locations}/json';
const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';
const AT = '2026-03-02T10:00:00Z';

const endpointParam = (endpoint: string) => `endpoint=${encodeURIComponent(endpoint)}`;
const GEOCODE_MARCH = `${MARCH}&${endpointParam(GEOCODE)}`;

/**
 * Tenant A calls the geocode endpoint 13 times in March 1-3:
 *   4 × query, language, limit   3 × query, language   2 × query, key   2 × no parameters
 *   1 × query, limit, countrySet   1 × query, Token
 * so names rank query 11, language 7, limit 5, key 2, then Token and countrySet with 1 each
 * (ties broken by code point, "T" before "c"). Events of tenant B, of another endpoint and just
 * outside the range must never be counted.
 */
function events(): UsageEvent[] {
  return [
    ...repeatEvent(4, {
      at: AT,
      endpoint: GEOCODE,
      params: { query: 'paris', language: 'fr-FR', limit: '5' },
    }),
    ...repeatEvent(3, {
      at: AT,
      endpoint: GEOCODE,
      params: { query: 'berlin', language: 'de-DE' },
    }),
    ...repeatEvent(2, {
      at: AT,
      endpoint: GEOCODE,
      params: { query: 'rome', key: 'SECRET-KEY-123' },
    }),
    ...repeatEvent(2, { at: AT, endpoint: GEOCODE, apiKeyId: 'key-2', params: {} }),
    usageEvent({
      at: AT,
      endpoint: GEOCODE,
      params: { query: 'oslo', limit: '10', countrySet: 'NO' },
    }),
    usageEvent({ at: AT, endpoint: GEOCODE, params: { query: 'lima', Token: 'tok-XYZ-999' } }),
    ...repeatEvent(5, {
      tenantId: 'tenant-b',
      at: AT,
      endpoint: GEOCODE,
      params: { query: 'madrid', tenantOnly: 'b-value' },
    }),
    ...repeatEvent(3, {
      at: AT,
      endpoint: ROUTING,
      params: { query: 'routing-only', routeType: 'fastest' },
    }),
    usageEvent({
      at: '2026-03-04T00:00:00Z',
      endpoint: GEOCODE,
      params: { query: 'late', lateOnly: '1' },
    }),
    usageEvent({
      at: '2026-02-28T23:59:59.999Z',
      endpoint: GEOCODE,
      params: { query: 'early', earlyOnly: '1' },
    }),
  ];
}

interface NameRow {
  name: string;
  calls: number;
  share: number;
  valuesWithheld: boolean;
  other: boolean;
}

const row = (name: string, calls: number, share: number, valuesWithheld = false): NameRow => ({
  name,
  calls,
  share,
  valuesWithheld,
  other: false,
});

describe('GET /v1/usage/parameters', () => {
  let app: RunningApp;
  let tokenA: string;

  beforeAll(async () => {
    app = await startTestApp({ events: events() });
    tokenA = app.identity.token('tenant-a');
  });

  afterAll(() => app.close());

  it('ranks names by calls with shares of all calls', async () => {
    const response = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}`, tokenA);

    expect(response.status).toBe(200);
    expect(response.body.data.parameters).toEqual([
      row('query', 11, 0.846154),
      row('language', 7, 0.538462),
      row('limit', 5, 0.384615),
      row('key', 2, 0.153846, true),
      row('Token', 1, 0.076923, true),
      row('countrySet', 1, 0.076923),
    ]);
    expect(response.body.data.distinctParameters).toBe(6);
    expect(response.body.page).toEqual({ limit: 50, nextCursor: null });
  });

  it('ranks shapes including the empty shape', async () => {
    const response = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}`, tokenA);

    expect(response.body.data.shapes).toEqual([
      { parameters: ['language', 'limit', 'query'], calls: 4, share: 0.307692, other: false },
      { parameters: ['language', 'query'], calls: 3, share: 0.230769, other: false },
      { parameters: [], calls: 2, share: 0.153846, other: false },
      { parameters: ['key', 'query'], calls: 2, share: 0.153846, other: false },
      { parameters: ['Token', 'query'], calls: 1, share: 0.076923, other: false },
      { parameters: ['countrySet', 'limit', 'query'], calls: 1, share: 0.076923, other: false },
    ]);
    expect(response.body.data.distinctShapes).toBe(6);
  });

  it('returns meta with the endpoint and total calls', async () => {
    const response = await app.get(
      `/v1/usage/parameters?from=2026-03-01T01:00:00%2B01:00&to=2026-03-04T00:00:00Z&${endpointParam(GEOCODE)}`,
      tokenA,
    );

    expect(response.body.meta).toEqual({
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-04T00:00:00Z',
      endpoint: GEOCODE,
      totalCalls: 13,
      top: 50,
      generatedAt: '2026-12-01T00:00:00.000Z',
      freshUntil: expect.any(String),
    });
  });

  it('merges names and shapes beyond top into (other)', async () => {
    const response = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}&top=3`, tokenA);

    // (other) counts the calls that carried key, Token or countrySet: 2 + 1 + 1.
    expect(response.body.data.parameters).toEqual([
      row('query', 11, 0.846154),
      row('language', 7, 0.538462),
      row('limit', 5, 0.384615),
      { name: '(other)', calls: 4, share: 0.307692, valuesWithheld: false, other: true },
    ]);
    expect(response.body.data.shapes).toEqual([
      { parameters: ['language', 'limit', 'query'], calls: 4, share: 0.307692, other: false },
      { parameters: ['language', 'query'], calls: 3, share: 0.230769, other: false },
      { parameters: [], calls: 2, share: 0.153846, other: false },
      { parameters: ['(other)'], calls: 4, share: 0.307692, other: true },
    ]);
    expect(response.body.data.distinctParameters).toBe(6);
    expect(response.body.meta.top).toBe(3);
  });

  it('pages every name exactly once', async () => {
    const names: string[] = [];
    const shapeLists: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;

    do {
      const query: string = `${GEOCODE_MARCH}&limit=4&top=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await app.get(`/v1/usage/parameters?${query}`, tokenA);
      expect(response.status).toBe(200);
      names.push(...response.body.data.parameters.map((entry: NameRow) => entry.name));
      shapeLists.push(response.body.data.shapes);
      cursor = response.body.page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);

    expect(pages).toBe(2);
    expect(names).toEqual(['query', 'language', 'limit', 'key', 'Token', '(other)']);
    expect(shapeLists[1]).toEqual(shapeLists[0]);
  });

  it('narrows by apiKey filter', async () => {
    const response = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}&apiKey=key-2`, tokenA);

    expect(response.body.data).toEqual({
      parameters: [],
      shapes: [{ parameters: [], calls: 2, share: 1, other: false }],
      distinctParameters: 0,
      distinctShapes: 1,
    });
    expect(response.body.meta.totalCalls).toBe(2);
  });

  it('counts only the calling tenant', async () => {
    const a = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}`, tokenA);
    const b = await app.get(
      `/v1/usage/parameters?${GEOCODE_MARCH}`,
      app.identity.token('tenant-b'),
    );

    expect(a.body.data.parameters.map((entry: NameRow) => entry.name)).not.toContain('tenantOnly');
    expect(b.body.meta.totalCalls).toBe(5);
    expect(b.body.data.parameters).toEqual([row('query', 5, 1), row('tenantOnly', 5, 1)]);
    expect(b.body.data.shapes).toEqual([
      { parameters: ['query', 'tenantOnly'], calls: 5, share: 1, other: false },
    ]);
  });

  it('returns zero counts for an endpoint without calls', async () => {
    const response = await app.get(`/v1/usage/parameters?${MARCH}&endpoint=%2Funknown`, tokenA);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      parameters: [],
      shapes: [],
      distinctParameters: 0,
      distinctShapes: 0,
    });
    expect(response.body.meta.totalCalls).toBe(0);
  });

  it('never returns secret values', async () => {
    const response = await fetch(`${app.baseUrl}/v1/usage/parameters?${GEOCODE_MARCH}`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(text).not.toContain('SECRET-KEY-123');
    expect(text).not.toContain('tok-XYZ-999');
  });

  it('documents both operations in the OpenAPI spec', async () => {
    const response = await app.get('/openapi.json');
    const usage = response.body.paths['/v1/usage/parameters'].get;
    const values = response.body.paths['/v1/usage/parameters/{name}/values'].get;

    expect(usage.operationId).toBe('getParameterUsage');
    expect(values.operationId).toBe('getParameterValues');
    expect(
      usage.parameters.find((parameter: { name: string }) => parameter.name === 'endpoint')
        .required,
    ).toBe(true);
    expect(
      values.parameters.find((parameter: { name: string }) => parameter.name === 'name').in,
    ).toBe('path');
  });

  it('answers 401 without a token', async () => {
    const response = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}`);

    expect(response.status).toBe(401);
  });

  describe('rejects bad input', () => {
    const cases: [string, string, string][] = [
      ['missing endpoint', MARCH, 'endpoint'],
      ['repeated endpoint', `${GEOCODE_MARCH}&${endpointParam(ROUTING)}`, 'endpoint'],
      ['empty endpoint', `${MARCH}&endpoint=`, 'endpoint'],
      ['missing from', `to=2026-03-04T00:00:00Z&${endpointParam(GEOCODE)}`, 'from'],
      [
        'date without offset',
        `from=2026-03-01T00:00:00&to=2026-03-04T00:00:00Z&${endpointParam(GEOCODE)}`,
        'from',
      ],
      [
        'range over 92 days',
        `from=2026-01-01T00:00:00Z&to=2026-04-03T00:00:01Z&${endpointParam(GEOCODE)}`,
        'to',
      ],
      [
        'to before from',
        `from=2026-03-04T00:00:00Z&to=2026-03-01T00:00:00Z&${endpointParam(GEOCODE)}`,
        'to',
      ],
      ['top over 200', `${GEOCODE_MARCH}&top=201`, 'top'],
      ['limit zero', `${GEOCODE_MARCH}&limit=0`, 'limit'],
      ['granularity', `${GEOCODE_MARCH}&granularity=day`, 'granularity'],
      ['tampered cursor', `${GEOCODE_MARCH}&cursor=eyJ2IjoxfQ.AAAA`, 'cursor'],
    ];

    it.each(cases)('%s', async (_name, query, parameter) => {
      const response = await app.get(`/v1/usage/parameters?${query}`, tokenA);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors[0].parameter).toBe(parameter);
    });
  });

  it('accepts a range of exactly 92 days', async () => {
    const response = await app.get(
      `/v1/usage/parameters?from=2026-01-01T00:00:00Z&to=2026-04-03T00:00:00Z&${endpointParam(GEOCODE)}`,
      tokenA,
    );

    expect(response.status).toBe(200);
    expect(response.body.meta.totalCalls).toBe(15);
  });

  it('rejects a cursor altered by one character', async () => {
    const first = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}&limit=2`, tokenA);
    const cursor: string = first.body.page.nextCursor;
    const altered = `${cursor.slice(0, -1)}${cursor.endsWith('A') ? 'B' : 'A'}`;

    const response = await app.get(
      `/v1/usage/parameters?${GEOCODE_MARCH}&limit=2&cursor=${encodeURIComponent(altered)}`,
      tokenA,
    );

    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe('cursor');
  });

  it('rejects a cursor of another tenant or query', async () => {
    const first = await app.get(`/v1/usage/parameters?${GEOCODE_MARCH}&limit=2`, tokenA);
    const cursor = encodeURIComponent(first.body.page.nextCursor);

    const otherTenant = await app.get(
      `/v1/usage/parameters?${GEOCODE_MARCH}&limit=2&cursor=${cursor}`,
      app.identity.token('tenant-b'),
    );
    const otherTop = await app.get(
      `/v1/usage/parameters?${GEOCODE_MARCH}&limit=2&top=4&cursor=${cursor}`,
      tokenA,
    );
    const otherEndpoint = await app.get(
      `/v1/usage/parameters?${MARCH}&${endpointParam(ROUTING)}&limit=2&cursor=${cursor}`,
      tokenA,
    );

    expect(otherTenant.status).toBe(400);
    expect(otherTop.status).toBe(400);
    expect(otherEndpoint.status).toBe(400);
    expect(otherEndpoint.body.errors[0].parameter).toBe('cursor');
  });
});

describe('GET /v1/usage/parameters/{name}/values', () => {
  let app: RunningApp;
  let tokenA: string;

  beforeAll(async () => {
    app = await startTestApp({ events: events() });
    tokenA = app.identity.token('tenant-a');
  });

  afterAll(() => app.close());

  const valuesPath = (name: string, query = GEOCODE_MARCH) =>
    `/v1/usage/parameters/${encodeURIComponent(name)}/values?${query}`;

  it('ranks the values of a parameter', async () => {
    const response = await app.get(valuesPath('language'), tokenA);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      name: 'language',
      calls: 7,
      share: 0.538462,
      withheld: false,
      reason: null,
      distinctValues: 2,
      values: [
        { value: 'fr-FR', calls: 4, share: 0.571429, other: false },
        { value: 'de-DE', calls: 3, share: 0.428571, other: false },
      ],
    });
    expect(response.body.page).toEqual({ limit: 50, nextCursor: null });
    expect(response.body.meta).toMatchObject({ endpoint: GEOCODE, totalCalls: 13, top: 100 });
  });

  it('merges values beyond top into (other)', async () => {
    const response = await app.get(valuesPath('query', `${GEOCODE_MARCH}&top=2`), tokenA);

    // query values: paris 4, berlin 3, rome 2, lima 1, oslo 1; (other) is rome, lima and oslo.
    expect(response.body.data.values).toEqual([
      { value: 'paris', calls: 4, share: 0.363636, other: false },
      { value: 'berlin', calls: 3, share: 0.272727, other: false },
      { value: '(other)', calls: 4, share: 0.363636, other: true },
    ]);
    expect(response.body.data.distinctValues).toBe(5);
  });

  it('pages every value exactly once', async () => {
    const first = await app.get(valuesPath('query', `${GEOCODE_MARCH}&limit=3`), tokenA);
    const second = await app.get(
      valuesPath(
        'query',
        `${GEOCODE_MARCH}&limit=3&cursor=${encodeURIComponent(first.body.page.nextCursor)}`,
      ),
      tokenA,
    );

    expect(first.body.data.values.map((entry: { value: string }) => entry.value)).toEqual([
      'paris',
      'berlin',
      'rome',
    ]);
    expect(second.body.data.values).toEqual([
      { value: 'lima', calls: 1, share: 0.090909, other: false },
      { value: 'oslo', calls: 1, share: 0.090909, other: false },
    ]);
    expect(second.body.page.nextCursor).toBeNull();
  });

  it('withholds the values of key', async () => {
    const response = await fetch(`${app.baseUrl}${valuesPath('key')}`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    const text = await response.text();
    const body = JSON.parse(text);

    expect(response.status).toBe(200);
    expect(body.data).toEqual({
      name: 'key',
      calls: 2,
      share: 0.153846,
      withheld: true,
      reason: expect.stringContaining('never returned'),
      distinctValues: null,
      values: [],
    });
    expect(body.page.nextCursor).toBeNull();
    expect(text).not.toContain('SECRET-KEY-123');
  });

  it('withholds secret names case-insensitively', async () => {
    const response = await fetch(`${app.baseUrl}${valuesPath('Token')}`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    const text = await response.text();
    const body = JSON.parse(text);

    expect(body.data.withheld).toBe(true);
    expect(body.data.calls).toBe(1);
    expect(text).not.toContain('tok-XYZ-999');
  });

  it('counts a parameter name exactly', async () => {
    const response = await app.get(valuesPath('KEY'), tokenA);

    expect(response.body.data).toMatchObject({ name: 'KEY', calls: 0, withheld: true, values: [] });
  });

  it('returns no values for an absent parameter', async () => {
    const response = await app.get(valuesPath('tenantOnly'), tokenA);

    expect(response.body.data).toEqual({
      name: 'tenantOnly',
      calls: 0,
      share: 0,
      withheld: false,
      reason: null,
      distinctValues: 0,
      values: [],
    });
  });

  it('counts only the calling tenant', async () => {
    const response = await app.get(valuesPath('query'), app.identity.token('tenant-b'));

    expect(response.body.data.values).toEqual([
      { value: 'madrid', calls: 5, share: 1, other: false },
    ]);
    expect(response.body.meta.totalCalls).toBe(5);
  });

  it('accepts a name of 128 characters', async () => {
    const response = await app.get(valuesPath('n'.repeat(128)), tokenA);

    expect(response.status).toBe(200);
  });

  it('accepts 128 percent-encoded characters', async () => {
    const name = '€'.repeat(128);

    const response = await app.get(valuesPath(name), tokenA);

    expect(response.status).toBe(200);
    expect(response.body.data.name).toBe(name);
  });

  it('decodes a name with a slash', async () => {
    const response = await app.get(valuesPath('filter a/b'), tokenA);

    expect(response.status).toBe(200);
    expect(response.body.data.name).toBe('filter a/b');
  });

  it('answers 404 for an empty name segment', async () => {
    // The router matches no route when the name segment is empty, so the name check never runs.
    const response = await app.get(`/v1/usage/parameters//values?${GEOCODE_MARCH}`, tokenA);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  describe('rejects bad input', () => {
    const cases: [string, string, string][] = [
      ['129-character name', valuesPath('n'.repeat(129)), 'name'],
      ['missing endpoint', valuesPath('query', MARCH), 'endpoint'],
      [
        'repeated endpoint',
        valuesPath('query', `${GEOCODE_MARCH}&${endpointParam(ROUTING)}`),
        'endpoint',
      ],
      [
        'range over 92 days',
        valuesPath(
          'query',
          `from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&${endpointParam(GEOCODE)}`,
        ),
        'to',
      ],
      ['top over 1000', valuesPath('query', `${GEOCODE_MARCH}&top=1001`), 'top'],
      ['tampered cursor', valuesPath('query', `${GEOCODE_MARCH}&cursor=eyJ2IjoxfQ.AAAA`), 'cursor'],
      [
        'tampered cursor on a withheld name',
        valuesPath('key', `${GEOCODE_MARCH}&cursor=eyJ2IjoxfQ.AAAA`),
        'cursor',
      ],
    ];

    it.each(cases)('%s', async (_name, path, parameter) => {
      const response = await app.get(path, tokenA);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors[0].parameter).toBe(parameter);
    });
  });

  it('rejects a cursor of another parameter', async () => {
    const first = await app.get(valuesPath('query', `${GEOCODE_MARCH}&limit=1`), tokenA);

    const response = await app.get(
      valuesPath(
        'language',
        `${GEOCODE_MARCH}&limit=1&cursor=${encodeURIComponent(first.body.page.nextCursor)}`,
      ),
      tokenA,
    );

    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe('cursor');
  });
});
