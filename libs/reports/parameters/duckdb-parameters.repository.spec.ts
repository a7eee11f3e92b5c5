import { TenantScope } from '@analytics/common';
import { appendEvents, DuckDbStore, UsageEvent } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbParametersRepository } from './duckdb-parameters.repository';
import { ParameterSelection } from './parameters.types';

const ENDPOINT = '/maps/1/tile/{z}/{x}/{y}.png';

function event(overrides: Partial<UsageEvent> & { at: string }): UsageEvent {
  const { at, ...rest } = overrides;
  const timestampMs = Date.parse(at);
  return {
    timestampMs,
    ingestedAtMs: timestampMs,
    tenantId: 'tenant-a',
    apiKeyId: 'key-1',
    product: 'maps',
    endpoint: ENDPOINT,
    method: 'GET',
    statusCode: 200,
    durationMs: 10,
    requestBytes: 100,
    responseBytes: 1000,
    transactions: 1,
    region: 'westeurope',
    params: {},
    ...rest,
  };
}

const selection = (overrides: Partial<ParameterSelection> = {}): ParameterSelection => ({
  fromMs: Date.parse('2026-05-01T00:00:00Z'),
  toMs: Date.parse('2026-05-02T00:00:00Z'),
  endpoint: ENDPOINT,
  filters: {},
  ...overrides,
});

describe('DuckDbParametersRepository', () => {
  const scope = TenantScope.of('tenant-a');
  let directory: string;
  let store: DuckDbStore;
  let repository: DuckDbParametersRepository;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parameters-repository-'));
    store = await DuckDbStore.open(join(directory, 'events.duckdb'));
    await appendEvents(store, [
      [
        event({ at: '2026-05-01T00:00:00Z', params: { style: 'main', view: 'Unified' } }),
        event({ at: '2026-05-01T08:00:00Z', params: { style: 'night', view: 'IN' } }),
        event({ at: '2026-05-01T09:00:00Z', params: { view: 'Unified', b: '1', a: '2' } }),
        event({ at: '2026-05-01T10:00:00Z', product: 'traffic', params: { style: 'main' } }),
        event({ at: '2026-05-01T11:00:00Z', apiKeyId: 'key-2', params: { key: 'do-not-read' } }),
        event({ at: '2026-05-02T00:00:00Z', params: { style: 'late' } }),
        event({
          at: '2026-05-01T12:00:00Z',
          tenantId: 'tenant-b',
          params: { style: 'other-tenant' },
        }),
        event({
          at: '2026-05-01T12:00:00Z',
          endpoint: '/other',
          params: { style: 'other-endpoint' },
        }),
      ],
    ]);
    repository = new DuckDbParametersRepository(store);
  });

  afterAll(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('counts names and shapes of one endpoint', async () => {
    const counts = await repository.usage(scope, { selection: selection(), top: 10 });

    expect(counts).toEqual({
      totalCalls: 5,
      names: [
        { name: 'style', calls: 3 },
        { name: 'view', calls: 3 },
        { name: 'a', calls: 1 },
        { name: 'b', calls: 1 },
        { name: 'key', calls: 1 },
      ],
      distinctNames: 5,
      otherNameCalls: 0,
      shapes: [
        { parameters: ['style', 'view'], calls: 2 },
        { parameters: ['a', 'b', 'view'], calls: 1 },
        { parameters: ['key'], calls: 1 },
        { parameters: ['style'], calls: 1 },
      ],
      distinctShapes: 4,
      otherShapeCalls: 0,
    });
  });

  it('counts calls outside the top names once', async () => {
    const counts = await repository.usage(scope, { selection: selection(), top: 2 });

    // Outside style and view: a and b share one call, key has one.
    expect(counts.names).toEqual([
      { name: 'style', calls: 3 },
      { name: 'view', calls: 3 },
    ]);
    expect(counts.otherNameCalls).toBe(2);
    expect(counts.otherShapeCalls).toBe(2);
  });

  it('applies product and apiKey filters', async () => {
    const traffic = await repository.usage(scope, {
      selection: selection({ filters: { product: ['traffic'] } }),
      top: 10,
    });
    const secondKey = await repository.usage(scope, {
      selection: selection({ filters: { apiKey: ['key-2'] } }),
      top: 10,
    });

    expect(traffic.totalCalls).toBe(1);
    expect(traffic.names).toEqual([{ name: 'style', calls: 1 }]);
    expect(secondKey.names).toEqual([{ name: 'key', calls: 1 }]);
  });

  it('ranks values with ties broken by value', async () => {
    const counts = await repository.values(scope, {
      selection: selection(),
      name: 'view',
      top: 10,
    });

    expect(counts).toEqual({
      totalCalls: 5,
      carryingCalls: 3,
      values: [
        { value: 'Unified', calls: 2 },
        { value: 'IN', calls: 1 },
      ],
      distinctValues: 2,
      otherValueCalls: 0,
    });
  });

  it('merges values beyond top', async () => {
    const counts = await repository.values(scope, {
      selection: selection(),
      name: 'style',
      top: 1,
    });

    expect(counts.values).toEqual([{ value: 'main', calls: 2 }]);
    expect(counts.otherValueCalls).toBe(1);
  });

  it('counts carrying calls without values', async () => {
    const counts = await repository.calls(scope, { selection: selection(), name: 'key' });

    expect(counts).toEqual({ totalCalls: 5, carryingCalls: 1 });
  });

  it('matches a name exactly', async () => {
    const counts = await repository.calls(scope, { selection: selection(), name: 'STYLE' });

    expect(counts.carryingCalls).toBe(0);
  });
});
