import { UsageEvent } from '@analytics/store';
import { repeatEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';

/** Twelve API keys: key-00…key-11, with call counts 3,3,3,3,2,2,2,2,1,1,1,1 so that ranks tie. */
function tiedKeys(): UsageEvent[] {
  return Array.from({ length: 12 }, (_, index) =>
    repeatEvent(3 - Math.floor(index / 4), {
      at: '2026-03-02T10:00:00Z',
      apiKeyId: `key-${String(index).padStart(2, '0')}`,
    }),
  ).flat();
}

describe('GET /v1/usage/volume grouping and paging', () => {
  let app: RunningApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp({
      events: [
        ...tiedKeys(),
        ...repeatEvent(5, { tenantId: 'tenant-b', at: '2026-03-02T10:00:00Z', apiKeyId: 'key-00' }),
      ],
    });
    token = app.identity.token('tenant-a');
  });

  afterAll(() => app.close());

  it('pages through tied groups returning each exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;

    do {
      const query: string = `/v1/usage/volume?${RANGE}&groupBy=apiKey&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await app.get(query, token);
      expect(response.status).toBe(200);
      seen.push(
        ...response.body.data.map((group: { key: { apiKey: string } }) => group.key.apiKey),
      );
      cursor = response.body.page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);

    expect(pages).toBe(3);
    expect(seen).toEqual(
      Array.from({ length: 12 }, (_, index) => `key-${String(index).padStart(2, '0')}`),
    );
  });

  it('merges groups beyond top into (other) on the last page', async () => {
    const response = await app.get(`/v1/usage/volume?${RANGE}&groupBy=apiKey&top=4`, token);
    const groups = response.body.data.map((group: { key: object; totals: { calls: number } }) => [
      group.key,
      group.totals.calls,
    ]);

    expect(groups).toEqual([
      [{ apiKey: 'key-00' }, 3],
      [{ apiKey: 'key-01' }, 3],
      [{ apiKey: 'key-02' }, 3],
      [{ apiKey: 'key-03' }, 3],
      [{ apiKey: '(other)' }, 12],
    ]);
  });

  it('rejects another tenant’s cursor', async () => {
    const tokenB = app.identity.token('tenant-b');
    const first = await app.get(`/v1/usage/volume?${RANGE}&groupBy=apiKey&limit=5`, token);

    const replay = await app.get(
      `/v1/usage/volume?${RANGE}&groupBy=apiKey&limit=5&cursor=${encodeURIComponent(first.body.page.nextCursor)}`,
      tokenB,
    );

    expect(replay.status).toBe(400);
    expect(replay.body.errors[0].parameter).toBe('cursor');
  });

  it('rejects a cursor replayed with another query', async () => {
    const first = await app.get(`/v1/usage/volume?${RANGE}&groupBy=apiKey&limit=5`, token);

    const replay = await app.get(
      `/v1/usage/volume?${RANGE}&groupBy=apiKey&limit=5&granularity=hour&cursor=${encodeURIComponent(first.body.page.nextCursor)}`,
      token,
    );

    expect(replay.status).toBe(400);
  });

  it('filters by API key', async () => {
    const response = await app.get(`/v1/usage/volume?${RANGE}&apiKey=key-00&apiKey=key-11`, token);

    expect(response.body.data[0].totals.calls).toBe(4);
  });
});

describe('GET /v1/usage/volume local calendars', () => {
  let app: RunningApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp({
      events: [
        // Amsterdam: 2026-03-29 is 23 hours long. 23:30Z on the 28th is 00:30 local on the 29th.
        ...repeatEvent(1, { at: '2026-03-28T23:30:00Z' }),
        ...repeatEvent(2, { at: '2026-03-29T21:59:00Z' }),
        ...repeatEvent(4, { at: '2026-03-29T22:00:00Z' }),
      ],
      nowIso: '2026-03-31T12:00:00Z',
    });
    token = app.identity.token('tenant-a');
  });

  afterAll(() => app.close());

  it('has a 23-hour day on the spring-forward date', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2026-03-28T23:00:00Z&to=2026-03-30T22:00:00Z&timezone=Europe/Amsterdam',
      token,
    );

    expect(response.body.data[0].buckets).toEqual([
      {
        start: '2026-03-29T00:00:00+01:00',
        end: '2026-03-30T00:00:00+02:00',
        partial: false,
        calls: 3,
        transactions: 3,
      },
      {
        start: '2026-03-30T00:00:00+02:00',
        end: '2026-03-31T00:00:00+02:00',
        partial: false,
        calls: 4,
        transactions: 4,
      },
    ]);
  });

  it('buckets local hours in a 30-minute offset zone', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2026-03-28T23:00:00Z&to=2026-03-29T01:00:00Z&granularity=hour&timezone=Asia/Kolkata',
      token,
    );

    expect(
      response.body.data[0].buckets.map(
        (bucket: { start: string; calls: number; partial: boolean }) => [
          bucket.start,
          bucket.calls,
          bucket.partial,
        ],
      ),
    ).toEqual([
      ['2026-03-29T04:00:00+05:30', 0, true],
      ['2026-03-29T05:00:00+05:30', 1, false],
      ['2026-03-29T06:00:00+05:30', 0, true],
    ]);
  });

  it('marks the bucket that contains the present as partial', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2026-03-30T00:00:00Z&to=2026-04-01T00:00:00Z',
      token,
    );

    expect(
      response.body.data[0].buckets.map((bucket: { partial: boolean }) => bucket.partial),
    ).toEqual([false, true]);
  });
});
