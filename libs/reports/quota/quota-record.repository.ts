import { TenantScope } from '@analytics/common';
import {
  CreditGrantRecord,
  NewQuotaRecord,
  QuotaRecord,
  QuotaRecords,
} from './quota-records.types';

/** Outcome of a grant with an Idempotency-Key. */
export type GrantOutcome =
  | { kind: 'created'; grant: CreditGrantRecord }
  /** The key was used before with the same request: the first grant, nothing new granted. */
  | { kind: 'replayed'; grant: CreditGrantRecord }
  /** The key was used before with another request. */
  | { kind: 'key-reused' };

/**
 * Port of the append-only quota records; an abstract class so that it is its own injection token.
 * Records are only ever appended, never updated or deleted.
 */
export abstract class QuotaRecordRepository {
  /** Every plan assignment, limit override and credit grant of the tenant, each list in write order. */
  abstract findRecords(scope: TenantScope): Promise<QuotaRecords>;

  /**
   * Appends plan assignments and limit overrides, all or none. `precondition` receives the
   * records as they are at the moment of the append, with no other change of the tenant in
   * between. When it throws, nothing is written and the error propagates.
   */
  abstract appendChange(
    scope: TenantScope,
    records: NewQuotaRecord[],
    precondition: (current: QuotaRecords) => void,
  ): Promise<void>;

  /**
   * Appends a credit grant under an idempotency key, unless the tenant already used the key.
   * Concurrent calls with one key create one grant.
   */
  abstract appendGrant(
    scope: TenantScope,
    grant: Omit<CreditGrantRecord, 'sequence'>,
    idempotency: { key: string; requestHash: string },
  ): Promise<GrantOutcome>;

  /** Records of all kinds, newest first: at most `limit` of those written before `beforeSequence`. */
  abstract auditTrail(
    scope: TenantScope,
    page: { beforeSequence?: number; limit: number },
  ): Promise<QuotaRecord[]>;

  /** Ids of the tenants that have any quota record. For account managers' tenant lists only. */
  abstract tenantsWithRecords(): Promise<string[]>;
}
