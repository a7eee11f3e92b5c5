/** Products a plan prices: the products of the platform's gateway. */
export const QUOTA_PRODUCTS = [
  'search',
  'routing',
  'maps',
  'traffic',
  'geolocation',
  'geofencing',
] as const;
export type QuotaProduct = (typeof QUOTA_PRODUCTS)[number];

/**
 * `hard`: the gateway rejects calls once the included transactions are used up. `soft`: calls go
 * on, and each transaction beyond the included amount costs credits.
 */
export const LIMIT_KINDS = ['hard', 'soft'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** Allowance of a plan for one product per billing period. */
export interface ProductAllowance {
  /** Transactions included per billing period, a non-negative integer. */
  includedTransactions: number;
  limit: LimitKind;
  /** Credits one transaction beyond the included amount costs, a non-negative integer; 0 under a hard limit. */
  creditsPerTransaction: number;
}

export interface PlanDefinition {
  id: string;
  name: string;
  products: Record<QuotaProduct, ProductAllowance>;
}

/** One released version of the plans; a change of terms is a new version, never an edit. */
export interface PlanCatalog {
  version: number;
  /** Plan of a tenant without a plan assignment. */
  defaultPlanId: string;
  plans: readonly PlanDefinition[];
}
