import { Clock, CursorCodec, DomainError, TenantScope } from '@analytics/common';
import { FreshnessPolicy, ReportDependencies } from '@analytics/reports/shared';
import { appendEvents, DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatEvent } from '../../../test/support/event-factory';
import { DuckDbErrorsRepository } from './duckdb-errors.repository';
import { ErrorsQuery, GetErrorsReportUseCase } from './get-errors-report.use-case';

const TENANT = TenantScope.of('tenant-a');

const BASE_QUERY: ErrorsQuery = {
  fromMs: Date.parse('2026-03-01T00:00:00Z'),
  toMs: Date.parse('2026-03-02T00:00:00Z'),
  granularity: 'day',
  timeZone: 'UTC',
  filters: {},
  groupBy: ['endpoint'],
  ranking: { order: 'calls' },
  statusClasses: [],
  top: 100,
  limit: 1,
};

describe('GetErrorsReportUseCase', () => {
  let directory: string;
  let store: DuckDbStore;
  let useCase: GetErrorsReportUseCase;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'errors-use-case-'));
    store = await DuckDbStore.open(join(directory, 'usage.duckdb'));
    await appendEvents(store, [
      [
        ...repeatEvent(3, {
          tenantId: 'tenant-a',
          endpoint: '/x',
          at: '2026-03-01T10:00:00Z',
          statusCode: 404,
        }),
        ...repeatEvent(2, {
          tenantId: 'tenant-a',
          endpoint: '/y',
          at: '2026-03-01T11:00:00Z',
          statusCode: 503,
        }),
      ],
    ]);

    const dependencies = new ReportDependencies(
      new Clock(),
      new CursorCodec(Buffer.alloc(32, 7)),
      new FreshnessPolicy(60_000, 60_000, 3_600_000),
    );
    useCase = new GetErrorsReportUseCase(new DuckDbErrorsRepository(store), dependencies);
  });

  afterAll(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const keysOf = (report: { groups: { key: Record<string, string> }[] }) =>
    report.groups.map((group) => group.key.endpoint);

  it('rejects minCalls below 1', async () => {
    const run = useCase.execute(TENANT, {
      ...BASE_QUERY,
      ranking: { order: 'errorRate', minCalls: 0 },
    });

    await expect(run).rejects.toThrow(DomainError);
    await expect(run).rejects.toMatchObject({
      code: 'invalid_parameter',
      issues: [{ parameter: 'minCalls' }],
    });
  });

  it('accepts a cursor with the status classes reordered', async () => {
    const first = await useCase.execute(TENANT, { ...BASE_QUERY, statusClasses: ['5xx', '4xx'] });
    const second = await useCase.execute(TENANT, {
      ...BASE_QUERY,
      statusClasses: ['4xx', '5xx'],
      cursor: first.nextCursor ?? undefined,
    });

    expect(keysOf(first)).toEqual(['/x']);
    expect(keysOf(second)).toEqual(['/y']);
  });

  it('rejects a cursor from another status class set', async () => {
    const first = await useCase.execute(TENANT, { ...BASE_QUERY, statusClasses: ['4xx', '5xx'] });

    const run = useCase.execute(TENANT, {
      ...BASE_QUERY,
      statusClasses: ['5xx'],
      cursor: first.nextCursor ?? undefined,
    });

    await expect(run).rejects.toMatchObject({ issues: [{ parameter: 'cursor' }] });
  });

  it('rejects a cursor from another minCalls', async () => {
    const first = await useCase.execute(TENANT, {
      ...BASE_QUERY,
      ranking: { order: 'serverErrorRate', minCalls: 1 },
    });

    const run = useCase.execute(TENANT, {
      ...BASE_QUERY,
      ranking: { order: 'serverErrorRate', minCalls: 2 },
      cursor: first.nextCursor ?? undefined,
    });

    expect(keysOf(first)).toEqual(['/y']);
    await expect(run).rejects.toMatchObject({ issues: [{ parameter: 'cursor' }] });
  });
});
