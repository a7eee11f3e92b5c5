import { CreditGrantRecord } from './quota-records.types';

/** Credits that one local day's overage costs; projected days may cost fractions. */
export interface DayCost {
  startMs: number;
  endMs: number;
  /** End of the billing period the day belongs to. */
  periodEndMs: number;
  cost: number;
}

export interface LedgerDay {
  startMs: number;
  /** Credits drawn from grants for the day. */
  drawn: number;
  /** Cost that no grant covered. */
  uncovered: number;
}

export interface LedgerResult {
  days: LedgerDay[];
  /** Credits left per grant id after the last day. */
  remaining: Map<string, number>;
}

/**
 * Draws each day's overage cost from the grants that pay for it, the grant that expires first
 * drawn first, so that credits about to lapse are used before later ones. A grant pays for the
 * overage of every day from the start of the billing period in which it takes effect until it
 * expires, so a grant made mid-period also covers the overage already run up in that period.
 * Expiry has a resolution of one local day: a grant that expires at noon still pays that day.
 */
export function runCreditLedger(
  grants: readonly CreditGrantRecord[],
  days: readonly DayCost[],
  remaining = initialBalances(grants),
): LedgerResult {
  const ordered = [...grants].sort(
    (left, right) => left.expiresAtMs - right.expiresAtMs || left.sequence - right.sequence,
  );
  const result: LedgerDay[] = [];

  for (const day of days) {
    let due = day.cost;
    for (const grant of ordered) {
      if (due <= 0) {
        break;
      }
      if (grant.effectiveAtMs >= day.periodEndMs || grant.expiresAtMs <= day.startMs) {
        continue;
      }

      const available = remaining.get(grant.recordId) ?? 0;
      const drawn = Math.min(available, due);
      remaining.set(grant.recordId, available - drawn);
      due -= drawn;
    }
    result.push({ startMs: day.startMs, drawn: day.cost - due, uncovered: due });
  }

  return { days: result, remaining };
}

export function initialBalances(grants: readonly CreditGrantRecord[]): Map<string, number> {
  return new Map(grants.map((grant) => [grant.recordId, grant.credits]));
}
