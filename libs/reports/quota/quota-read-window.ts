import { DateTime } from 'luxon';
import {
  BillingPeriod,
  localDayBoundaries,
  localDayStart,
  periodContaining,
} from './billing-period';
import { EffectiveQuota, effectiveQuotaAt } from './effective-quota';
import { PlanCatalog } from './plans/plan.types';
import { QuotaRecords } from './quota-records.types';
import { FORECAST_WINDOW_DAYS } from './usage-forecast';

/** The days whose use a quota view reads, and what decides them. */
export interface QuotaReadWindow {
  quota: EffectiveQuota;
  period: BillingPeriod;
  /** Start of the first billing period whose overage can still draw on a grant that matters now. */
  ledgerStartMs: number;
  forecastWindow: { startMs: number; endMs: number };
  /** Local midnights from the earliest day read to the end of the current day. */
  dayBoundariesMs: number[];
}

/**
 * Works out which local days a quota view needs: the current period, the forecast window (which
 * may reach into the previous period) and every earlier period in which a grant still relevant
 * now could have been drawn on. Grants overlap in chains, so the ledger start moves back until no
 * grant that took effect earlier was still valid at it.
 */
export function quotaReadWindow(
  records: QuotaRecords,
  nowMs: number,
  catalog: PlanCatalog,
): QuotaReadWindow {
  const quota = effectiveQuotaAt(records, nowMs, catalog);
  const { billing } = quota;
  const period = periodContaining(nowMs, billing);

  let ledgerStartMs = period.startMs;
  let moved = true;
  while (moved) {
    moved = false;
    for (const grant of records.creditGrants) {
      if (
        grant.effectiveAtMs <= nowMs &&
        grant.expiresAtMs > ledgerStartMs &&
        grant.effectiveAtMs < ledgerStartMs
      ) {
        ledgerStartMs = periodContaining(grant.effectiveAtMs, billing).startMs;
        moved = true;
      }
    }
  }

  const todayStartMs = localDayStart(nowMs, billing.timeZone);
  const windowStartMs = DateTime.fromMillis(todayStartMs, { zone: billing.timeZone })
    .minus({ days: FORECAST_WINDOW_DAYS })
    .toMillis();
  const fromMs = Math.min(ledgerStartMs, windowStartMs);
  const todayEndMs = localDayBoundaries(nowMs, nowMs + 1, billing.timeZone).at(-1) as number;

  return {
    quota,
    period,
    ledgerStartMs,
    forecastWindow: { startMs: windowStartMs, endMs: todayStartMs },
    dayBoundariesMs: localDayBoundaries(fromMs, todayEndMs - 1, billing.timeZone),
  };
}
