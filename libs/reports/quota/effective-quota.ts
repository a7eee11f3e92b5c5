import { createHash } from 'node:crypto';
import { BillingSettings, DEFAULT_BILLING } from './billing-period';
import { findPlan } from './plans/plan-catalog';
import {
  PlanCatalog,
  PlanDefinition,
  ProductAllowance,
  QUOTA_PRODUCTS,
  QuotaProduct,
} from './plans/plan.types';
import { LimitOverrideRecord, PlanAssignmentRecord, QuotaRecords } from './quota-records.types';

/** The plan and limits in force at one instant: the latest record per key effective by then. */
export interface EffectiveQuota {
  plan: PlanDefinition;
  billing: BillingSettings;
  /** The plan's allowances with the limit overrides applied. */
  allowances: Record<QuotaProduct, ProductAllowance>;
  overridden: Set<QuotaProduct>;
  assignment: PlanAssignmentRecord | undefined;
  overrides: LimitOverrideRecord[];
}

export function effectiveQuotaAt(
  records: QuotaRecords,
  instantMs: number,
  catalog: PlanCatalog,
): EffectiveQuota {
  const assignment = latest(
    records.planAssignments.filter((record) => record.effectiveAtMs <= instantMs),
  );
  const plan =
    findPlan(catalog, assignment?.planId ?? catalog.defaultPlanId) ??
    (findPlan(catalog, catalog.defaultPlanId) as PlanDefinition);
  const billing = assignment
    ? { timeZone: assignment.billingTimeZone, anchorDay: assignment.billingAnchorDay }
    : DEFAULT_BILLING;

  const allowances = { ...plan.products };
  const overridden = new Set<QuotaProduct>();
  const overrides: LimitOverrideRecord[] = [];
  for (const product of QUOTA_PRODUCTS) {
    const override = latest(
      records.limitOverrides.filter(
        (record) => record.product === product && record.effectiveAtMs <= instantMs,
      ),
    );
    if (override === undefined) {
      continue;
    }

    overrides.push(override);
    if (override.includedTransactions !== null) {
      allowances[product] = {
        ...allowances[product],
        includedTransactions: override.includedTransactions,
      };
      overridden.add(product);
    }
  }

  return { plan, billing, allowances, overridden, assignment, overrides };
}

/**
 * Strong entity tag of the plan and limits a PUT changes: a hash of the ids of the records in
 * force. Credit grants do not change it, so a grant does not make a pending plan change stale.
 */
export function quotaEtag(tenantId: string, quota: EffectiveQuota): string {
  const ids = [
    quota.assignment?.recordId ?? 'default-plan',
    ...quota.overrides.map((record) => record.recordId),
  ];
  const hash = createHash('sha256')
    .update(JSON.stringify([tenantId, ids]))
    .digest('base64url');
  return `"${hash.slice(0, 32)}"`;
}

function latest<R extends { sequence: number }>(records: R[]): R | undefined {
  return records.reduce<R | undefined>(
    (found, record) => (found === undefined || record.sequence > found.sequence ? record : found),
    undefined,
  );
}
