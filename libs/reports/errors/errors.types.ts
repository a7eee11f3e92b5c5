export const ERRORS_DIMENSIONS = ['endpoint', 'product', 'apiKey', 'statusCode'] as const;
export type ErrorsDimension = (typeof ERRORS_DIMENSIONS)[number];

/** HTTP status classes a caller can filter on. `4xx` is every status from 400 to 499. */
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** Half-open status code range [low, high) per status class; both store adapters build predicates from it. */
export const STATUS_RANGES: Record<StatusClass, readonly [number, number]> = {
  '2xx': [200, 300],
  '3xx': [300, 400],
  '4xx': [400, 500],
  '5xx': [500, 600],
};

/** Returns the range of a status class, or throws for a value outside STATUS_CLASSES. */
export function statusRangeOf(statusClass: StatusClass): readonly [number, number] {
  const range = STATUS_RANGES[statusClass];
  if (!range) {
    throw new Error(`Unknown status class ${String(statusClass)}`);
  }
  return range;
}

/** Orders that rank groups by a count of calls. */
export const COUNT_ORDERS = ['calls', 'serverErrors', 'clientErrors'] as const;
export type CountOrder = (typeof COUNT_ORDERS)[number];

/** Orders that rank groups by a fraction of their calls. These take a minimum number of calls. */
export const RATE_ORDERS = ['serverErrorRate', 'errorRate'] as const;
export type RateOrder = (typeof RATE_ORDERS)[number];

export const ERRORS_ORDERS = [...COUNT_ORDERS, ...RATE_ORDERS] as const;
export type ErrorsOrder = CountOrder | RateOrder;

export const DEFAULT_MIN_CALLS = 20;

/**
 * Ranking rule of the groups. A rate order carries `minCalls`, because a group with a handful of
 * calls can reach any rate by chance, so groups below it rank after every group that reaches it.
 */
export type ErrorsRanking = { order: CountOrder } | { order: RateOrder; minCalls: number };

export function isRateOrder(order: string): order is RateOrder {
  return (RATE_ORDERS as readonly string[]).includes(order);
}

/** Calls per status class. `calls` also counts statuses outside 200-599, which no class shows. */
export interface ErrorsCounts {
  calls: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
}

export const emptyErrorsCounts = (): ErrorsCounts => ({
  calls: 0,
  status2xx: 0,
  status3xx: 0,
  status4xx: 0,
  status5xx: 0,
});
