import { computeQuotaView } from './compute-quota-view';
import { PLANS_V1 } from './plans/plans.v1';
import { QuotaProduct } from './plans/plan.types';
import { quotaReadWindow } from './quota-read-window';
import {
  CreditGrantRecord,
  LimitOverrideRecord,
  noQuotaRecords,
  PlanAssignmentRecord,
  QuotaRecords,
} from './quota-records.types';
import { QuotaView } from './quota-view.types';

const at = (text: string) => Date.parse(text);
let sequence = 0;

function audit(effectiveAt: string) {
  sequence += 1;
  return {
    recordId: `record-${sequence}`,
    sequence,
    tenantId: 'tenant-a',
    actor: 'manager-1',
    reason: 'test',
    effectiveAtMs: at(effectiveAt),
    createdAtMs: at(effectiveAt),
  };
}

function assignment(planId: string, effectiveAt = '2026-01-01T00:00:00Z'): PlanAssignmentRecord {
  return {
    kind: 'plan-assignment',
    ...audit(effectiveAt),
    planId,
    billingTimeZone: 'UTC',
    billingAnchorDay: 1,
  };
}

function override(
  product: QuotaProduct,
  includedTransactions: number | null,
  effectiveAt = '2026-01-01T00:00:00Z',
): LimitOverrideRecord {
  return { kind: 'limit-override', ...audit(effectiveAt), product, includedTransactions };
}

function grant(credits: number, effectiveAt: string, expiresAt: string): CreditGrantRecord {
  return { kind: 'credit-grant', ...audit(effectiveAt), credits, expiresAtMs: at(expiresAt) };
}

function recordsOf(
  ...records: (PlanAssignmentRecord | LimitOverrideRecord | CreditGrantRecord)[]
): QuotaRecords {
  const all = noQuotaRecords();
  for (const record of records) {
    if (record.kind === 'plan-assignment') all.planAssignments.push(record);
    if (record.kind === 'limit-override') all.limitOverrides.push(record);
    if (record.kind === 'credit-grant') all.creditGrants.push(record);
  }
  return all;
}

/** Use per UTC day, keyed YYYY-MM-DD, for days the view reads. */
type DailyUse = Record<string, Partial<Record<QuotaProduct, number>>>;

function everyDay(
  fromDay: number,
  toDay: number,
  month: string,
  use: Partial<Record<QuotaProduct, number>>,
): DailyUse {
  const days: DailyUse = {};
  for (let day = fromDay; day <= toDay; day += 1) {
    days[`${month}-${String(day).padStart(2, '0')}`] = use;
  }
  return days;
}

function viewOf(records: QuotaRecords, now: string, use: DailyUse): QuotaView {
  const nowMs = at(now);
  const window = quotaReadWindow(records, nowMs, PLANS_V1);
  const boundaries = window.dayBoundariesMs;
  const days = boundaries.slice(0, -1).map((startMs, index) => {
    const key = new Date(startMs).toISOString().slice(0, 10);
    return {
      startMs,
      endMs: boundaries[index + 1],
      transactions: new Map(Object.entries(use[key] ?? {})),
    };
  });
  return computeQuotaView({
    tenantId: 'tenant-a',
    catalog: PLANS_V1,
    records,
    nowMs,
    window,
    days,
  });
}

const product = (view: QuotaView, name: QuotaProduct) =>
  view.products.find((item) => item.product === name);

describe('computeQuotaView forecast', () => {
  it('projects a steady rate', () => {
    const view = viewOf(
      noQuotaRecords(),
      '2026-03-15T00:00:00Z',
      everyDay(1, 14, '2026-03', { search: 100 }),
    );

    expect(product(view, 'search')).toMatchObject({
      used: 1_400,
      percentage: 56,
      status: 'ok',
      forecast: { projectedUse: 3_100, exhaustedOn: '2026-03-25' },
    });
  });

  it('projects a growing rate along its line', () => {
    const use: DailyUse = {};
    for (let day = 8; day <= 14; day += 1) {
      use[`2026-03-${String(day).padStart(2, '0')}`] = { routing: (day - 7) * 10 };
    }
    const view = viewOf(noQuotaRecords(), '2026-03-15T00:00:00Z', use);

    expect(product(view, 'routing')).toMatchObject({
      used: 280,
      forecast: { projectedUse: 3_000, exhaustedOn: '2026-03-29' },
    });
  });

  it('counts the rest of the current day', () => {
    const view = viewOf(
      noQuotaRecords(),
      '2026-03-15T12:00:00Z',
      everyDay(1, 14, '2026-03', { search: 100 }),
    );

    expect(product(view, 'search')?.forecast.projectedUse).toBe(3_050);
  });

  it('reports no run-out beyond the period', () => {
    const view = viewOf(
      noQuotaRecords(),
      '2026-03-15T00:00:00Z',
      everyDay(1, 14, '2026-03', { search: 10 }),
    );

    expect(product(view, 'search')?.forecast).toEqual({ projectedUse: 310, exhaustedOn: null });
  });

  it('uses the seven full days before today', () => {
    const view = viewOf(noQuotaRecords(), '2026-03-15T00:00:00Z', {
      ...everyDay(1, 7, '2026-03', { search: 1_000 }),
      ...everyDay(8, 14, '2026-03', { search: 10 }),
    });

    expect(product(view, 'search')?.forecast.projectedUse).toBe(7_000 + 70 + 170);
    expect(view.forecastWindow).toEqual({
      startMs: at('2026-03-08T00:00:00Z'),
      endMs: at('2026-03-15T00:00:00Z'),
    });
  });
});

