import { KustoDataErrors } from 'azure-kusto-data';

/** Classification of a failed Kusto call: its meaning for the caller, and whether another attempt may succeed. */
export type KustoFailureKind = 'throttled' | 'transient' | 'timeout' | 'partial' | 'permanent';

export interface KustoFailure {
  kind: KustoFailureKind;
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** Kusto's error code (`General_BadRequest`, `SEM0100`…) or the network error code. */
  code?: string;
  message: string;
  /** The wait the response's Retry-After header asked for, when it sent one. */
  retryAfterMs?: number;
}

interface KustoErrorBody {
  error?: { code?: string; message?: string; '@message'?: string; '@permanent'?: boolean };
}

interface HttpLikeError {
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

/** Statuses that a later attempt may not see; 504 is Kusto's execution timeout and is not retried. */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 520]);

/** Network errors of a connection that failed before or while the request was sent. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Classifies an error thrown by azure-kusto-data 7.0. The SDK throws a ThrottlingError for 429
 * and the raw HTTP client error for any other non-200. When a 200 response reports `HasErrors`
 * (a partial failure, result truncation included), it throws a plain Error whose message starts
 * "Kusto request had errors", and it has already discarded the rows.
 */
export function classifyKustoError(error: unknown): KustoFailure {
  if (error instanceof KustoDataErrors.ThrottlingError) {
    // The SDK keeps the HTTP client's error as `inner`, with the response headers.
    const inner = (error as { inner?: HttpLikeError }).inner;
    return withRetryAfter({ kind: 'throttled', status: 429, message: error.message }, inner);
  }
  if (error instanceof KustoDataErrors.KustoAuthenticationError) {
    return {
      kind: 'permanent',
      code: 'authentication',
      message: `Kusto authentication failed: ${error.message}`,
    };
  }

  const httpError = (error ?? {}) as HttpLikeError;
  const message = error instanceof Error ? error.message : String(error);
  const status = httpError.response?.status;

  if (status !== undefined) {
    const body = parseBody(httpError.response?.data);
    const code = body?.error?.code;
    const detail = body?.error?.['@message'] ?? body?.error?.message ?? message;
    if (status === 504) {
      return { kind: 'timeout', status, code, message: detail };
    }
    const transient = TRANSIENT_STATUSES.has(status) && body?.error?.['@permanent'] !== true;
    return withRetryAfter(
      { kind: transient ? 'transient' : 'permanent', status, code, message: detail },
      httpError,
    );
  }

  if (
    httpError.code === 'ECONNABORTED' ||
    httpError.code === 'ETIMEDOUT' ||
    /timeout of \d+ms exceeded/.test(message)
  ) {
    return { kind: 'timeout', code: httpError.code, message };
  }
  if (httpError.code !== undefined && TRANSIENT_NETWORK_CODES.has(httpError.code)) {
    return { kind: 'transient', code: httpError.code, message };
  }
  if (message.startsWith('Failed to get cloud info')) {
    // The SDK's first call to a host (GET /v1/rest/auth/metadata) failed: the cluster is unreachable.
    return { kind: 'transient', message };
  }
  if (message.startsWith('Kusto request had errors')) {
    return { kind: 'partial', message };
  }
  return { kind: 'permanent', code: httpError.code, message };
}

function parseBody(data: unknown): KustoErrorBody | undefined {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as KustoErrorBody;
    } catch {
      return undefined;
    }
  }
  return typeof data === 'object' && data !== null ? (data as KustoErrorBody) : undefined;
}

function withRetryAfter(failure: KustoFailure, error: HttpLikeError | undefined): KustoFailure {
  const retryAfterMs = retryAfterMsOf(headerOf(error?.response?.headers, 'retry-after'));
  return retryAfterMs === undefined ? failure : { ...failure, retryAfterMs };
}

/** Reads a header from axios' AxiosHeaders (which has `get`) or a plain object of lower-case names. */
function headerOf(headers: unknown, name: string): unknown {
  if (typeof headers !== 'object' || headers === null) {
    return undefined;
  }
  const withGet = headers as { get?: (name: string) => unknown };
  return typeof withGet.get === 'function'
    ? withGet.get(name)
    : (headers as Record<string, unknown>)[name];
}

/**
 * Parses Retry-After (RFC 9110 section 10.2.3): delay seconds or an HTTP date. A value that is
 * neither, negative, or more than a day away is ignored rather than trusted.
 */
export function retryAfterMsOf(value: unknown, nowMs = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return undefined;
  }
  const text = String(value).trim();
  const ms = /^\d+$/.test(text)
    ? Number(text) * 1000
    : / GMT$/.test(text)
      ? Date.parse(text) - nowMs
      : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > 86_400_000) {
    return undefined;
  }
  return ms;
}
