import { PlanCatalog, PlanDefinition, QUOTA_PRODUCTS, QuotaProduct } from './plan.types';
import { PLANS_V1 } from './plans.v1';

/** The plans in force: the latest released catalog. */
export const CURRENT_PLAN_CATALOG: PlanCatalog = PLANS_V1;

export function findPlan(catalog: PlanCatalog, planId: string): PlanDefinition | undefined {
  return catalog.plans.find((plan) => plan.id === planId);
}

export function planIds(catalog: PlanCatalog): string[] {
  return catalog.plans.map((plan) => plan.id);
}

export function isQuotaProduct(value: string): value is QuotaProduct {
  return (QUOTA_PRODUCTS as readonly string[]).includes(value);
}
