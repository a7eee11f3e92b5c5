import { Clock, CursorCodec, TenantScope } from '@analytics/common';
import { FreshnessPolicy, ReportDependencies } from '@analytics/reports/shared';
import { appendEvents, DuckDbStore, UsageEvent } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbParametersRepository } from './duckdb-parameters.repository';
import { GetParameterValuesUseCase, WITHHELD_REASON } from './get-parameter-values.use-case';
import { ParametersQuery } from './parameters-query';
import { ParameterSelection } from './parameters.types';
import { SecretParameterPolicy } from './secret-parameter.policy';

const ENDPOINT = '/search/2/search/{query}.json';

/** The DuckDB adapter, recording which port methods the use case called. */
class RecordingRepository extends DuckDbParametersRepository {
  readonly calledMethods: string[] = [];

  override values(
    scope: TenantScope,
    request: { selection: ParameterSelection; name: string; top: number },
  ) {
    this.calledMethods.push('values');
    return super.values(scope, request);
  }

  override calls(scope: TenantScope, request: { selection: ParameterSelection; name: string }) {
    this.calledMethods.push('calls');
    return super.calls(scope, request);
  }
}

class FixedClock extends Clock {
  override nowMs(): number {
    return Date.parse('2026-08-01T00:00:00Z');
  }
}

function event(params: Record<string, string>): UsageEvent {
  const timestampMs = Date.parse('2026-07-01T12:00:00Z');
  return {
    timestampMs,
    ingestedAtMs: timestampMs,
    tenantId: 'tenant-a',
    apiKeyId: 'key-1',
    product: 'search',
    endpoint: ENDPOINT,
    method: 'GET',
    statusCode: 200,
    durationMs: 10,
    requestBytes: 100,
    responseBytes: 1000,
    transactions: 1,
    region: 'westeurope',
    params,
  };
}

const query = (name: string): ParametersQuery & { name: string } => ({
  fromMs: Date.parse('2026-07-01T00:00:00Z'),
  toMs: Date.parse('2026-07-02T00:00:00Z'),
  endpoint: ENDPOINT,
  filters: {},
  top: 10,
  limit: 10,
  name,
});

describe('GetParameterValuesUseCase', () => {
  const scope = TenantScope.of('tenant-a');
  let directory: string;
  let store: DuckDbStore;
  let repository: RecordingRepository;
  let useCase: GetParameterValuesUseCase;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parameter-values-'));
    store = await DuckDbStore.open(join(directory, 'events.duckdb'));
    await appendEvents(store, [
      [event({ session: 's-1', lang: 'nl' }), event({ session: 's-2', lang: 'nl' }), event({})],
    ]);

    repository = new RecordingRepository(store);
    const dependencies = new ReportDependencies(
      new FixedClock(),
      new CursorCodec(Buffer.alloc(32, 7)),
      new FreshnessPolicy(0, 60_000, 3_600_000),
    );
    useCase = new GetParameterValuesUseCase(
      repository,
      dependencies,
      new SecretParameterPolicy(['session']),
    );
  });

  beforeEach(() => {
    repository.calledMethods.length = 0;
  });

  afterAll(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('never reads values of a configured secret', async () => {
    const report = await useCase.execute(scope, query('Session'));

    expect(repository.calledMethods).toEqual(['calls']);
    expect(report).toMatchObject({
      name: 'Session',
      calls: 0,
      withheld: true,
      reason: WITHHELD_REASON,
      distinctValues: null,
      values: [],
    });
  });

  it('counts the calls of a withheld parameter', async () => {
    const report = await useCase.execute(scope, query('session'));

    expect(report).toMatchObject({
      calls: 2,
      share: 0.666667,
      totalCalls: 3,
      withheld: true,
      values: [],
    });
  });

  it('shares values of carrying calls', async () => {
    const report = await useCase.execute(scope, query('lang'));

    expect(repository.calledMethods).toEqual(['values']);
    expect(report).toMatchObject({
      calls: 2,
      share: 0.666667,
      withheld: false,
      reason: null,
      distinctValues: 1,
    });
    expect(report.values).toEqual([{ value: 'nl', calls: 2, share: 1, other: false }]);
  });
});
