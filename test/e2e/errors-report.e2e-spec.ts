import { UsageEvent } from '@analytics/store';
import { repeatEvent, usageEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z';
const ROUTE = '/routing/1/calculateRoute/{locations}/json';

interface Group {
  key: Record<string, string>;
  buckets: Record<string, unknown>[];
  totals: Record<string, number>;
}

/** Calls on one endpoint at one time, `count` per status code. */
function callsWithStatuses(
  tenantId: string,
  endpoint: string,
  at: string,
  counts: Record<number, number>,
): UsageEvent[] {
  return Object.entries(counts).flatMap(([statusCode, count]) =>
    repeatEvent(count, { tenantId, endpoint, at, statusCode: Number(statusCode) }),
  );
}

/**
 * Endpoints of the ranking tenant, chosen so that every order gives a different list:
 * /a 1 call (one 503); /b 20 calls (2 × 500); /c 25 calls (5 × 404, 5 × 502);
 * /d 30 calls (9 × 400); /e 20 calls (2 × 503), which ties /b on every rate.
 */
const RANKING_EVENTS = [
  ...callsWithStatuses('tenant-rank', '/a', '2026-03-02T10:00:00Z', { 503: 1 }),
  ...callsWithStatuses('tenant-rank', '/b', '2026-03-02T10:00:00Z', { 200: 18, 500: 2 }),
  ...callsWithStatuses('tenant-rank', '/c', '2026-03-02T11:00:00Z', { 200: 15, 404: 5, 502: 5 }),
  ...callsWithStatuses('tenant-rank', '/d', '2026-03-02T12:00:00Z', { 200: 21, 400: 9 }),
  ...callsWithStatuses('tenant-rank', '/e', '2026-03-02T13:00:00Z', { 200: 18, 503: 2 }),
];

/** Calls around the Europe/Amsterdam switch to summer time on 2026-03-29 (02:00 +01:00 → 03:00 +02:00). */
const DST_EVENTS = [
  usageEvent({ tenantId: 'tenant-dst', at: '2026-03-27T23:00:00Z', statusCode: 200 }), // 28th 00:00 +01:00
  usageEvent({ tenantId: 'tenant-dst', at: '2026-03-28T22:59:59.999Z', statusCode: 500 }), // 28th 23:59:59.999 +01:00
  usageEvent({ tenantId: 'tenant-dst', at: '2026-03-28T23:00:00Z', statusCode: 503 }), // 29th 00:00 +01:00
  usageEvent({ tenantId: 'tenant-dst', at: '2026-03-29T00:59:59Z', statusCode: 200 }), // 29th 01:59:59 +01:00
  usageEvent({ tenantId: 'tenant-dst', at: '2026-03-29T01:00:00Z', statusCode: 200 }), // 29th 03:00 +02:00
  usageEvent({ tenantId: 'tenant-dst', at: '2026-03-29T21:59:59.999Z', statusCode: 404 }), // 29th 23:59:59.999 +02:00
  usageEvent({ tenantId: 'tenant-dst', at: '2026-03-29T22:00:00Z', statusCode: 500 }), // 30th 00:00 +02:00
];

describe('GET /v1/usage/errors', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({
      events: [
        ...callsWithStatuses('tenant-a', '/search/2/geocode/{query}.json', '2026-03-01T10:00:00Z', {
          200: 6,
          301: 1,
          404: 2,
          503: 1,
        }),
        ...callsWithStatuses('tenant-a', ROUTE, '2026-03-03T23:59:00Z', { 200: 2, 429: 1 }),
        usageEvent({ tenantId: 'tenant-a', at: '2026-03-04T00:00:00Z', statusCode: 500 }),
        ...RANKING_EVENTS,
        ...DST_EVENTS,
      ],
    });
  });

  afterAll(() => app.close());

  const get = (query: string, tenantId = 'tenant-a') =>
    app.get(`/v1/usage/errors?${query}`, app.identity.token(tenantId));
  const endpointsOf = (body: { data: Group[] }) => body.data.map((group) => group.key.endpoint);

  describe('counts and rates', () => {
    it('counts calls per status class per day', async () => {
      const response = await get(`${MARCH}&granularity=day`);

      expect(response.status).toBe(200);
      expect(response.body.data).toHaveLength(1);
      expect(response.body.data[0].key).toEqual({});
      expect(response.body.data[0].buckets).toEqual([
        {
          start: '2026-03-01T00:00:00Z',
          end: '2026-03-02T00:00:00Z',
          partial: false,
          calls: 10,
          status2xx: 6,
          status3xx: 1,
          status4xx: 2,
          status5xx: 1,
          clientErrorRate: 0.2,
          serverErrorRate: 0.1,
        },
        {
          start: '2026-03-02T00:00:00Z',
          end: '2026-03-03T00:00:00Z',
          partial: false,
          calls: 0,
          status2xx: 0,
          status3xx: 0,
          status4xx: 0,
          status5xx: 0,
          clientErrorRate: 0,
          serverErrorRate: 0,
        },
        {
          start: '2026-03-03T00:00:00Z',
          end: '2026-03-04T00:00:00Z',
          partial: false,
          calls: 3,
          status2xx: 2,
          status3xx: 0,
          status4xx: 1,
          status5xx: 0,
          clientErrorRate: 0.333333,
          serverErrorRate: 0,
        },
      ]);
    });

    it('totals the range with rounded rates', async () => {
      const response = await get(MARCH);

      expect(response.body.data[0].totals).toEqual({
        calls: 13,
        status2xx: 8,
        status3xx: 1,
        status4xx: 3,
        status5xx: 1,
        clientErrorRate: 0.230769,
        serverErrorRate: 0.076923,
      });
    });

    it('returns rates 0 for a tenant without calls', async () => {
      const response = await get(MARCH, 'tenant-empty');

      expect(response.status).toBe(200);
      expect(response.body.data[0].totals).toEqual({
        calls: 0,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 0,
        clientErrorRate: 0,
        serverErrorRate: 0,
      });
      expect(
        response.body.data[0].buckets.map(
          (bucket: { serverErrorRate: number }) => bucket.serverErrorRate,
        ),
      ).toEqual([0, 0, 0]);
    });

    it('groups by statusCode with string keys', async () => {
      const response = await get(`${MARCH}&groupBy=statusCode`);

      expect(response.body.data.map((group: Group) => [group.key, group.totals.calls])).toEqual([
        [{ statusCode: '200' }, 8],
        [{ statusCode: '404' }, 2],
        [{ statusCode: '301' }, 1],
        [{ statusCode: '429' }, 1],
        [{ statusCode: '503' }, 1],
      ]);
    });

    it('groups by endpoint and statusCode', async () => {
      const response = await get(`${MARCH}&groupBy=endpoint&groupBy=statusCode&statusClass=4xx`);

      expect(response.body.data.map((group: Group) => [group.key, group.totals.status4xx])).toEqual(
        [
          [{ endpoint: '/search/2/geocode/{query}.json', statusCode: '404' }, 2],
          [{ endpoint: ROUTE, statusCode: '429' }, 1],
        ],
      );
    });
  });

  describe('statusClass filter', () => {
    it('keeps calls of the repeated classes', async () => {
      const response = await get(`${MARCH}&statusClass=4xx&statusClass=5xx`);

      expect(response.body.data[0].totals).toEqual({
        calls: 4,
        status2xx: 0,
        status3xx: 0,
        status4xx: 3,
        status5xx: 1,
        clientErrorRate: 0.75,
        serverErrorRate: 0.25,
      });
    });

    it('keeps calls of a single class', async () => {
      const response = await get(`${MARCH}&statusClass=3xx`);

      expect(response.body.data[0].totals).toEqual({
        calls: 1,
        status2xx: 0,
        status3xx: 1,
        status4xx: 0,
        status5xx: 0,
        clientErrorRate: 0,
        serverErrorRate: 0,
      });
    });

    it('applies to the ranking too', async () => {
      const response = await get(`${MARCH}&groupBy=endpoint&statusClass=5xx`, 'tenant-rank');

      expect(
        response.body.data.map((group: Group) => [group.key.endpoint, group.totals.calls]),
      ).toEqual([
        ['/c', 5],
        ['/b', 2],
        ['/e', 2],
        ['/a', 1],
      ]);
    });
  });

  describe('orderBy', () => {
    const rank = async (query: string) =>
      endpointsOf((await get(`${MARCH}&groupBy=endpoint&${query}`, 'tenant-rank')).body);

    it('ranks by calls by default', async () => {
      expect(await rank('')).toEqual(['/d', '/c', '/b', '/e', '/a']);
      expect(await rank('orderBy=calls')).toEqual(['/d', '/c', '/b', '/e', '/a']);
    });

    it('ranks serverErrors by 5xx calls', async () => {
      expect(await rank('orderBy=serverErrors')).toEqual(['/c', '/b', '/e', '/a', '/d']);
    });

    it('ranks clientErrors by 4xx calls', async () => {
      expect(await rank('orderBy=clientErrors')).toEqual(['/d', '/c', '/a', '/b', '/e']);
    });

    it('ranks serverErrorRate below 20 calls last', async () => {
      expect(await rank('orderBy=serverErrorRate')).toEqual(['/c', '/b', '/e', '/d', '/a']);
    });

    it('ranks serverErrorRate with minCalls 1', async () => {
      expect(await rank('orderBy=serverErrorRate&minCalls=1')).toEqual([
        '/a',
        '/c',
        '/b',
        '/e',
        '/d',
      ]);
    });

    it('ranks groups under minCalls by rate', async () => {
      expect(await rank('orderBy=serverErrorRate&minCalls=21')).toEqual([
        '/c',
        '/d',
        '/a',
        '/b',
        '/e',
      ]);
    });

    it('ranks errorRate by 4xx plus 5xx', async () => {
      expect(await rank('orderBy=errorRate')).toEqual(['/c', '/d', '/b', '/e', '/a']);
      expect(await rank('orderBy=errorRate&minCalls=1')).toEqual(['/a', '/c', '/d', '/b', '/e']);
    });

    it('merges a group under minCalls into (other)', async () => {
      const response = await get(
        `${MARCH}&groupBy=endpoint&orderBy=serverErrorRate&top=4`,
        'tenant-rank',
      );

      expect(endpointsOf(response.body)).toEqual(['/c', '/b', '/e', '/d', '(other)']);
      expect(response.body.data[4].totals).toEqual({
        calls: 1,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 1,
        clientErrorRate: 0,
        serverErrorRate: 1,
      });
    });

    it('returns group rates in rate order', async () => {
      const response = await get(
        `${MARCH}&groupBy=endpoint&orderBy=errorRate&minCalls=1`,
        'tenant-rank',
      );

      expect(
        response.body.data.map((group: Group) => [
          group.totals.clientErrorRate,
          group.totals.serverErrorRate,
        ]),
      ).toEqual([
        [0, 1],
        [0.2, 0.2],
        [0.3, 0],
        [0, 0.1],
        [0, 0.1],
      ]);
    });
  });

  describe('paging', () => {
    it('pages a rate order without gaps or repeats', async () => {
      const query = `${MARCH}&groupBy=endpoint&orderBy=serverErrorRate&limit=2`;
      const pages: string[][] = [];

      let response = await get(query, 'tenant-rank');
      pages.push(endpointsOf(response.body));
      while (response.body.page.nextCursor !== null) {
        response = await get(
          `${query}&cursor=${encodeURIComponent(response.body.page.nextCursor)}`,
          'tenant-rank',
        );
        pages.push(endpointsOf(response.body));
      }

      expect(pages).toEqual([['/c', '/b'], ['/e', '/d'], ['/a']]);
    });

    it('rejects a cursor replayed with another minCalls', async () => {
      const first = await get(
        `${MARCH}&groupBy=endpoint&orderBy=serverErrorRate&limit=2`,
        'tenant-rank',
      );
      const cursor = encodeURIComponent(first.body.page.nextCursor);

      const response = await get(
        `${MARCH}&groupBy=endpoint&orderBy=serverErrorRate&minCalls=5&limit=2&cursor=${cursor}`,
        'tenant-rank',
      );

      expect(response.status).toBe(400);
      expect(response.body.errors[0].parameter).toBe('cursor');
    });

    it('rejects a cursor replayed with another orderBy', async () => {
      const first = await get(
        `${MARCH}&groupBy=endpoint&orderBy=serverErrors&limit=2`,
        'tenant-rank',
      );
      const cursor = encodeURIComponent(first.body.page.nextCursor);

      const response = await get(
        `${MARCH}&groupBy=endpoint&orderBy=clientErrors&limit=2&cursor=${cursor}`,
        'tenant-rank',
      );

      expect(response.status).toBe(400);
      expect(response.body.errors[0].parameter).toBe('cursor');
    });

    it('accepts a cursor with the statusClass values reordered', async () => {
      const first = await get(
        `${MARCH}&groupBy=endpoint&statusClass=5xx&statusClass=4xx&limit=2`,
        'tenant-rank',
      );
      const cursor = encodeURIComponent(first.body.page.nextCursor);

      const response = await get(
        `${MARCH}&groupBy=endpoint&statusClass=4xx&statusClass=5xx&limit=2&cursor=${cursor}`,
        'tenant-rank',
      );

      expect(response.status).toBe(200);
      expect(endpointsOf(response.body)).toEqual(['/b', '/e']);
    });
  });

  describe('daylight saving time', () => {
    const AMSTERDAM = 'granularity=day&timezone=Europe/Amsterdam';

    it('buckets a 23-hour local day', async () => {
      const range = `from=${encodeURIComponent('2026-03-29T00:00:00+01:00')}&to=${encodeURIComponent('2026-03-30T00:00:00+02:00')}`;

      const response = await get(`${range}&${AMSTERDAM}`, 'tenant-dst');

      expect(response.status).toBe(200);
      expect(response.body.data[0].buckets).toEqual([
        {
          start: '2026-03-29T00:00:00+01:00',
          end: '2026-03-30T00:00:00+02:00',
          partial: false,
          calls: 4,
          status2xx: 2,
          status3xx: 0,
          status4xx: 1,
          status5xx: 1,
          clientErrorRate: 0.25,
          serverErrorRate: 0.25,
        },
      ]);
    });

    it('groups statusCode by local day', async () => {
      const range = `from=${encodeURIComponent('2026-03-28T00:00:00+01:00')}&to=${encodeURIComponent('2026-03-31T00:00:00+02:00')}`;

      const response = await get(`${range}&${AMSTERDAM}&groupBy=statusCode`, 'tenant-dst');

      const days = response.body.data[0].buckets.map((bucket: { start: string; end: string }) => [
        bucket.start,
        bucket.end,
      ]);
      expect(days).toEqual([
        ['2026-03-28T00:00:00+01:00', '2026-03-29T00:00:00+01:00'],
        ['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
        ['2026-03-30T00:00:00+02:00', '2026-03-31T00:00:00+02:00'],
      ]);
      expect(
        response.body.data.map((group: Group) => [
          group.key.statusCode,
          group.buckets.map((bucket) => bucket.calls),
        ]),
      ).toEqual([
        ['200', [1, 2, 0]],
        ['500', [1, 0, 1]],
        ['404', [0, 1, 0]],
        ['503', [0, 1, 0]],
      ]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['statusClass=6xx', 'statusClass'],
      ['statusClass=4XX', 'statusClass'],
      ['statusClass=4xx&statusClass=4xx', 'statusClass'],
      ['orderBy=slowest', 'orderBy'],
      ['orderBy=calls&orderBy=errorRate', 'orderBy'],
      ['orderBy=serverErrorRate&minCalls=0', 'minCalls'],
      ['orderBy=serverErrorRate&minCalls=abc', 'minCalls'],
      ['orderBy=errorRate&minCalls=2.5', 'minCalls'],
      ['groupBy=endpoint&groupBy=product&groupBy=statusCode', 'groupBy'],
      ['groupBy=method', 'groupBy'],
    ])('rejects %s', async (parameters, parameter) => {
      const response = await get(`${MARCH}&${parameters}`);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors[0].parameter).toBe(parameter);
    });

    it.each([
      'minCalls=5',
      'orderBy=calls&minCalls=5',
      'orderBy=serverErrors&minCalls=5',
      'orderBy=clientErrors&minCalls=5',
    ])('rejects minCalls with a count order: %s', async (parameters) => {
      const response = await get(`${MARCH}&${parameters}`);

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          parameter: 'minCalls',
          detail:
            'applies only to orderBy=serverErrorRate or orderBy=errorRate; remove it or choose one of those orders',
        },
      ]);
    });

    it('answers 401 without a token', async () => {
      const response = await app.get(`/v1/usage/errors?${MARCH}`);

      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});
