/**
 * Codes of the errors that domain code and use cases raise. The HTTP layer maps each code to a
 * status in one exhaustive switch, so adding a code fails to compile until it is mapped.
 */
export type DomainErrorCode =
  | 'invalid_parameter'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'unprocessable_content'
  | 'precondition_required'
  | 'rate_limited'
  | 'store_unavailable'
  | 'store_timeout';

/** One offending input: the query parameter, header or body field and what to send instead. */
export interface ParameterIssue {
  parameter: string;
  detail: string;
}

/** An error with a code and a message that is safe to show to the caller. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: ParameterIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A request value that cannot be accepted; `detail` states what is wrong and how to fix it. */
export class InvalidParameterError extends DomainError {
  constructor(parameter: string, detail: string) {
    super('invalid_parameter', `Invalid value for "${parameter}": ${detail}`, [
      { parameter, detail },
    ]);
  }

  static of(issues: ParameterIssue[]): DomainError {
    const names = issues.map((issue) => `"${issue.parameter}"`).join(', ');
    return new DomainError('invalid_parameter', `Invalid request parameters: ${names}`, issues);
  }
}

/**
 * The store failed; the request may be retried later. `retryAfterSeconds`, when known, becomes
 * the response's Retry-After header: set it only for a failure that passes with time (throttling,
 * a transient outage), not for one that a retry would meet again.
 */
export class StoreUnavailableError extends DomainError {
  readonly retryAfterSeconds?: number;

  constructor(message: string, options: { retryAfterSeconds?: number } = {}) {
    super('store_unavailable', message);
    if (options.retryAfterSeconds !== undefined) {
      if (!Number.isSafeInteger(options.retryAfterSeconds) || options.retryAfterSeconds < 1) {
        throw new RangeError(
          `retryAfterSeconds must be a whole number of at least 1, got ${options.retryAfterSeconds}`,
        );
      }
      this.retryAfterSeconds = options.retryAfterSeconds;
    }
  }
}

/** The store timed out; the request may succeed with a smaller range. */
export class StoreTimeoutError extends DomainError {
  constructor(message: string) {
    super('store_timeout', message);
  }
}
