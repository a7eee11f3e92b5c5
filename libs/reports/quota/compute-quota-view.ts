import { BillingPeriod, localDate, localDayBoundaries, periodContaining } from './billing-period';
import { DayCost, runCreditLedger } from './credit-ledger';
import { EffectiveQuota, effectiveQuotaAt, quotaEtag } from './effective-quota';
import { PlanCatalog, ProductAllowance, QUOTA_PRODUCTS, QuotaProduct } from './plans/plan.types';
import { QuotaReadWindow } from './quota-read-window';
import { QuotaRecords } from './quota-records.types';
import { percentageUsed, productStatus, worstStatus } from './quota-status';
import {
  CreditSummary,
  ExpiringGrant,
  ProductQuota,
  QuotaView,
  UsageBucket,
} from './quota-view.types';
import { DailyTrend, FORECAST_WINDOW_DAYS } from './usage-forecast';

export interface QuotaViewInput {
  tenantId: string;
  catalog: PlanCatalog;
  records: QuotaRecords;
  nowMs: number;
  window: QuotaReadWindow;
  /** Use per local day at the window's day boundaries, up to now. */
  days: UsageBucket[];
}

/** Use of one day, actual or projected, inside the current period. */
interface PeriodDay {
  startMs: number;
  endMs: number;
  use: Record<QuotaProduct, number>;
}

/** Tolerance for projected fractional credits, so float rounding does not report a run-out. */
const EPSILON = 1e-9;

/**
 * Builds a tenant's quota view. It measures consumption per product in the current period
 * against the plan and its overrides, draws credits for the overage of soft-limited products,
 * and forecasts the period's end from the daily rate of the last full days.
 */
export function computeQuotaView(input: QuotaViewInput): QuotaView {
  const { tenantId, catalog, records, nowMs, window, days } = input;
  const { quota, period } = window;
  const timeZone = quota.billing.timeZone;

  const actualDays = days
    .filter((day) => day.startMs >= period.startMs)
    .map((day) => ({ startMs: day.startMs, endMs: day.endMs, use: useOf(day) }));
  const projectedDays = projectDays(window, days, nowMs);

  const pastCosts = ledgerCosts({
    records,
    catalog,
    quota,
    days: days.filter((day) => day.startMs >= window.ledgerStartMs && day.startMs < period.startMs),
  });
  const periodCosts = periodDayCosts(quota.allowances, period.endMs, [
    ...actualDays,
    ...projectedDays,
  ]);
  const actualCount = actualDays.length;

  const grants = records.creditGrants.filter((grant) => grant.effectiveAtMs <= nowMs);
  const actualLedger = runCreditLedger(grants, [
    ...pastCosts,
    ...periodCosts.slice(0, actualCount),
  ]);
  const balancesNow = new Map(actualLedger.remaining);
  const projectedLedger = runCreditLedger(
    grants,
    periodCosts.slice(actualCount),
    actualLedger.remaining,
  );

  const periodLedger = [...actualLedger.days.slice(pastCosts.length), ...projectedLedger.days];
  const firstUncovered = periodLedger.find((day) => day.uncovered > EPSILON);
  const uncoveredInPeriod = sum(
    actualLedger.days.slice(pastCosts.length).map((day) => day.uncovered),
  );

  const credits: CreditSummary = {
    ...grantTotals(grants, balancesNow, { nowMs, period }),
    usedInPeriod: sum(actualLedger.days.slice(pastCosts.length).map((day) => day.drawn)),
    uncoveredInPeriod,
    forecast: {
      projectedCost: Math.round(sum(periodCosts.map((day) => day.cost))),
      exhaustedOn: firstUncovered ? localDate(firstUncovered.startMs, timeZone) : null,
    },
  };

  const products = QUOTA_PRODUCTS.map((product) =>
    productQuota({
      product,
      quota,
      actualDays,
      projectedDays,
      overageCovered: uncoveredInPeriod === 0,
      timeZone,
    }),
  );
  const percentages = products
    .map((item) => item.percentage)
    .filter((value): value is number => value !== null);

  return {
    tenantId,
    catalogVersion: catalog.version,
    plan: { id: quota.plan.id, name: quota.plan.name },
    billing: quota.billing,
    period,
    status: worstStatus(products.map((item) => item.status)),
    percentage: percentages.length > 0 ? Math.max(...percentages) : null,
    products,
    credits,
    forecastWindow: window.forecastWindow,
    etag: quotaEtag(tenantId, quota),
    generatedAtMs: nowMs,
  };
}

function productQuota(request: {
  product: QuotaProduct;
  quota: EffectiveQuota;
  actualDays: PeriodDay[];
  projectedDays: PeriodDay[];
  overageCovered: boolean;
  timeZone: string;
}): ProductQuota {
  const { product, quota, actualDays, projectedDays, overageCovered, timeZone } = request;
  const allowance = quota.allowances[product];
  const included = allowance.includedTransactions;
  const used = sum(actualDays.map((day) => day.use[product]));

  let cumulative = 0;
  let exhaustedOn: string | null = null;
  for (const day of [...actualDays, ...projectedDays]) {
    cumulative += day.use[product];
    if (exhaustedOn === null && (included > 0 ? cumulative >= included : cumulative > 0)) {
      exhaustedOn = localDate(day.startMs, timeZone);
    }
  }

  return {
    product,
    limit: allowance.limit,
    included,
    used,
    remaining: Math.max(0, included - used),
    overage: Math.max(0, used - included),
    percentage: percentageUsed(used, included),
    status: productStatus({ used, included, limit: allowance.limit, overageCovered }),
    creditsPerTransaction: allowance.creditsPerTransaction,
    overridden: quota.overridden.has(product),
    forecast: { projectedUse: Math.round(cumulative), exhaustedOn },
  };
}

