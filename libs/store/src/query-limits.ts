import { StoreTimeoutError, StoreUnavailableError } from '@analytics/common';

/** Bounds of the query being run, taken from the context of the request that it serves. */
export interface QueryLimits {
  /** Epoch milliseconds; a query still running then is stopped. */
  deadlineMs?: number;
  /** Aborted when the result is no longer wanted, e.g. the client closed the connection. */
  signal?: AbortSignal;
}

export type QueryLimitsSource = () => QueryLimits | undefined;

/** A store whose queries follow the deadline and cancellation of the request they serve. */
export interface QueryLimitsAware {
  /**
   * Sets where queries find their deadline and cancellation signal. The HTTP layer passes a
   * function that reads them from the current request context; without one, queries run unbounded.
   */
  useQueryLimits(source: QueryLimitsSource): void;
}

/** A query not run to its end because no caller waits for its result any more. */
export class QueryCancelledError extends StoreUnavailableError {}

/** Rejects a query that would start after its request was cancelled or past its deadline. */
export function rejectIfOutOfLimits({ deadlineMs, signal }: QueryLimits): void {
  if (signal?.aborted) {
    throw new QueryCancelledError('The query was not started because the request was cancelled');
  }
  if (deadlineMs !== undefined && Date.now() >= deadlineMs) {
    throw new StoreTimeoutError(
      'The request reached its time limit before the store was queried; retry, and for a report narrow it (a shorter time range, fewer groups)',
    );
  }
}

/** Returns the error of a query stopped at the request's deadline. */
export function queryPastDeadlineError(): StoreTimeoutError {
  return new StoreTimeoutError(
    'The store query ran past the request time limit and was stopped; retry, and for a report narrow it (a shorter time range, fewer groups)',
  );
}

/** Returns the error of a query stopped because its request was cancelled. */
export function queryCancelledError(): QueryCancelledError {
  return new QueryCancelledError('The store query was stopped because the request was cancelled');
}
