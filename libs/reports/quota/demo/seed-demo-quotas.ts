import { TenantScope } from '@analytics/common';
import { DuckDbStore } from '@analytics/store';
import { randomUUID } from 'node:crypto';
import { DEFAULT_BILLING, periodContaining } from '../billing-period';
import { DuckDbQuotaRecordRepository } from '../duckdb/duckdb-quota-record.repository';
import { DuckDbQuotaUsageRepository } from '../duckdb/duckdb-quota-usage.repository';
import { CURRENT_PLAN_CATALOG, findPlan } from '../plans/plan-catalog';
import { QUOTA_PRODUCTS, QuotaProduct } from '../plans/plan.types';
import { NewQuotaRecord } from '../quota-records.types';
import { QuotaStatus } from '../quota-status';

export interface DemoQuotaAssignment {
  tenantId: string;
  planId: string;
  /** Status the assignment was sized for, from the consumption at `nowMs`. */
  intendedStatus: QuotaStatus;
}

export interface DemoQuotaSeedResult {
  /** Empty when the store already had quota records, because then nothing was written. */
  assignments: DemoQuotaAssignment[];
}

const DEMO_ACTOR = 'demo-seed';
const DAY_MS = 86_400_000;

/**
 * Assigns demo plans to every tenant with events, sized from each tenant's consumption in the
 * current calendar month (UTC). Tenants take four scenarios in turn: `ok` on the enterprise
 * plan, `warning` at 90 % of a pay-as-you-go limit, `exceeded` at 125 % of a free (hard) limit,
 * and `warning` at 120 % of a pay-as-you-go limit with credits paying the overage. Limits of the
 * other products are raised to at most half used, so the busiest product decides the status.
 * Writes nothing when the store already contains quota records, so a restart keeps changes.
 */
export async function seedDemoQuotas(
  store: DuckDbStore,
  options: { nowMs: number },
): Promise<DemoQuotaSeedResult> {
  const records = new DuckDbQuotaRecordRepository(store);
  const usage = new DuckDbQuotaUsageRepository(store);
  if ((await records.tenantsWithRecords()).length > 0) {
    return { assignments: [] };
  }

  const { nowMs } = options;
  const period = periodContaining(nowMs, DEFAULT_BILLING);
  const assignments: DemoQuotaAssignment[] = [];
  const tenantIds = (await usage.tenantsWithEvents()).filter((tenantId) =>
    TenantScope.isValidId(tenantId),
  );

  for (const [index, tenantId] of tenantIds.entries()) {
    const scope = TenantScope.of(tenantId);
    const used = new Map<string, number>();
    if (nowMs > period.startMs) {
      for (const row of await usage.transactionsPerBucket(scope, [period.startMs, nowMs])) {
        used.set(row.product, row.transactions);
      }
    }

    const scenario = SCENARIOS[index % SCENARIOS.length];
    const busiest = QUOTA_PRODUCTS.reduce<QuotaProduct>(
      (top, product) => ((used.get(product) ?? 0) > (used.get(top) ?? 0) ? product : top),
      QUOTA_PRODUCTS[0],
    );
    const busiestUse = used.get(busiest) ?? 0;
    const audit = {
      tenantId,
      actor: DEMO_ACTOR,
      reason: 'Demo plan assignment',
      effectiveAtMs: nowMs,
      createdAtMs: nowMs,
    };
    const change: NewQuotaRecord[] = [
      {
        kind: 'plan-assignment',
        recordId: randomUUID(),
        ...audit,
        planId: scenario.planId,
        billingTimeZone: DEFAULT_BILLING.timeZone,
        billingAnchorDay: DEFAULT_BILLING.anchorDay,
      },
    ];

    if (scenario.busiestRatio !== undefined && busiestUse > 0) {
      const plan = findPlan(CURRENT_PLAN_CATALOG, scenario.planId);
      for (const product of QUOTA_PRODUCTS) {
        const productUse = used.get(product) ?? 0;
        const included =
          product === busiest
            ? Math.max(1, Math.floor(productUse / scenario.busiestRatio))
            : Math.max(
                plan?.products[product].includedTransactions ?? 0,
                Math.ceil(productUse / 0.5),
              );
        change.push({
          kind: 'limit-override',
          recordId: randomUUID(),
          ...audit,
          product,
          includedTransactions: included,
        });
      }
    }
    await records.appendChange(scope, change, () => undefined);

    if (scenario.grantCredits && busiestUse > 0) {
      const overage = busiestUse - Math.floor(busiestUse / (scenario.busiestRatio ?? 1));
      const credits = Math.max(1, overage * 4);
      await records.appendGrant(
        scope,
        {
          kind: 'credit-grant',
          recordId: randomUUID(),
          ...audit,
          reason: 'Demo credit grant',
          credits,
          expiresAtMs: period.endMs + 30 * DAY_MS,
        },
        { key: `demo-seed-${tenantId}`.slice(0, 128), requestHash: 'demo-seed' },
      );
    }

    assignments.push({
      tenantId,
      planId: scenario.planId,
      intendedStatus: busiestUse > 0 ? scenario.intendedStatus : 'ok',
    });
  }

  return { assignments };
}

interface DemoScenario {
  planId: string;
  /** Use of the busiest product over its included amount; undefined keeps the plan's limits. */
  busiestRatio?: number;
  grantCredits?: boolean;
  intendedStatus: QuotaStatus;
}

const SCENARIOS: readonly DemoScenario[] = [
  { planId: 'enterprise', intendedStatus: 'ok' },
  { planId: 'pay-as-you-go', busiestRatio: 0.9, intendedStatus: 'warning' },
  { planId: 'free', busiestRatio: 1.25, intendedStatus: 'exceeded' },
  { planId: 'pay-as-you-go', busiestRatio: 1.2, grantCredits: true, intendedStatus: 'warning' },
];
