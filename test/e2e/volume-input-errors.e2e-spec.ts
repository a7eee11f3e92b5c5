import { createHmac, generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { usageEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const RANGE = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';

describe('GET /v1/usage/volume with bad input', () => {
  let app: RunningApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp({ events: [usageEvent({ at: '2026-03-02T10:00:00Z' })] });
    token = app.identity.token('tenant-a');
  });

  afterAll(() => app.close());

  const cases: [string, string, string][] = [
    ['from equal to to', 'from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z', 'to'],
    ['from after to', 'from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'to'],
    ['unparsable from', 'from=yesterday&to=2026-03-01T00:00:00Z', 'from'],
    ['date without offset', 'from=2026-03-01T00:00:00&to=2026-03-02T00:00:00Z', 'from'],
    ['date only', 'from=2026-03-01&to=2026-03-02T00:00:00Z', 'from'],
    ['impossible date', 'from=2026-02-30T00:00:00Z&to=2026-03-02T00:00:00Z', 'from'],
    ['missing to', 'from=2026-03-01T00:00:00Z', 'to'],
    ['unknown time zone', `${RANGE}&timezone=Mars/Olympus_Mons`, 'timezone'],
    ['fixed offset as time zone', `${RANGE}&timezone=%2B01:00`, 'timezone'],
    ['unknown granularity', `${RANGE}&granularity=year`, 'granularity'],
    ['unknown groupBy', `${RANGE}&groupBy=region`, 'groupBy'],
    ['repeated groupBy value', `${RANGE}&groupBy=product&groupBy=product`, 'groupBy'],
    [
      'three groupBy dimensions',
      `${RANGE}&groupBy=product&groupBy=endpoint&groupBy=apiKey`,
      'groupBy',
    ],
    [
      'hours over 31 days',
      'from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z&granularity=hour',
      'to',
    ],
    [
      'days over two years',
      'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=day',
      'to',
    ],
    ['limit zero', `${RANGE}&limit=0`, 'limit'],
    ['limit over the maximum', `${RANGE}&limit=201`, 'limit'],
    ['limit not a number', `${RANGE}&limit=ten`, 'limit'],
    ['negative top', `${RANGE}&top=-1`, 'top'],
    ['repeated from', `${RANGE}&from=2026-03-02T00:00:00Z`, 'from'],
    ['repeated granularity', `${RANGE}&granularity=day&granularity=hour`, 'granularity'],
    ['unknown parameter', `${RANGE}&tenant=tenant-b`, 'tenant'],
    ['prototype key', `${RANGE}&__proto__=x`, '__proto__'],
    ['Object.prototype method name', `${RANGE}&hasOwnProperty=1`, 'hasOwnProperty'],
    ['toString as a parameter', `${RANGE}&toString=1`, 'toString'],
    ['garbled cursor', `${RANGE}&cursor=not-a-cursor`, 'cursor'],
    ['empty filter value', `${RANGE}&product=`, 'product'],
  ];

  it.each(cases)(
    'rejects %s with a problem naming the parameter',
    async (_name, query, parameter) => {
      const response = await app.get(`/v1/usage/volume?${query}`, token);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.type).toBe('/problems/invalid-parameter');
      expect(response.body.errors.map((issue: { parameter: string }) => issue.parameter)).toContain(
        parameter,
      );
      expect(response.body.detail).toContain(parameter);
    },
  );

  it('explains why -00:00 is rejected', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2026-03-01T00:00:00-00:00&to=2026-03-02T00:00:00Z',
      token,
    );

    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe('from');
    expect(response.body.errors[0].detail).toContain('write Z or +00:00 instead');
  });

  it('names a repeated list value', async () => {
    const response = await app.get(
      `/v1/usage/volume?${RANGE}&groupBy=product&groupBy=product`,
      token,
    );

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { parameter: 'groupBy', detail: 'repeats the value "product"; send each value once' },
    ]);
  });

  it('says which date forms are accepted', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2026-03-01&to=2026-03-02T00:00:00Z',
      token,
    );

    expect(response.body.errors[0].detail).toContain('RFC 3339 date-time with an offset');
  });

  it('states the range limit', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z&granularity=hour',
      token,
    );

    expect(response.body.errors[0].detail).toContain('31 days');
  });

  it('rejects a cursor with an altered signature', async () => {
    const first = await app.get(`/v1/usage/volume?${RANGE}&groupBy=product&limit=1`, token);
    expect(first.status).toBe(200);

    const forged = Buffer.from(JSON.stringify({ v: 1, b: 'x', p: { offset: 1 } })).toString(
      'base64url',
    );
    const response = await app.get(
      `/v1/usage/volume?${RANGE}&groupBy=product&limit=1&cursor=${forged}.AAAA`,
      token,
    );

    expect(response.status).toBe(400);
    expect(response.body.errors[0].parameter).toBe('cursor');
  });

  describe('tokens', () => {
    const tokenCases: [string, () => string, number][] = [
      ['expired', () => app.identity.token('tenant-a', {}, { expiresIn: -120 }), 401],
      [
        'unsigned (alg none)',
        () =>
          unsignedToken({
            tid: 'tenant-a',
            roles: ['analytics:read'],
            iss: app.identity.issuer,
            aud: app.identity.audience,
          }),
        401,
      ],
      ['signed with another key', () => otherKeyToken(app), 401],
      ['HS256 with the public key as secret', () => hs256WithPublicKey(app), 401],
      [
        'for another audience',
        () => app.identity.token('tenant-a', {}, { audience: 'another-api' }),
        401,
      ],
      [
        'from another issuer',
        () => app.identity.token('tenant-a', {}, { issuer: 'https://evil.invalid' }),
        401,
      ],
      ['without a tenant claim', () => app.identity.token(undefined), 403],
      [
        'without the analytics:read role',
        () => app.identity.token('tenant-a', { roles: ['quota:admin'] }),
        403,
      ],
      ['garbled', () => 'abc.def.ghi', 401],
      [
        'without exp',
        () =>
          app.identity.rawToken({
            tid: 'tenant-a',
            roles: ['analytics:read'],
            sub: 'u',
            iss: app.identity.issuer,
            aud: app.identity.audience,
          }),
        401,
      ],
      [
        'without sub',
        () =>
          app.identity.rawToken({
            tid: 'tenant-a',
            roles: ['analytics:read'],
            iss: app.identity.issuer,
            aud: app.identity.audience,
            exp: Math.floor(Date.now() / 1000) + 600,
          }),
        401,
      ],
    ];

    it.each(tokenCases)('rejects a token %s', async (_name, makeToken, status) => {
      const response = await app.get(`/v1/usage/volume?${RANGE}`, makeToken());

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.data).toBeUndefined();
    });
  });
});

function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, iat: now, exp: now + 600 })}.`;
}

function otherKeyToken(app: RunningApp): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return sign({ tid: 'tenant-a', roles: ['analytics:read'] }, privateKey, {
    algorithm: 'ES256',
    keyid: app.identity.kid,
    issuer: app.identity.issuer,
    audience: app.identity.audience,
    expiresIn: 600,
  });
}

function hs256WithPublicKey(app: RunningApp): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'HS256', typ: 'JWT', kid: app.identity.kid });
  const payload = encode({
    tid: 'tenant-a',
    roles: ['analytics:read'],
    iss: app.identity.issuer,
    aud: app.identity.audience,
    iat: now,
    exp: now + 600,
  });
  const secret = app.identity.publicKey.export({ format: 'pem', type: 'spki' });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
