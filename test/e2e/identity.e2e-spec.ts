import { repeatEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const VOLUME = '/v1/usage/volume?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z';

function tamperPayload(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return [
    header,
    Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url'),
    signature,
  ].join('.');
}

describe('identity from an external OIDC provider', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({
      events: [
        ...repeatEvent(2, { tenantId: 'tenant-a', at: '2026-03-01T10:00:00Z' }),
        ...repeatEvent(9, { tenantId: 'tenant-b', at: '2026-03-01T10:00:00Z' }),
      ],
      // Discovery only: the JWKS URL comes from the provider's openid-configuration.
      env: { AUTH_JWKS_URL: '', AUTH_JWKS_REFETCH_INTERVAL_SECONDS: '1' },
    });
  });

  afterAll(() => app.close());

  it('finds the JWKS through discovery and accepts a valid token', async () => {
    const response = await app.get(VOLUME, app.identity.token('tenant-a'));

    expect(response.status).toBe(200);
    expect(response.body.data[0].totals.calls).toBe(2);
    expect(app.identity.discoveryRequests).toBeGreaterThanOrEqual(1);
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const forged = tamperPayload(app.identity.token('tenant-a'), { tid: 'tenant-b' });

    const response = await app.get(VOLUME, forged);

    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
  });

  it('rejects a token that is not valid yet', async () => {
    const response = await app.get(VOLUME, app.identity.token('tenant-a', {}, { notBefore: 3600 }));

    expect(response.status).toBe(401);
    expect(response.body.detail).toContain('not valid yet');
  });

  it('accepts a token signed with a rotated key after one refetch', async () => {
    await app.get(VOLUME, app.identity.token('tenant-a'));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = app.identity.jwksRequests;

    app.identity.rotate();
    const response = await app.get(VOLUME, app.identity.token('tenant-a'));

    expect(response.status).toBe(200);
    expect(app.identity.jwksRequests).toBe(before + 1);
  });

  it('refetches at most once per interval for a flood of unknown kids', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = app.identity.jwksRequests;

    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        app.get(VOLUME, app.identity.token('tenant-a', {}, { keyid: `bogus-${index}` })),
      ),
    );

    expect(responses.every((response) => response.status === 401)).toBe(true);
    expect(app.identity.jwksRequests - before).toBeLessThanOrEqual(1);
  });

  it('keeps accepting tokens with cached keys while the provider is down', async () => {
    const token = app.identity.token('tenant-a', { jti: 'outage' });
    app.identity.setDown(true);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const unknownKid = await app.get(
        VOLUME,
        app.identity.token('tenant-a', {}, { keyid: 'unknown-during-outage' }),
      );
      const known = await app.get(VOLUME, token);

      expect(unknownKid.status).toBe(401);
      expect(known.status).toBe(200);
    } finally {
      app.identity.setDown(false);
    }
  });
});
