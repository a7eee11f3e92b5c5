import { InvalidParameterError } from '@analytics/common';

/** A percentile rank in (0, 100) with at most one decimal, e.g. 50 or 99.9. */
export type Percentile = number;

export const DEFAULT_PERCENTILES: readonly Percentile[] = [50, 90, 95, 98, 99];
export const MAX_PERCENTILES = 10;

/** Rule for a valid `percentiles` parameter, worded for the caller. */
export const PERCENTILE_LIST_RULE =
  `must be 1 to ${MAX_PERCENTILES} distinct numbers greater than 0 and less than 100 with at most one decimal, ` +
  'such as 50 or 99.9; repeat the parameter for each value';

/** One percentile as a query value: 1 to 99 with an optional single decimal, or 0.1 to 0.9. */
export const PERCENTILE_PATTERN = /^(?:[1-9]\d?(?:\.\d)?|0\.[1-9])$/;

/** Parses one query value. Returns undefined unless it is a percentile in (0, 100) with at most one decimal. */
export function parsePercentile(text: string): Percentile | undefined {
  return PERCENTILE_PATTERN.test(text) ? Number(text) : undefined;
}

/**
 * Parses the `percentiles` query values into distinct percentiles in ascending order. Returns
 * undefined when the list is empty, longer than MAX_PERCENTILES, contains an invalid value or names
 * one percentile twice (`99` and `99.0` count as the same).
 */
export function parsePercentileList(texts: readonly string[]): Percentile[] | undefined {
  if (texts.length === 0 || texts.length > MAX_PERCENTILES) {
    return undefined;
  }

  const percentiles = texts.map(parsePercentile);
  if (percentiles.some((percentile) => percentile === undefined)) {
    return undefined;
  }

  const distinct = new Set(percentiles as Percentile[]);
  if (distinct.size !== texts.length) {
    return undefined;
  }
  return [...distinct].sort((left, right) => left - right);
}

/** Resolves the requested percentiles, or the defaults when none are given. Throws InvalidParameterError on an invalid list. */
export function resolvePercentiles(texts: readonly string[] | undefined): Percentile[] {
  if (texts === undefined) {
    return [...DEFAULT_PERCENTILES];
  }

  const percentiles = parsePercentileList(texts);
  if (percentiles === undefined) {
    throw new InvalidParameterError('percentiles', PERCENTILE_LIST_RULE);
  }
  return percentiles;
}

/** Returns the response key of a percentile: `p50`, `p99.9`. */
export function percentileKey(percentile: Percentile): string {
  return `p${String(percentile)}`;
}

/**
 * Writes the percentile as a fraction in exact decimal text (99.9 → `0.999`) for SQL. The text is
 * built from whole tenths, so it contains only digits and one dot. Any other input throws.
 */
export function percentileFractionText(percentile: Percentile): string {
  const tenths = Math.round(percentile * 10);
  if (
    !Number.isInteger(tenths) ||
    tenths <= 0 ||
    tenths >= 1000 ||
    Math.abs(tenths - percentile * 10) > 1e-9
  ) {
    throw new RangeError(`Percentile ${percentile} is not in (0, 100) with at most one decimal`);
  }
  return `0.${String(tenths).padStart(3, '0')}`;
}