/**
 * Projects the rest of the current day and every later day of the period at each product's
 * trend. The current day counts the share of its length still ahead of `nowMs`.
 */
function projectDays(window: QuotaReadWindow, days: UsageBucket[], nowMs: number): PeriodDay[] {
  const { period, forecastWindow } = window;
  const windowDays = days.filter(
    (day) => day.startMs >= forecastWindow.startMs && day.startMs < forecastWindow.endMs,
  );
  const trends = new Map(
    QUOTA_PRODUCTS.map((product) => [
      product,
      DailyTrend.fit(windowDays.map((day) => day.transactions.get(product) ?? 0)),
    ]),
  );

  // The current day and every later one up to the period's end, at local midnights.
  const today = days[days.length - 1];
  const boundaries = localDayBoundaries(
    today.startMs,
    period.endMs - 1,
    window.quota.billing.timeZone,
  );
  const projected: PeriodDay[] = [];
  for (let index = 0; index + 1 < boundaries.length; index += 1) {
    const startMs = boundaries[index];
    const endMs = boundaries[index + 1];
    const share =
      index === 0 ? Math.max(0, endMs - Math.max(nowMs, startMs)) / (endMs - startMs) : 1;
    const dayNumber = FORECAST_WINDOW_DAYS + index;

    const use = Object.fromEntries(
      QUOTA_PRODUCTS.map((product) => [
        product,
        (trends.get(product) as DailyTrend).useOnDay(dayNumber) * share,
      ]),
    ) as Record<QuotaProduct, number>;
    projected.push({ startMs, endMs, use });
  }
  return projected;
}

/** Overage cost per day of periods before the current one, each at the plan in force at its end. */
function ledgerCosts(request: {
  records: QuotaRecords;
  catalog: PlanCatalog;
  quota: EffectiveQuota;
  days: UsageBucket[];
}): DayCost[] {
  const { records, catalog, quota, days } = request;
  const costs: DayCost[] = [];
  let currentPeriod: BillingPeriod | undefined;
  let periodDays: PeriodDay[] = [];
  let allowances = quota.allowances;

  const flush = () => {
    costs.push(...periodDayCosts(allowances, currentPeriod?.endMs ?? 0, periodDays));
    periodDays = [];
  };

  for (const day of days) {
    if (currentPeriod === undefined || day.startMs >= currentPeriod.endMs) {
      flush();
      currentPeriod = periodContaining(day.startMs, quota.billing);
      allowances = effectiveQuotaAt(records, currentPeriod.endMs - 1, catalog).allowances;
    }
    periodDays.push({ startMs: day.startMs, endMs: day.endMs, use: useOf(day) });
  }
  flush();
  return costs;
}

/**
 * Credits each day of one period costs: transactions of soft-limited products beyond the
 * included amount, counted cumulatively from the period's first day, times the product's price.
 */
function periodDayCosts(
  allowances: Record<QuotaProduct, ProductAllowance>,
  periodEndMs: number,
  days: PeriodDay[],
): DayCost[] {
  const cumulative = new Map<QuotaProduct, number>();
  return days.map((day) => {
    let cost = 0;
    for (const product of QUOTA_PRODUCTS) {
      const allowance = allowances[product];
      const before = cumulative.get(product) ?? 0;
      const after = before + day.use[product];
      cumulative.set(product, after);

      if (allowance.limit === 'soft') {
        const overage =
          Math.max(0, after - allowance.includedTransactions) -
          Math.max(0, before - allowance.includedTransactions);
        cost += overage * allowance.creditsPerTransaction;
      }
    }
    return { startMs: day.startMs, endMs: day.endMs, periodEndMs, cost };
  });
}

function grantTotals(
  grants: CreditGrantList,
  balances: Map<string, number>,
  at: { nowMs: number; period: BillingPeriod },
): Pick<CreditSummary, 'granted' | 'used' | 'balance' | 'expiringInPeriod'> {
  const valid = grants.filter(
    (grant) => grant.effectiveAtMs <= at.nowMs && grant.expiresAtMs > at.nowMs,
  );
  const granted = sum(valid.map((grant) => grant.credits));
  const balance = sum(valid.map((grant) => balances.get(grant.recordId) ?? grant.credits));

  const expiringInPeriod: ExpiringGrant[] = valid
    .filter((grant) => grant.expiresAtMs <= at.period.endMs)
    .sort((left, right) => left.expiresAtMs - right.expiresAtMs || left.sequence - right.sequence)
    .map((grant) => ({
      grantId: grant.recordId,
      credits: grant.credits,
      remaining: balances.get(grant.recordId) ?? grant.credits,
      expiresAtMs: grant.expiresAtMs,
    }));

  return { granted, used: granted - balance, balance, expiringInPeriod };
}

type CreditGrantList = QuotaRecords['creditGrants'];

function useOf(day: UsageBucket): Record<QuotaProduct, number> {
  return Object.fromEntries(
    QUOTA_PRODUCTS.map((product) => [product, day.transactions.get(product) ?? 0]),
  ) as Record<QuotaProduct, number>;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
