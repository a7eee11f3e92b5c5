import { waitFor } from '../support/wait-for';
import { repeatEvent } from '../support/event-factory';
import { FaultApp, insertSyntheticCalls, LogCapture, startFaultApp } from './support/fault-app';

// Each fault request uses a URL of its own, because the report cache would return a repeated one.
const VOLUME_MARCH =
  '/v1/usage/volume?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&granularity=month';
const VOLUME_MARCH_DAILY =
  '/v1/usage/volume?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&granularity=day';
const HEAVY_LATENCY =
  '/v1/usage/latency?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&granularity=hour&groupBy=endpoint&limit=100';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

function expectProblem(
  response: { status: number; contentType: string | null; body: unknown },
  status: number,
  type: string,
): void {
  expect(response.status).toBe(status);
  expect(response.contentType).toContain('application/problem+json');

  const problem = response.body as Problem;
  expect(problem.status).toBe(status);
  expect(problem.type).toBe(type);
  expect(typeof problem.title).toBe('string');
  expect(problem.detail).not.toMatch(/SELECT|events|Catalog|stack/i);
}

// nestjs-pino keeps the logger of the first app in a process, so the apps of this file share one capture.
const logs = new LogCapture();

describe('store faults', () => {
  let app: FaultApp;

  beforeAll(async () => {
    app = await startFaultApp({ logs, events: repeatEvent(7, { at: '2026-03-10T12:00:00Z' }) });
  });

  afterAll(async () => {
    await app.close();
  });

  it('failing store answers 503 and recovers with correct numbers', async () => {
    const token = app.token('tenant-a');
    await moveTablesAway(app);

    const failed = await app.get(VOLUME_MARCH, { token });
    const ready = await app.get('/health/ready');
    const live = await app.get('/health/live');

    await moveTablesBack(app);
    const recovered = await app.get(VOLUME_MARCH, { token });
    const readyAgain = await app.get('/health/ready');

    expectProblem(failed, 503, '/problems/store-unavailable');
    // The readiness query reads no table, so it stays up through this fault.
    expect(ready.status).toBe(200);
    expect(live.status).toBe(200);
    expect(recovered.status).toBe(200);
    expect((recovered.body as { data: { totals: { calls: number } }[] }).data[0].totals.calls).toBe(
      7,
    );
    expect(readyAgain.status).toBe(200);
  });

  it('failing store logs the cause once per request', async () => {
    const token = app.token('tenant-a');
    const before = logs.lines.length;
    await moveTablesAway(app);

    const failed = await app.get(VOLUME_MARCH_DAILY, { token });
    await moveTablesBack(app);

    const lines = logs.lines.slice(before);
    const errorLines = lines.filter((line) => line.context === 'ProblemDetailsFilter');
    expect(failed.status).toBe(503);
    expect(errorLines).toHaveLength(1);
    expect(JSON.stringify(errorLines[0].err)).toContain('does not exist');
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});

describe('store fault: closed store', () => {
  let app: FaultApp;

  beforeAll(async () => {
    app = await startFaultApp({ logs, events: repeatEvent(3, { at: '2026-03-10T12:00:00Z' }) });
  });

  afterAll(async () => {
    await app.close().catch(() => undefined);
  });

  it('closed store answers 503 and readiness 503', async () => {
    const token = app.token('tenant-a');
    app.store.close();

    const report = await app.get(VOLUME_MARCH, { token });
    const ready = await app.get('/health/ready');
    const live = await app.get('/health/live');

    expectProblem(report, 503, '/problems/store-unavailable');
    expect(ready.status).toBe(503);
    expect((ready.body as { error: Record<string, { status: string }> }).error.store.status).toBe(
      'down',
    );
    expect(live.status).toBe(200);
  });
});

describe('store faults: slow queries', () => {
  let app: FaultApp;

  beforeAll(async () => {
    app = await startFaultApp({
      logs,
      events: repeatEvent(5, { at: '2026-03-10T12:00:00Z' }),
      seed: (store) => insertSyntheticCalls(store, { tenantId: 'tenant-a', rows: 1_000_000 }),
      env: { REQUEST_TIMEOUT_MS: '300' },
    });
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  it('query past the deadline answers 504', async () => {
    const token = app.token('tenant-a');
    await app.get(VOLUME_MARCH, { token });

    const startedAt = Date.now();
    const slow = await app.get(HEAVY_LATENCY, { token });
    const elapsedMs = Date.now() - startedAt;

    expectProblem(slow, 504, '/problems/store-timeout');
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('query past the deadline leaves later requests correct', async () => {
    const token = app.token('tenant-a');
    await app.get(HEAVY_LATENCY, { token });

    const after = await app.get(VOLUME_MARCH, { token });
    const live = await app.get('/health/live');

    expect(after.status).toBe(200);
    expect((after.body as { data: { totals: { calls: number } }[] }).data[0].totals.calls).toBe(5);
    expect(live.status).toBe(200);
  });

  it('client disconnect stops the query', async () => {
    const token = app.token('tenant-a');
    const controller = new AbortController();

    const request = app
      .get(HEAVY_LATENCY.replace('limit=100', 'limit=99'), { token, signal: controller.signal })
      .catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const outcome = await request;
    await waitFor(() => logs.withMessage('request aborted by the client').length > 0);

    const after = await app.get(VOLUME_MARCH, { token });
    const cancelled = logs.lines.filter((line) =>
      JSON.stringify(line.err ?? '').includes('request was cancelled'),
    );

    expect(outcome).toBe('AbortError');
    expect(after.status).toBe(200);
    expect((after.body as { data: { totals: { calls: number } }[] }).data[0].totals.calls).toBe(5);
    expect(cancelled.length).toBeGreaterThanOrEqual(1);
    // A client that left is no server error: nothing about its request is logged above info.
    const [aborted] = logs.withMessage('request aborted by the client');
    const linesOfAborted = logs.lines.filter((line) => line.requestId === aborted.requestId);
    expect(linesOfAborted.filter((line) => Number(line.level) > 30)).toEqual([]);
    expect(
      linesOfAborted.filter((line) => line.msg === 'request completed').map((line) => line.status),
    ).not.toContain(503);
  });
});

/** Tables that the reports read; renaming them makes every report query fail as a damaged store would. */
const REPORT_TABLES = ['events', 'rollup_hourly', 'rollup_daily'];

async function moveTablesAway(app: FaultApp): Promise<void> {
  for (const table of REPORT_TABLES) {
    await app.store.query(`ALTER TABLE ${table} RENAME TO ${table}_moved_away`);
  }
}

async function moveTablesBack(app: FaultApp): Promise<void> {
  for (const table of REPORT_TABLES) {
    await app.store.query(`ALTER TABLE ${table}_moved_away RENAME TO ${table}`);
  }
}
