export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * Longest range accepted per granularity, in days. Each bounds the number of buckets a query can
 * produce, and so the cost of every report: at most 746 hours (745 outside Australia/Lord_Howe,
 * whose 30-minute DST shift adds a half-hour bucket), 733 days (732 in a zone without DST),
 * 159 ISO weeks or 62 months, because a range not aligned to the calendar adds a partial bucket
 * at each end.
 */
export const MAX_RANGE_DAYS: Record<Granularity, number> = {
  hour: 31,
  day: 731,
  week: 1100,
  month: 1830,
};

export function isGranularity(value: string): value is Granularity {
  return (GRANULARITIES as readonly string[]).includes(value);
}
