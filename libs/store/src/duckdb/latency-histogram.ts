/**
 * The latency summary of the rollups: a histogram of `duration_ms` over fixed, log-spaced bins.
 * Bin i ≥ 0 counts durations in [minMs · growth^i, minMs · growth^(i+1)), and bin -1 counts
 * durations below minMs, zero included. Every histogram uses the same bins, so merging two of them
 * adds counts bin by bin and gives the histogram of the union of their samples.
 */
export const LATENCY_HISTOGRAM = {
  /** Lower edge of bin 0, milliseconds: one microsecond, the resolution of the reports. */
  minMs: 0.001,
  /** Ratio of a bin's upper edge to its lower edge. */
  growth: 1.02,
  /** Bin of durations below `minMs`; its samples are read as 0 ms. */
  underflowBin: -1,
  /** Largest bin index; SMALLINT bins reach far beyond any real duration, at 1.02^32767 µs. */
  maxBin: 32767,
} as const;

/**
 * Maximum relative error of a percentile read from the histogram, for samples of at least
 * `minMs`: (growth − 1) / (growth + 1) ≈ 0.99 %.
 *
 * Every sample in bin [L, U) is read as the bin's representative r = 2·L·U / (L + U), whose
 * relative distance to any value of the bin is at most (U − L) / (U + L). A percentile
 * interpolates linearly between the samples at two neighboring ranks, x_lo and x_hi, with weights
 * 1 − f and f; replacing both by their representatives moves the result by at most
 * (1 − f)·ε·x_lo + f·ε·x_hi = ε times the exact value.
 */
export const LATENCY_RELATIVE_ERROR_BOUND =
  (LATENCY_HISTOGRAM.growth - 1) / (LATENCY_HISTOGRAM.growth + 1);

/** SQL of the bin of a DOUBLE duration column, as a SMALLINT. */
export function latencyBinSql(durationColumn: string): string {
  const { minMs, growth, underflowBin, maxBin } = LATENCY_HISTOGRAM;
  return `CAST(CASE WHEN ${durationColumn} >= ${minMs} THEN least(${maxBin}, floor(ln(${durationColumn} / ${minMs}) / ln(${growth}))) ELSE ${underflowBin} END AS SMALLINT)`;
}

/** SQL of the value that stands for every sample of a bin, in milliseconds. */
export function binRepresentativeSql(binExpression: string): string {
  const { minMs, growth, underflowBin } = LATENCY_HISTOGRAM;
  const factor = (2 * growth) / (1 + growth);
  return `(CASE WHEN ${binExpression} <= ${underflowBin} THEN 0.0 ELSE ${minMs} * pow(${growth}, ${binExpression}) * ${factor} END)`;
}
