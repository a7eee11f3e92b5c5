import { Clock, TenantScope } from '@analytics/common';
import { appendEvents, DuckDbStore, UsageEvent } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbQuotaRecordRepository } from '../duckdb/duckdb-quota-record.repository';
import { DuckDbQuotaUsageRepository } from '../duckdb/duckdb-quota-usage.repository';
import { GetQuotaViewUseCase } from '../get-quota-view.use-case';
import { seedDemoQuotas } from './seed-demo-quotas';

const NOW = Date.parse('2026-03-15T10:00:00Z');

class FixedClock extends Clock {
  override nowMs(): number {
    return NOW;
  }
}

function event(tenantId: string, product: string, transactions: number): UsageEvent {
  const timestampMs = Date.parse('2026-03-05T12:00:00Z');
  return {
    timestampMs,
    ingestedAtMs: timestampMs,
    tenantId,
    apiKeyId: 'key-1',
    product,
    endpoint: '/x',
    method: 'GET',
    statusCode: 200,
    durationMs: 10,
    requestBytes: 1,
    responseBytes: 1,
    transactions,
    region: 'westeurope',
    params: {},
  };
}

describe('seedDemoQuotas', () => {
  let directory: string;
  let store: DuckDbStore;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'quota-demo-'));
    store = await DuckDbStore.open(join(directory, 'store.duckdb'));
    const tenants = ['t0', 't1', 't2', 't3', 't4'];
    await appendEvents(store, [
      tenants.flatMap((tenantId, index) => [
        event(tenantId, 'search', 90_000 + index * 1_000),
        event(tenantId, 'maps', 3_000),
      ]),
    ]);
  });

  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('gives the tenants the statuses it intended', async () => {
    const result = await seedDemoQuotas(store, { nowMs: NOW });
    const views = new GetQuotaViewUseCase(
      new DuckDbQuotaRecordRepository(store),
      new DuckDbQuotaUsageRepository(store),
      new FixedClock(),
    );
    const statuses = await Promise.all(
      result.assignments.map(
        async (item) => (await views.execute(TenantScope.of(item.tenantId))).status,
      ),
    );

    expect(
      result.assignments.map((item) => [item.tenantId, item.planId, item.intendedStatus]),
    ).toEqual([
      ['t0', 'enterprise', 'ok'],
      ['t1', 'pay-as-you-go', 'warning'],
      ['t2', 'free', 'exceeded'],
      ['t3', 'pay-as-you-go', 'warning'],
      ['t4', 'enterprise', 'ok'],
    ]);
    expect(statuses).toEqual(['ok', 'warning', 'exceeded', 'warning', 'ok']);
  });

  it('writes nothing when quota records exist', async () => {
    await seedDemoQuotas(store, { nowMs: NOW });
    const again = await seedDemoQuotas(store, { nowMs: NOW });

    expect(again.assignments).toEqual([]);
  });
});
