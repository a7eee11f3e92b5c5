export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * Longest range accepted per granularity, in days. Each bounds the number of buckets a query can
 * produce (745 hours, 732 days, 158 ISO weeks, 61 months) and so the cost of every report.
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
