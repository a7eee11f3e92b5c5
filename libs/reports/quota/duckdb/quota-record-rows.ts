import { isQuotaProduct } from '../plans/plan-catalog';
import {
  CreditGrantRecord,
  LimitOverrideRecord,
  PlanAssignmentRecord,
  QuotaRecord,
} from '../quota-records.types';

/** Columns read from every record table, times as epoch milliseconds. */
export const AUDIT_SELECT = `record_id, sequence, tenant_id, actor, reason,
  epoch_ms(effective_at) AS effective_at_ms, epoch_ms(created_at) AS created_at_ms`;

type Row = Record<string, unknown>;

function auditOf(row: Row) {
  return {
    recordId: String(row.record_id),
    sequence: Number(row.sequence),
    tenantId: String(row.tenant_id),
    actor: String(row.actor),
    reason: String(row.reason),
    effectiveAtMs: Number(row.effective_at_ms),
    createdAtMs: Number(row.created_at_ms),
  };
}

export function planAssignmentOf(row: Row): PlanAssignmentRecord {
  return {
    kind: 'plan-assignment',
    ...auditOf(row),
    planId: String(row.plan_id),
    billingTimeZone: String(row.billing_time_zone),
    billingAnchorDay: Number(row.billing_anchor_day),
  };
}

export function limitOverrideOf(row: Row): LimitOverrideRecord {
  const product = String(row.product);
  if (!isQuotaProduct(product)) {
    throw new Error(
      `Limit override ${String(row.record_id)} names the unknown product "${product}"`,
    );
  }
  return {
    kind: 'limit-override',
    ...auditOf(row),
    product,
    includedTransactions:
      row.included_transactions === null ? null : Number(row.included_transactions),
  };
}

export function creditGrantOf(row: Row): CreditGrantRecord {
  return {
    kind: 'credit-grant',
    ...auditOf(row),
    credits: Number(row.credits),
    expiresAtMs: Number(row.expires_at_ms),
  };
}

export function recordOf(row: Row): QuotaRecord {
  switch (row.kind) {
    case 'plan-assignment':
      return planAssignmentOf(row);
    case 'limit-override':
      return limitOverrideOf(row);
    default:
      return creditGrantOf(row);
  }
}
