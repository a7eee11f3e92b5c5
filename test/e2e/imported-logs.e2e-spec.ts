import { importFile } from '@analytics/ingest';
import { join } from 'node:path';
import { RunningApp, startTestApp } from '../support/test-app';

const FIXTURES = join(process.cwd(), 'test/fixtures/gateway-logs');

describe('real gateway logs imported and queried back', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
    const nginx = await importFile(
      app.store,
      join(FIXTURES, 'elastic-beats-nginx-ingress_test.log'),
      {
        format: 'nginx-ingress',
        tenantId: 'ingress-tenant',
        skipInvalid: true,
      },
    );
    const haproxy = await importFile(app.store, join(FIXTURES, 'lnav_logfile_haproxy.0'), {
      format: 'haproxy',
      tenantId: 'haproxy-tenant',
      timeZone: 'Europe/Berlin',
      skipInvalid: true,
    });
    expect([nginx.accepted, haproxy.accepted]).toEqual([27, 13]);
  });

  afterAll(() => app.close());

  it('reports the ingress-nginx calls per upstream', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2020-01-01T00:00:00Z&to=2023-01-01T00:00:00Z&granularity=month&groupBy=product',
      app.identity.token('ingress-tenant'),
    );

    expect(response.status).toBe(200);
    expect(
      response.body.data.map((group: { key: { product: string }; totals: { calls: number } }) => [
        group.key.product,
        group.totals.calls,
      ]),
    ).toEqual([
      ['default-web-8080', 17],
      ['default-web2-8080', 7],
      ['localhost-8080', 2],
      ['esmon-esmon-es-http-9200', 1],
    ]);
  });

  it('reports the HAProxy calls in the hour they were accepted, Berlin time', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2019-02-25T15:00:00Z&to=2019-02-25T16:00:00Z&granularity=hour&timezone=Europe/Berlin',
      app.identity.token('haproxy-tenant'),
    );

    expect(response.body.data[0].buckets).toEqual([
      {
        start: '2019-02-25T16:00:00+01:00',
        end: '2019-02-25T17:00:00+01:00',
        partial: false,
        calls: 13,
        transactions: 13,
      },
    ]);
  });

  it('keeps each import within its tenant', async () => {
    const response = await app.get(
      '/v1/usage/volume?from=2019-01-01T00:00:00Z&to=2020-12-31T00:00:00Z&granularity=month',
      app.identity.token('haproxy-tenant'),
    );

    expect(response.body.data[0].totals.calls).toBe(13);
  });
});
