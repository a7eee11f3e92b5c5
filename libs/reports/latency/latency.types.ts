import { Percentile, percentileKey } from './percentile-list';

export const LATENCY_DIMENSIONS = ['product', 'endpoint', 'apiKey'] as const;
export type LatencyDimension = (typeof LATENCY_DIMENSIONS)[number];

/** Latency groups rank by sample count (calls), ties broken by key. */
export type LatencyOrder = 'calls';

/** Response-time summary of a bucket or group. */
export interface LatencyMeasures {
  /** Samples (calls) the percentiles are computed from. */
  count: number;
  /** Milliseconds per percentile key (`p50`, `p99.9`), each null when `count` is 0. */
  percentiles: Record<string, number | null>;
}

export function emptyLatency(percentiles: readonly Percentile[]): LatencyMeasures {
  return {
    count: 0,
    percentiles: Object.fromEntries(
      percentiles.map((percentile) => [percentileKey(percentile), null]),
    ),
  };
}
