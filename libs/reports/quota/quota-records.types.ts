import { QuotaProduct } from './plans/plan.types';

/** Author, reason and times of a quota record, kept by every record for the audit trail. */
export interface RecordAudit {
  recordId: string;
  /** Order of writes across all record kinds of the store; the latest record has the highest. */
  sequence: number;
  tenantId: string;
  /** The `sub` of the token that made the change. */
  actor: string;
  reason: string;
  effectiveAtMs: number;
  createdAtMs: number;
}

export interface PlanAssignmentRecord extends RecordAudit {
  kind: 'plan-assignment';
  planId: string;
  billingTimeZone: string;
  billingAnchorDay: number;
}

export interface LimitOverrideRecord extends RecordAudit {
  kind: 'limit-override';
  product: QuotaProduct;
  /** Transactions included per period; null removes the override. */
  includedTransactions: number | null;
}

export interface CreditGrantRecord extends RecordAudit {
  kind: 'credit-grant';
  credits: number;
  expiresAtMs: number;
}

export type QuotaRecord = PlanAssignmentRecord | LimitOverrideRecord | CreditGrantRecord;

/** A record to append; the store numbers it. */
export type NewQuotaRecord =
  | Omit<PlanAssignmentRecord, 'sequence'>
  | Omit<LimitOverrideRecord, 'sequence'>
  | Omit<CreditGrantRecord, 'sequence'>;

/** Every quota record of one tenant, each list in write order. */
export interface QuotaRecords {
  planAssignments: PlanAssignmentRecord[];
  limitOverrides: LimitOverrideRecord[];
  creditGrants: CreditGrantRecord[];
}

export const noQuotaRecords = (): QuotaRecords => ({
  planAssignments: [],
  limitOverrides: [],
  creditGrants: [],
});
