import { repeatEvent } from '../support/event-factory';
import { RunningApp, startTestApp } from '../support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-end-to-end-test';
const VOLUME = '/v1/usage/volume?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z';

/** Reads one sample value from a Prometheus text exposition; 0 when the series is absent. */
function sampleOf(exposition: string, series: RegExp): number {
  const line = exposition.split('\n').find((candidate) => series.test(candidate));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('/metrics', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({
      events: repeatEvent(3, { at: '2026-03-01T10:00:00Z' }),
      env: { METRICS_TOKEN, RATE_LIMIT_READER: '2' },
    });
  });

  afterAll(() => app.close());

  async function scrape(): Promise<string> {
    const response = await fetch(`${app.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('refuses a scrape without the metrics token', async () => {
    const response = await fetch(`${app.baseUrl}/metrics`);

    expect(response.status).toBe(401);
  });

  it('counts store queries, cache outcomes and rate-limit rejections', async () => {
    const token = app.identity.token('tenant-a');
    await app.get(VOLUME, token);
    await app.get(VOLUME, token);
    await app.get(VOLUME, token);

    const exposition = await scrape();

    expect(
      sampleOf(exposition, /^store_query_duration_seconds_count\{.*report="volume".*\}/),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleOf(exposition, /^cache_misses_total\{.*report="volume".*\}/)).toBe(1);
    expect(sampleOf(exposition, /^cache_hits_total\{.*report="volume".*\}/)).toBe(1);
    expect(sampleOf(exposition, /^rate_limit_rejections_total\{/)).toBe(1);
    expect(
      sampleOf(exposition, /^http_request_duration_seconds_count\{.*status="200".*\}/),
    ).toBeGreaterThanOrEqual(2);
  });
});
