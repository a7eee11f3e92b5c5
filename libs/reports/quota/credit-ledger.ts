import { CreditGrantRecord } from './quota-records.types';

/** Credits that one local day's overage costs; projected days may cost fractions. */
export interface DayCost {
  startMs: number;
  endMs: number;
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
 * Draws each day's overage cost from the grants valid during that day, the grant that expires
 * first drawn first, so that credits about to lapse are used before later ones. A grant is valid
 * on a day when it took effect before the day ended and expires after the day started; the
 * resolution is one local day, so a grant made in the afternoon also pays that morning's overage.
 */
export function runCreditLedger(grants: readonly CreditGrantRecord[], days: readonly DayCost[], remaining = initialBalances(grants)): LedgerResult {
  const ordered = [...grants].sort((left, right) => left.expiresAtMs - right.expiresAtMs || left.sequence - right.sequence);
  const result: LedgerDay[] = [];

  for (const day of days) {
    let due = day.cost;
    for (const grant of ordered) {
      if (due <= 0) {
        break;
      }
      if (grant.effectiveAtMs >= day.endMs || grant.expiresAtMs <= day.startMs) {
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