describe('computeQuotaView status', () => {
  const march = everyDay(1, 14, '2026-03', { search: 100 });

  it.each([
    ['hard', 'free', 1_800, 'ok', 77.8],
    ['hard', 'free', 1_750, 'warning', 80],
    ['hard', 'free', 1_400, 'exceeded', 100],
    ['soft', 'pay-as-you-go', 1_800, 'ok', 77.8],
    ['soft', 'pay-as-you-go', 1_750, 'warning', 80],
    ['soft', 'pay-as-you-go', 1_400, 'warning', 100],
    ['soft', 'pay-as-you-go', 1_399, 'exceeded', 100.1],
  ] as const)(
    'under a %s limit on %s with %i included',
    (_kind, planId, included, status, percentage) => {
      const view = viewOf(
        recordsOf(assignment(planId), override('search', included)),
        '2026-03-15T00:00:00Z',
        march,
      );

      expect(product(view, 'search')).toMatchObject({
        included,
        used: 1_400,
        status,
        percentage,
        overridden: true,
      });
      expect(view.status).toBe(status);
    },
  );

  it('keeps a soft limit in warning while credits pay the overage', () => {
    const records = recordsOf(
      assignment('pay-as-you-go'),
      override('search', 1_000),
      grant(1_000, '2026-03-14T00:00:00Z', '2026-06-01T00:00:00Z'),
    );
    const view = viewOf(records, '2026-03-15T00:00:00Z', march);

    expect(product(view, 'search')).toMatchObject({
      overage: 400,
      status: 'warning',
      percentage: 140,
    });
    expect(view.credits).toMatchObject({
      granted: 1_000,
      used: 400,
      balance: 600,
      usedInPeriod: 400,
      uncoveredInPeriod: 0,
    });
  });

  it('treats a hard limit beyond 100 % as exceeded whatever the credits', () => {
    const records = recordsOf(
      assignment('free'),
      override('search', 1_000),
      grant(1_000, '2026-03-14T00:00:00Z', '2026-06-01T00:00:00Z'),
    );
    const view = viewOf(records, '2026-03-15T00:00:00Z', march);

    expect(product(view, 'search')?.status).toBe('exceeded');
    expect(view.credits).toMatchObject({ used: 0, balance: 1_000 });
  });

  it('returns a product to the plan when its override is removed', () => {
    const records = recordsOf(
      assignment('free'),
      override('search', 1_000),
      override('search', null, '2026-03-02T00:00:00Z'),
    );
    const view = viewOf(records, '2026-03-15T00:00:00Z', march);

    expect(product(view, 'search')).toMatchObject({ included: 2_500, overridden: false });
  });
});

describe('computeQuotaView credits', () => {
  it('skips expired grants and draws the one expiring first', () => {
    const soon = grant(50, '2026-03-12T00:00:00Z', '2026-03-20T00:00:00Z');
    const records = recordsOf(
      assignment('pay-as-you-go'),
      override('search', 1_000),
      grant(300, '2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z'),
      grant(1_000, '2026-03-01T00:00:00Z', '2026-04-30T00:00:00Z'),
      soon,
    );
    const view = viewOf(
      records,
      '2026-03-15T00:00:00Z',
      everyDay(1, 14, '2026-03', { search: 100 }),
    );

    expect(view.credits).toEqual({
      granted: 1_050,
      used: 400,
      balance: 650,
      usedInPeriod: 400,
      uncoveredInPeriod: 0,
      expiringInPeriod: [
        {
          grantId: soon.recordId,
          credits: 50,
          remaining: 0,
          expiresAtMs: at('2026-03-20T00:00:00Z'),
        },
      ],
      forecast: { projectedCost: 2_100, exhaustedOn: '2026-03-21' },
    });
  });

  it('carries a grant’s balance across periods', () => {
    const records = recordsOf(
      assignment('pay-as-you-go'),
      override('search', 1_000),
      grant(500, '2026-02-01T00:00:00Z', '2026-04-30T00:00:00Z'),
    );
    const view = viewOf(records, '2026-03-15T00:00:00Z', {
      '2026-02-10': { search: 1_300 },
      ...everyDay(1, 14, '2026-03', { search: 100 }),
    });

    expect(view.credits).toMatchObject({
      granted: 500,
      used: 500,
      balance: 0,
      usedInPeriod: 200,
      uncoveredInPeriod: 200,
    });
    expect(product(view, 'search')?.status).toBe('exceeded');
  });
});
