import { InvalidParameterError } from '@analytics/common';
import { MAX_PARAMETER_RANGE_DAYS, ParameterSelection } from './parameters.types';

const DAY_MS = 86_400_000;

/** A parameters report request after validation, in domain terms. */
export interface ParametersQuery extends ParameterSelection {
  /** Rows ranked before the rest is merged into "(other)". */
  top: number;
  /** Rows per page. */
  limit: number;
  cursor?: string;
}

/** Checks that the range is non-empty and at most MAX_PARAMETER_RANGE_DAYS long. */
export function assertParameterRange(range: { fromMs: number; toMs: number }): void {
  if (range.fromMs >= range.toMs) {
    throw new InvalidParameterError(
      'to',
      'must be later than "from"; the range is half-open [from, to)',
    );
  }
  if (range.toMs - range.fromMs > MAX_PARAMETER_RANGE_DAYS * DAY_MS) {
    throw new InvalidParameterError(
      'to',
      `the range exceeds the limit of ${MAX_PARAMETER_RANGE_DAYS} days for parameter reports; shorten the range`,
    );
  }
}

/** Lists what a cursor is bound to: the report name and every query value except the cursor and page size. */
export function bindingPartsOf(
  report: string,
  query: ParametersQuery,
  extra: Record<string, unknown> = {},
): unknown[] {
  const { fromMs, toMs, endpoint, filters, top } = query;
  return [
    report,
    {
      fromMs,
      toMs,
      endpoint,
      product: filters.product ?? [],
      apiKey: filters.apiKey ?? [],
      top,
      ...extra,
    },
  ];
}
