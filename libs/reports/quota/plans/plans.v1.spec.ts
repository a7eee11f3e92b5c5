import { CURRENT_PLAN_CATALOG, findPlan } from './plan-catalog';
import { LIMIT_KINDS, QUOTA_PRODUCTS } from './plan.types';
import { PLANS_V1 } from './plans.v1';

describe('plans v1', () => {
  it('offers free, pay-as-you-go and enterprise', () => {
    expect(PLANS_V1.plans.map((plan) => plan.id)).toEqual(['free', 'pay-as-you-go', 'enterprise']);
    expect(PLANS_V1.version).toBe(1);
  });

  it('has unique plan ids and a default plan that exists', () => {
    const ids = PLANS_V1.plans.map((plan) => plan.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(findPlan(PLANS_V1, PLANS_V1.defaultPlanId)).toBeDefined();
  });

  it.each(PLANS_V1.plans.map((plan) => [plan.id, plan] as const))(
    'prices every product in %s',
    (_id, plan) => {
      expect(Object.keys(plan.products).sort()).toEqual([...QUOTA_PRODUCTS].sort());
      for (const allowance of Object.values(plan.products)) {
        expect(Number.isSafeInteger(allowance.includedTransactions)).toBe(true);
        expect(allowance.includedTransactions).toBeGreaterThanOrEqual(0);
        expect(LIMIT_KINDS).toContain(allowance.limit);
        expect(Number.isSafeInteger(allowance.creditsPerTransaction)).toBe(true);
        expect(allowance.creditsPerTransaction).toBeGreaterThanOrEqual(0);
        // Credits pay only for overage under a soft limit, so a hard limit has no price.
        expect(allowance.creditsPerTransaction === 0).toBe(allowance.limit === 'hard');
      }
    },
  );

  it('is the catalog in force', () => {
    expect(CURRENT_PLAN_CATALOG).toBe(PLANS_V1);
  });
});
