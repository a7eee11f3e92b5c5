/**
 * Splits `total` into whole counts proportional to `weights`, summing to `total` exactly.
 * Each count is the difference of the rounded cumulative shares, so the rounding error never
 * exceeds one per cell and does not pile up along the array.
 */
export function allocateCounts(weights: Float64Array, total: number): Uint32Array {
  const counts = new Uint32Array(weights.length);
  let sum = 0;
  for (const weight of weights) {
    sum += weight;
  }
  if (sum <= 0 || total === 0) {
    return counts;
  }

  let cumulative = 0;
  let allocated = 0;
  for (let index = 0; index < weights.length; index += 1) {
    cumulative += weights[index];
    const boundary = index === weights.length - 1 ? total : Math.round((total * cumulative) / sum);
    counts[index] = boundary - allocated;
    allocated = boundary;
  }
  return counts;
}
