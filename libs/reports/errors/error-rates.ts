import { ErrorsCounts } from './errors.types';

/** Decimal places of the rates in a response. */
export const RATE_DECIMALS = 6;

/** The counts of a bucket or group with the fractions of its calls that failed. */
export interface ErrorsFigures extends ErrorsCounts {
  clientErrorRate: number;
  serverErrorRate: number;
}

/** Divides `part` by `calls`, rounded to RATE_DECIMALS places, or returns 0 when there are no calls. */
export function rateOf(part: number, calls: number): number {
  if (calls === 0) {
    return 0;
  }

  const scale = 10 ** RATE_DECIMALS;
  return Math.round((part / calls) * scale) / scale;
}

/** Adds the 4xx and 5xx rates to the counts. */
export function withRates(counts: ErrorsCounts): ErrorsFigures {
  return {
    ...counts,
    clientErrorRate: rateOf(counts.status4xx, counts.calls),
    serverErrorRate: rateOf(counts.status5xx, counts.calls),
  };
}
