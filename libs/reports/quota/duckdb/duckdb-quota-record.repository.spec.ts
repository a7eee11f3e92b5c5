import { TenantScope } from '@analytics/common';
import { DuckDbStore } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreditGrantRecord } from '../quota-records.types';
import { DuckDbQuotaRecordRepository } from './duckdb-quota-record.repository';

const NOW = Date.parse('2026-03-15T00:00:00Z');
const scope = TenantScope.of('tenant-a');

function newGrant(recordId: string, credits = 10): Omit<CreditGrantRecord, 'sequence'> {
  return {
    kind: 'credit-grant',
    recordId,
    tenantId: 'tenant-a',
    actor: 'manager-1',
    reason: 'test',
    effectiveAtMs: NOW,
    createdAtMs: NOW,
    credits,
    expiresAtMs: Date.parse('2026-06-01T00:00:00Z'),
  };
}

describe('DuckDbQuotaRecordRepository', () => {
  let directory: string;
  let store: DuckDbStore;
  let repository: DuckDbQuotaRecordRepository;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'quota-records-'));
    store = await DuckDbStore.open(join(directory, 'store.duckdb'));
    repository = new DuckDbQuotaRecordRepository(store);
  });

  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates twenty grants for twenty keys at once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        repository.appendGrant(scope, newGrant(`grant-${index}`), {
          key: `key-${index}-0000`,
          requestHash: 'same',
        }),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.kind === 'created')).toHaveLength(20);
    expect((await repository.findRecords(scope)).creditGrants).toHaveLength(20);
  });

  it('creates one grant for twenty calls with one key', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        repository.appendGrant(scope, newGrant(`grant-${index}`), {
          key: 'one-key-0000',
          requestHash: 'same',
        }),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.kind === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'replayed')).toHaveLength(19);
    expect(
      (await repository.findRecords(scope)).creditGrants.map((grant) => grant.recordId),
    ).toEqual(['grant-0']);
  });

  it('reports a key reused with another request', async () => {
    await repository.appendGrant(scope, newGrant('grant-1'), {
      key: 'one-key-0000',
      requestHash: 'first',
    });
    const outcome = await repository.appendGrant(scope, newGrant('grant-2', 20), {
      key: 'one-key-0000',
      requestHash: 'second',
    });

    expect(outcome).toEqual({ kind: 'key-reused' });
    expect((await repository.findRecords(scope)).creditGrants).toHaveLength(1);
  });

  it('keeps keys apart per tenant', async () => {
    const other = TenantScope.of('tenant-b');
    await repository.appendGrant(scope, newGrant('grant-1'), {
      key: 'one-key-0000',
      requestHash: 'same',
    });
    const outcome = await repository.appendGrant(
      other,
      { ...newGrant('grant-2'), tenantId: 'tenant-b' },
      { key: 'one-key-0000', requestHash: 'same' },
    );

    expect(outcome.kind).toBe('created');
  });

  it('writes nothing when the precondition throws', async () => {
    const change = [
      {
        kind: 'plan-assignment' as const,
        recordId: 'plan-1',
        tenantId: 'tenant-a',
        actor: 'manager-1',
        reason: 'test',
        effectiveAtMs: NOW,
        createdAtMs: NOW,
        planId: 'enterprise',
        billingTimeZone: 'UTC',
        billingAnchorDay: 1,
      },
    ];

    await expect(
      repository.appendChange(scope, change, () => {
        throw new Error('stale');
      }),
    ).rejects.toThrow('stale');
    expect((await repository.findRecords(scope)).planAssignments).toEqual([]);
  });

  it('writes a change all or nothing', async () => {
    const base = {
      tenantId: 'tenant-a',
      actor: 'manager-1',
      reason: 'test',
      effectiveAtMs: NOW,
      createdAtMs: NOW,
    };
    const change = [
      {
        kind: 'plan-assignment' as const,
        recordId: 'plan-1',
        ...base,
        planId: 'enterprise',
        billingTimeZone: 'UTC',
        billingAnchorDay: 1,
      },
      // A second record with the same id violates the primary key, so the first must roll back.
      {
        kind: 'limit-override' as const,
        recordId: 'dup',
        ...base,
        product: 'search' as const,
        includedTransactions: 5,
      },
      {
        kind: 'limit-override' as const,
        recordId: 'dup',
        ...base,
        product: 'maps' as const,
        includedTransactions: 5,
      },
    ];

    await expect(repository.appendChange(scope, change, () => undefined)).rejects.toThrow();
    expect(await repository.findRecords(scope)).toEqual({
      planAssignments: [],
      limitOverrides: [],
      creditGrants: [],
    });
  });

  it('lists the audit trail newest first across kinds', async () => {
    const base = {
      tenantId: 'tenant-a',
      actor: 'manager-1',
      reason: 'test',
      effectiveAtMs: NOW,
      createdAtMs: NOW,
    };
    await repository.appendChange(
      scope,
      [
        {
          kind: 'plan-assignment',
          recordId: 'plan-1',
          ...base,
          planId: 'free',
          billingTimeZone: 'UTC',
          billingAnchorDay: 1,
        },
      ],
      () => undefined,
    );
    await repository.appendGrant(scope, newGrant('grant-1'), {
      key: 'one-key-0000',
      requestHash: 'same',
    });
    await repository.appendChange(
      scope,
      [
        {
          kind: 'limit-override',
          recordId: 'override-1',
          ...base,
          product: 'search',
          includedTransactions: null,
        },
      ],
      () => undefined,
    );

    const all = await repository.auditTrail(scope, { limit: 10 });
    const older = await repository.auditTrail(scope, {
      limit: 10,
      beforeSequence: all[0].sequence,
    });

    expect(all.map((record) => [record.kind, record.recordId])).toEqual([
      ['limit-override', 'override-1'],
      ['credit-grant', 'grant-1'],
      ['plan-assignment', 'plan-1'],
    ]);
    expect(all[0]).toMatchObject({
      includedTransactions: null,
      product: 'search',
      effectiveAtMs: NOW,
    });
    expect(older.map((record) => record.recordId)).toEqual(['grant-1', 'plan-1']);
    expect(await repository.tenantsWithRecords()).toEqual(['tenant-a']);
  });
});
