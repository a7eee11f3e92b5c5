import { BillingPeriod, BillingSettings } from './billing-period';
import { LimitKind, QuotaProduct } from './plans/plan.types';
import { QuotaStatus } from './quota-status';

export interface ProductForecast {
  /** Transactions expected by the end of the period, rounded to a whole number. */
  projectedUse: number;
  /** Local date (YYYY-MM-DD) on which the use reaches the included amount, when inside the period. */
  exhaustedOn: string | null;
}

export interface ProductQuota {
  product: QuotaProduct;
  limit: LimitKind;
  included: number;
  used: number;
  remaining: number;
  overage: number;
  /** Null when the product includes no transactions. */
  percentage: number | null;
  status: QuotaStatus;
  creditsPerTransaction: number;
  /** True when a limit override replaces the plan's included amount. */
  overridden: boolean;
  forecast: ProductForecast;
}

export interface ExpiringGrant {
  grantId: string;
  credits: number;
  remaining: number;
  expiresAtMs: number;
}

export interface CreditSummary {
  /** Credits of the grants valid now. */
  granted: number;
  /** Credits drawn so far from the grants valid now. */
  used: number;
  balance: number;
  /** Credits drawn in the current period, from any grant. */
  usedInPeriod: number;
  /** Overage cost in the current period that no credits covered. */
  uncoveredInPeriod: number;
  expiringInPeriod: ExpiringGrant[];
  forecast: {
    /** Credits the period's overage is expected to cost by its end, covered or not, rounded. */
    projectedCost: number;
    /** Local date on which the credits no longer cover the overage, when inside the period. */
    exhaustedOn: string | null;
  };
}

/** A tenant's plan, consumption, credits and forecast in the current billing period. */
export interface QuotaView {
  tenantId: string;
  catalogVersion: number;
  plan: { id: string; name: string };
  billing: BillingSettings;
  period: BillingPeriod;
  status: QuotaStatus;
  /** Highest percentage over the products; null when no product includes transactions. */
  percentage: number | null;
  products: ProductQuota[];
  credits: CreditSummary;
  /** The full local days whose use sets the forecast's daily rate. */
  forecastWindow: { startMs: number; endMs: number };
  etag: string;
  generatedAtMs: number;
}

/** Transactions per product in one local day or one billing period. */
export interface UsageBucket {
  startMs: number;
  endMs: number;
  transactions: Map<string, number>;
}
