import { LimitKind } from './plans/plan.types';

export const QUOTA_STATUSES = ['ok', 'warning', 'exceeded'] as const;
export type QuotaStatus = (typeof QUOTA_STATUSES)[number];

/** Share of the included transactions from which a product is in `warning`. */
export const WARNING_RATIO = 0.8;

/**
 * Status of one product. Under a hard limit the quota is `exceeded` once the included
 * transactions are used up, because the gateway then rejects calls. Under a soft limit, use
 * beyond the included amount is `warning` while credits pay for it and `exceeded` once they no
 * longer do (`overageCovered` false).
 */
export function productStatus(request: {
  used: number;
  included: number;
  limit: LimitKind;
  overageCovered: boolean;
}): QuotaStatus {
  const { used, included, limit, overageCovered } = request;
  let ratio = used > 0 ? Number.POSITIVE_INFINITY : 0;
  if (included > 0) {
    ratio = used / included;
  }

  if (limit === 'hard' && ratio >= 1) {
    return 'exceeded';
  }
  if (limit === 'soft' && ratio > 1 && !overageCovered) {
    return 'exceeded';
  }
  return ratio >= WARNING_RATIO ? 'warning' : 'ok';
}

/** Percentage of the included transactions used, to one decimal; null when nothing is included. */
export function percentageUsed(used: number, included: number): number | null {
  return included > 0 ? Math.round((used / included) * 1000) / 10 : null;
}

export function worstStatus(statuses: readonly QuotaStatus[]): QuotaStatus {
  return statuses.reduce<QuotaStatus>(
    (worst, status) =>
      QUOTA_STATUSES.indexOf(status) > QUOTA_STATUSES.indexOf(worst) ? status : worst,
    'ok',
  );
}
