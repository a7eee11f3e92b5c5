/** The source a report query reads events from: a daily or hourly rollup, or the raw events. */
export type EventSourceKind = 'daily' | 'hourly' | 'raw';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Picks the coarsest source whose rows fit a query's time boundaries exactly. A rollup row covers
 * one UTC hour or day. The boundaries of a query are its range ends and bucket starts. A query can
 * read the daily rollup only when every boundary is a whole UTC day, and the hourly one only when
 * every boundary is a whole UTC hour. Local days in most zones start on a whole UTC hour. In
 * zones with a 30- or 45-minute offset, such as Asia/Kolkata or Australia/Eucla, they do not, so
 * those queries read raw events. Both stores plan with this function, so a report reads the same
 * grain on either.
 */
export function planEventSourceKind(
  boundariesMs: readonly number[],
  { rollups }: { rollups: boolean },
): EventSourceKind {
  if (!rollups) {
    return 'raw';
  }
  if (boundariesMs.every((ms) => isMultipleOf(ms, DAY_MS))) {
    return 'daily';
  }
  if (boundariesMs.every((ms) => isMultipleOf(ms, HOUR_MS))) {
    return 'hourly';
  }
  return 'raw';
}

function isMultipleOf(ms: number, periodMs: number): boolean {
  return Number.isSafeInteger(ms) && ms % periodMs === 0;
}
