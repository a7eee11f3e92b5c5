import { UsageEvent } from '@analytics/store';
import { usageEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const NOW = '2026-03-15T00:00:00Z';
const ROUTING = '/routing/1/calculateRoute/{locations}/json';
const ADMIN = '/v1/admin/tenants';

/**
 * Tenant A, on the default free plan (hard limits, 2,500 search and 2,500 routing transactions):
 *   search: 100 transactions a day on March 1-14, so 1,400 used, a steady rate of 100 a day,
 *           3,100 projected by March 31 and the quota reached on March 25;
 *   routing: 10, 20, ... 70 on March 8-14, so 280 used, a line growing by 10 a day that gives
 *           80 on March 15 ... 240 on March 31, 3,000 projected and the quota reached on March 29;
 *   3,000 search transactions in February, a closed period at 120 %.
 * Tenant B has 10 search transactions on March 10. Tenants in Tokyo (UTC+9) and New York
 * (UTC-5 in early March) have events either side of their local month boundary.
 *
 * The tests share one app and run in file order, so later ones see the changes of earlier ones.
 */
function events(): UsageEvent[] {
  const days = Array.from({ length: 14 }, (_, index) => index + 1);
  return [
    ...days.map((day) =>
      usageEvent({
        tenantId: 'tenant-a',
        at: `2026-03-${String(day).padStart(2, '0')}T12:00:00Z`,
        transactions: 100,
      }),
    ),
    ...days
      .filter((day) => day >= 8)
      .map((day) =>
        usageEvent({
          tenantId: 'tenant-a',
          product: 'routing',
          endpoint: ROUTING,
          at: `2026-03-${String(day).padStart(2, '0')}T09:00:00Z`,
          transactions: (day - 7) * 10,
        }),
      ),
    usageEvent({ tenantId: 'tenant-a', at: '2026-02-10T12:00:00Z', transactions: 3_000 }),
    usageEvent({ tenantId: 'tenant-b', at: '2026-03-10T12:00:00Z', transactions: 10 }),
    usageEvent({ tenantId: 'tenant-c', at: '2026-03-10T12:00:00Z', transactions: 1 }),
    usageEvent({ tenantId: 'tenant-tokyo', at: '2026-02-28T14:59:59.999Z', transactions: 5 }),
    usageEvent({ tenantId: 'tenant-tokyo', at: '2026-02-28T15:00:00Z', transactions: 7 }),
    usageEvent({ tenantId: 'tenant-ny', at: '2026-03-01T04:59:59.999Z', transactions: 5 }),
    usageEvent({ tenantId: 'tenant-ny', at: '2026-03-01T05:00:00Z', transactions: 7 }),
  ];
}

interface ProductRow {
  product: string;
  [field: string]: unknown;
}

const productOf = (body: { products: ProductRow[] }, product: string): ProductRow =>
  body.products.find((row) => row.product === product) as ProductRow;

describe('quota', () => {
  let app: RunningApp;
  let manager: string;
  let customer: string;

  beforeAll(async () => {
    app = await startTestApp({ events: events(), nowIso: NOW });
    manager = app.identity.token(
      'ops',
      {
        roles: ['quota:admin'],
        managed_tenants: ['tenant-a', 'tenant-b', 'tenant-tokyo', 'tenant-ny', 'tenant-ghost'],
      },
      { subject: 'manager-1' },
    );
    customer = app.identity.token('tenant-a');
  });

  afterAll(() => app.close());

  const put = (
    tenantId: string,
    body: unknown,
    headers: Record<string, string> = {},
    token = manager,
  ) => app.request('PUT', `${ADMIN}/${tenantId}/quota`, { token, headers, body });
  const grant = (tenantId: string, body: unknown, key: string | undefined, token = manager) =>
    app.request('POST', `${ADMIN}/${tenantId}/credits`, {
      token,
      headers: key === undefined ? {} : { 'idempotency-key': key },
      body,
    });
  const etagOf = async (tenantId: string) =>
    (await app.get(`${ADMIN}/${tenantId}/quota`, manager)).headers.get('etag') as string;

  describe('GET /v1/quota', () => {
    it('returns the period, use and status per product', async () => {
      const response = await app.get('/v1/quota', customer);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        tenantId: 'tenant-a',
        catalogVersion: 1,
        plan: { id: 'free', name: 'Free' },
        billing: { timeZone: 'UTC', anchorDay: 1, cycle: 'calendar-month' },
        period: { start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' },
        status: 'ok',
        percentage: 56,
      });
      expect(productOf(response.body, 'search')).toEqual({
        product: 'search',
        limit: 'hard',
        included: 2_500,
        used: 1_400,
        remaining: 1_100,
        overage: 0,
        percentage: 56,
        status: 'ok',
        creditsPerTransaction: 0,
        overridden: false,
        forecast: { projectedUse: 3_100, exhaustedOn: '2026-03-25' },
      });
    });

    it('projects a growing rate along its trend', async () => {
      const response = await app.get('/v1/quota', customer);

      expect(productOf(response.body, 'routing')).toMatchObject({
        used: 280,
        percentage: 11.2,
        forecast: { projectedUse: 3_000, exhaustedOn: '2026-03-29' },
      });
      expect(response.body.forecast).toEqual({
        method: 'least-squares line over the last 7 full local days',
        windowStart: '2026-03-08T00:00:00Z',
        windowEnd: '2026-03-15T00:00:00Z',
      });
    });

    it('lists closed periods newest first', async () => {
      const response = await app.get('/v1/quota/history', customer);

      expect(response.status).toBe(200);
      expect(response.body.data).toHaveLength(1);
      expect(response.body.data[0]).toMatchObject({
        period: { start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z' },
        plan: { id: 'free' },
        status: 'exceeded',
      });
      expect(productOf(response.body.data[0], 'search')).toEqual({
        product: 'search',
        limit: 'hard',
        included: 2_500,
        used: 3_000,
        overage: 500,
        percentage: 120,
        status: 'exceeded',
      });
      expect(response.body.page).toEqual({ limit: 12, nextCursor: null });
    });

    it('rejects a bad history limit', async () => {
      const response = await app.get('/v1/quota/history?limit=0', customer);

      expect(response.status).toBe(400);
      expect(response.body.errors[0].parameter).toBe('limit');
    });

    it('answers 403 to a token without analytics:read', async () => {
      const response = await app.get('/v1/quota', manager);

      expect(response.status).toBe(403);
    });
  });

  describe('admin scope', () => {
    // Every row has three values, because Jest passes `done` to a test with more parameters than values.
    const routes: [string, string, unknown][] = [
      ['GET', ADMIN, undefined],
      ['GET', `${ADMIN}/tenant-b/quota`, undefined],
      ['PUT', `${ADMIN}/tenant-b/quota`, { plan: 'enterprise', reason: 'scope check' }],
      [
        'POST',
        `${ADMIN}/tenant-b/credits`,
        { credits: 10, expiresAt: '2026-06-01T00:00:00Z', reason: 'scope check' },
      ],
      ['GET', `${ADMIN}/tenant-b/quota/history`, undefined],
    ];

    it.each(routes)('answers 403 to a customer token on %s %s', async (method, path, body) => {
      const response = await app.request(method, path, {
        token: customer,
        body,
        headers: { 'if-match': '*', 'idempotency-key': 'scope-check-0001' },
      });

      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });

    it.each(routes.slice(1))(
      'answers 404 outside the scope on %s %s',
      async (method, path, body) => {
        const outside = path.replace('tenant-b', 'tenant-c');
        const unknown = path.replace('tenant-b', 'tenant-ghost');
        const headers = { 'if-match': '*', 'idempotency-key': 'scope-check-0002' };

        const outsideResponse = await app.request(method, outside, {
          token: manager,
          body,
          headers,
        });
        const unknownResponse = await app.request(method, unknown, {
          token: manager,
          body,
          headers,
        });

        expect(outsideResponse.status).toBe(404);
        expect(unknownResponse.status).toBe(404);
        expect(outsideResponse.body.detail).toBe(
          unknownResponse.body.detail.replace('tenant-ghost', 'tenant-c'),
        );
      },
    );

    it('lists only managed tenants that exist', async () => {
      const response = await app.get(`${ADMIN}?sort=percentage`, manager);

      expect(response.status).toBe(200);
      expect(response.body.data.map((row: { tenantId: string }) => row.tenantId).sort()).toEqual([
        'tenant-a',
        'tenant-b',
        'tenant-ny',
        'tenant-tokyo',
      ]);
    });

    it('lets a manager of every tenant see tenant-c', async () => {
      const all = app.identity.token(
        'ops',
        { roles: ['quota:admin'], managed_tenants: ['*'] },
        { subject: 'manager-2' },
      );
      const response = await app.get(`${ADMIN}/tenant-c/quota`, all);

      expect(response.status).toBe(200);
      expect(response.body.tenantId).toBe('tenant-c');
    });
  });

  describe('billing time zones', () => {
    it('counts from local midnight east of UTC', async () => {
      const before = await app.get(`${ADMIN}/tenant-tokyo/quota`, manager);
      const changed = await put(
        'tenant-tokyo',
        { billingTimeZone: 'Asia/Tokyo', reason: 'Customer is billed in Japan' },
        { 'if-match': before.headers.get('etag') as string },
      );

      expect(productOf(before.body, 'search').used).toBe(0);
      expect(changed.status).toBe(200);
      expect(changed.body.period).toEqual({
        start: '2026-03-01T00:00:00+09:00',
        end: '2026-04-01T00:00:00+09:00',
      });
      expect(productOf(changed.body, 'search').used).toBe(7);
    });

    it('counts from local midnight west of UTC', async () => {
      const before = await app.get(`${ADMIN}/tenant-ny/quota`, manager);
      const changed = await put(
        'tenant-ny',
        { billingTimeZone: 'America/New_York', reason: 'Customer is billed in New York' },
        { 'if-match': before.headers.get('etag') as string },
      );

      expect(productOf(before.body, 'search').used).toBe(12);
      expect(changed.body.period).toEqual({
        start: '2026-03-01T00:00:00-05:00',
        end: '2026-04-01T00:00:00-04:00',
      });
      expect(productOf(changed.body, 'search').used).toBe(7);
    });
  });

  describe('PUT /v1/admin/tenants/{tenantId}/quota', () => {
    it('requires If-Match', async () => {
      const response = await put('tenant-b', { plan: 'enterprise', reason: 'Upgrade' });

      expect(response.status).toBe(428);
      expect(response.body.errors[0].parameter).toBe('If-Match');
    });

    it('answers 415 to a body that is not JSON', async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await put(
          'tenant-b',
          { plan: 'enterprise', reason: 'Upgrade' },
          { 'content-type': contentType, 'if-match': await etagOf('tenant-b') },
        );

        expect(response.status).toBe(415);
        expect(response.body.detail).toContain('Content-Type: application/json');
      }
    });

    it('names a forbidden __proto__ key', async () => {
      const body = JSON.parse('{"__proto__": {"admin": true}, "plan": "free", "reason": "x"}');

      const response = await put('tenant-b', body, { 'if-match': await etagOf('tenant-b') });

      expect(response.status).toBe(400);
      expect(response.body.detail).toContain('__proto__');
    });

    it('rejects If-Match: * so a change is always based on a view', async () => {
      const response = await put(
        'tenant-b',
        { plan: 'enterprise', reason: 'Upgrade' },
        { 'if-match': '*' },
      );

      expect(response.status).toBe(428);
      expect(response.body.errors[0].detail).toContain('not *');
    });

    it('rejects a stale ETag', async () => {
      const response = await put(
        'tenant-b',
        { plan: 'enterprise', reason: 'Upgrade' },
        { 'if-match': '"stale"' },
      );

      expect(response.status).toBe(412);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });

    it('changes plan and limits and issues a new ETag', async () => {
      const etag = await etagOf('tenant-b');
      const response = await put(
        'tenant-b',
        { plan: 'pay-as-you-go', limits: { search: 8 }, reason: 'Moved to pay as you go' },
        { 'if-match': etag },
      );
      const replay = await put(
        'tenant-b',
        { plan: 'enterprise', reason: 'Second change on the old ETag' },
        { 'if-match': etag },
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).not.toBe(etag);
      expect(response.body.plan.id).toBe('pay-as-you-go');
      expect(productOf(response.body, 'search')).toMatchObject({
        limit: 'soft',
        included: 8,
        used: 10,
        overage: 2,
        percentage: 125,
        overridden: true,
        status: 'exceeded',
      });
      expect(response.body.credits).toMatchObject({
        granted: 0,
        balance: 0,
        usedInPeriod: 0,
        uncoveredInPeriod: 2,
      });
      expect(replay.status).toBe(412);
    });

    it.each([
      ['a negative limit', { limits: { search: -1 }, reason: 'x' }, 'limits'],
      ['a fractional limit', { limits: { search: 1.5 }, reason: 'x' }, 'limits'],
      ['an unknown product', { limits: { teleport: 10 }, reason: 'x' }, 'limits'],
      ['an unknown plan', { plan: 'platinum', reason: 'x' }, 'plan'],
      ['a missing reason', { plan: 'enterprise' }, 'reason'],
      ['an empty reason', { plan: 'enterprise', reason: '' }, 'reason'],
      ['a reason of 501 characters', { plan: 'enterprise', reason: 'r'.repeat(501) }, 'reason'],
      [
        'anchor day 32',
        { plan: 'enterprise', billingAnchorDay: 32, reason: 'x' },
        'billingAnchorDay',
      ],
      [
        'an unknown time zone',
        { plan: 'enterprise', billingTimeZone: 'Mars/Olympus', reason: 'x' },
        'billingTimeZone',
      ],
      ['a body without a change', { reason: 'nothing to change' }, 'plan'],
      ['an unknown field', { plan: 'enterprise', reason: 'x', extra: true }, 'extra'],
    ])('rejects %s', async (_case, body, parameter) => {
      const response = await put('tenant-b', body, { 'if-match': await etagOf('tenant-b') });

      expect(response.status).toBe(400);
      expect(response.body.errors[0].parameter).toBe(parameter);
    });
  });

  describe('POST /v1/admin/tenants/{tenantId}/credits', () => {
    const body = { credits: 100, expiresAt: '2026-06-30T00:00:00Z', reason: 'Goodwill' };

    it('grants once per Idempotency-Key and covers the overage', async () => {
      const first = await grant('tenant-b', body, 'grant-key-0001');
      const retry = await grant('tenant-b', body, 'grant-key-0001');
      const view = await app.get(`${ADMIN}/tenant-b/quota`, manager);

      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        replayed: false,
        grant: {
          kind: 'credit-grant',
          credits: 100,
          expiresAt: '2026-06-30T00:00:00.000Z',
          actor: 'manager-1',
          reason: 'Goodwill',
        },
      });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual({ ...first.body, replayed: true });
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(view.body.credits).toMatchObject({
        granted: 100,
        used: 2,
        balance: 98,
        usedInPeriod: 2,
        uncoveredInPeriod: 0,
      });
      expect(productOf(view.body, 'search').status).toBe('warning');
    });

    it('answers 422 to a reused key with another body', async () => {
      await grant('tenant-b', body, 'grant-key-0002');
      const response = await grant('tenant-b', { ...body, credits: 101 }, 'grant-key-0002');

      expect(response.status).toBe(422);
      expect(response.body.errors[0].parameter).toBe('Idempotency-Key');
    });

    it.each([
      ['a missing key', undefined, body, 'Idempotency-Key'],
      ['a short key', 'short', body, 'Idempotency-Key'],
      ['a key with spaces', 'has spaces in it', body, 'Idempotency-Key'],
      [
        'an expiry in the past',
        'grant-key-0003',
        { ...body, expiresAt: '2026-03-14T00:00:00Z' },
        'expiresAt',
      ],
      [
        'an expiry without a date',
        'grant-key-0004',
        { ...body, expiresAt: 'tomorrow' },
        'expiresAt',
      ],
      ['zero credits', 'grant-key-0005', { ...body, credits: 0 }, 'credits'],
      ['credits as a string', 'grant-key-0006', { ...body, credits: '100' }, 'credits'],
      ['a missing reason', 'grant-key-0007', { credits: 5, expiresAt: body.expiresAt }, 'reason'],
    ])('rejects %s', async (_case, key, requestBody, parameter) => {
      const response = await grant('tenant-b', requestBody, key);

      expect(response.status).toBe(400);
      expect(response.body.errors[0].parameter).toBe(parameter);
    });

    it('creates twenty grants for twenty distinct keys sent at once', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          grant('tenant-a', { ...body, credits: 1 }, `parallel-distinct-${index}`),
        ),
      );
      const view = await app.get(`${ADMIN}/tenant-a/quota`, manager);

      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((response) => response.body.grant.id)).size).toBe(20);
      expect(view.body.credits.granted).toBe(20);
    });

    it('creates one grant for twenty requests with one key', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          grant('tenant-ny', { ...body, credits: 3 }, 'parallel-same-key'),
        ),
      );
      const view = await app.get(`${ADMIN}/tenant-ny/quota`, manager);

      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((response) => response.body.grant.id)).size).toBe(1);
      expect(responses.filter((response) => response.body.replayed === false)).toHaveLength(1);
      expect(view.body.credits.granted).toBe(3);
    });
  });

  describe('GET /v1/admin/tenants/{tenantId}/quota/history', () => {
    it('returns the audit trail newest first, paginated', async () => {
      const firstPage = await app.get(`${ADMIN}/tenant-tokyo/quota/history?limit=1`, manager);
      await put(
        'tenant-tokyo',
        { plan: 'enterprise', reason: 'Signed an enterprise contract' },
        { 'if-match': await etagOf('tenant-tokyo') },
      );
      const page = await app.get(`${ADMIN}/tenant-tokyo/quota/history?limit=1`, manager);
      const next = await app.get(
        `${ADMIN}/tenant-tokyo/quota/history?limit=1&cursor=${encodeURIComponent(page.body.page.nextCursor)}`,
        manager,
      );

      expect(firstPage.body.data).toHaveLength(1);
      expect(firstPage.body.page.nextCursor).toBeNull();
      expect(page.body.data[0]).toMatchObject({
        kind: 'plan-assignment',
        plan: 'enterprise',
        billingTimeZone: 'Asia/Tokyo',
        actor: 'manager-1',
        reason: 'Signed an enterprise contract',
      });
      expect(next.body.data[0]).toMatchObject({
        kind: 'plan-assignment',
        plan: 'free',
        billingTimeZone: 'Asia/Tokyo',
        reason: 'Customer is billed in Japan',
      });
      expect(next.body.page.nextCursor).toBeNull();
    });
  });

  describe('GET /v1/admin/tenants', () => {
    const rowsOf = (body: { data: { tenantId: string; status: string; percentage: number }[] }) =>
      body.data.map((row) => [row.tenantId, row.status, row.percentage]);

    it('sorts by percentage and pages', async () => {
      const first = await app.get(`${ADMIN}?limit=2`, manager);
      const rest = await app.get(
        `${ADMIN}?limit=2&cursor=${encodeURIComponent(first.body.page.nextCursor)}`,
        manager,
      );
      const ascending = await app.get(`${ADMIN}?sort=percentage&limit=1`, manager);

      expect(rowsOf(first.body)).toEqual([
        ['tenant-b', 'warning', 125],
        ['tenant-a', 'ok', 56],
      ]);
      expect(rowsOf(rest.body)).toEqual([
        ['tenant-ny', 'ok', 0.3],
        ['tenant-tokyo', 'ok', 0],
      ]);
      expect(rest.body.page.nextCursor).toBeNull();
      expect(rowsOf(ascending.body)).toEqual([['tenant-tokyo', 'ok', 0]]);
    });

    it('filters by status', async () => {
      const warning = await app.get(`${ADMIN}?status=warning`, manager);
      const exceeded = await app.get(`${ADMIN}?status=exceeded`, manager);

      expect(rowsOf(warning.body)).toEqual([['tenant-b', 'warning', 125]]);
      expect(exceeded.body.data).toEqual([]);
    });

    it('rejects an unknown status', async () => {
      const response = await app.get(`${ADMIN}?status=broken`, manager);

      expect(response.status).toBe(400);
      expect(response.body.errors[0].parameter).toBe('status');
    });
  });
});
