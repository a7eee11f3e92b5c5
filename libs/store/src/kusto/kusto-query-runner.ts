import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { StoreTimeoutError, StoreUnavailableError } from '@analytics/common';
import { Client, ClientRequestProperties, KustoResponseDataSet } from 'azure-kusto-data';
import {
  queryCancelledError,
  QueryLimits,
  QueryLimitsAware,
  QueryLimitsSource,
  queryPastDeadlineError,
  rejectIfOutOfLimits,
} from '../query-limits';
import { KqlParameters } from './kql-parameters';
import { classifyKustoError, KustoFailure } from './kusto-errors';
import { KustoSettings } from './kusto-settings';

/** The part of the azure-kusto-data client the runner uses. */
export type KustoClientPort = Pick<Client, 'executeQuery' | 'executeMgmt'>;

/** A result row keyed by column name, with the values as Kusto sent them (no Date conversion). */
export type KustoRow = Record<string, unknown>;

export const KUSTO_APPLICATION_NAME = 'usage-analytics-api';

export interface KustoRetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: KustoRetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4000,
};

export interface KustoQueryRunnerOptions {
  retry?: KustoRetryPolicy;
  /** Time the client waits beyond the server timeout before it gives up on the connection. */
  clientTimeoutGraceMs?: number;
  /** The HTTP request id of the current request, when the caller passes none. */
  currentRequestId?: () => string | undefined;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The event a retry listener receives: the kind of call and why the attempt failed. */
export interface KustoRetryEvent {
  kind: 'query' | 'command';
  failure: KustoFailure;
  /** The attempt that failed, 1 for the first. */
  attempt: number;
}

/** Kusto rejected the query itself (a semantic error, a missing table, no permission). */
export class KustoQueryError extends Error {}

/** A call stopped at the request's deadline or cancellation; `error` is what the caller gets. */
class StoppedCall extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/** Kusto returned errors next to its rows, so the rows were dropped rather than served incomplete. */
export class KustoPartialResultError extends StoreUnavailableError {}

/**
 * Runs KQL through azure-kusto-data with the service's request properties on every call: a
 * client request id derived from the HTTP request id, the application name, the server timeout
 * and `truncationmaxrecords`. Throttling (429), transient 5xx and network failures are retried
 * with exponential backoff and full jitter, up to `maxAttempts`; every other failure is final.
 * A Retry-After from Kusto sets the least wait. One longer than the longest backoff ends the
 * retries at once, and the error carries it to the caller.
 *
 * With `useQueryLimits`, a call also follows the deadline and cancellation of its HTTP request.
 * The server timeout shrinks to the time left. A call still running at the deadline or on
 * cancellation is abandoned and cancelled on the cluster with `.cancel query`.
 */
export class KustoQueryRunner implements QueryLimitsAware {
  private readonly logger = new Logger(KustoQueryRunner.name);
  private readonly retryListeners: ((event: KustoRetryEvent) => void)[] = [];
  private queryLimits: QueryLimitsSource = () => undefined;
  /** Numbers the calls of this runner, so parallel calls of one HTTP request get distinct ids. */
  private calls = 0;
  private readonly retry: KustoRetryPolicy;
  private readonly clientTimeoutGraceMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly client: KustoClientPort,
    private readonly settings: Pick<
      KustoSettings,
      'database' | 'serverTimeoutMs' | 'truncationMaxRecords'
    >,
    private readonly options: KustoQueryRunnerOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.clientTimeoutGraceMs = options.clientTimeoutGraceMs ?? 5000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  useQueryLimits(source: QueryLimitsSource): void {
    this.queryLimits = source;
  }

  /** Calls `listener` before every retry, e.g. to count retries in a metric. */
  onRetry(listener: (event: KustoRetryEvent) => void): void {
    this.retryListeners.push(listener);
  }

  /** Runs a query whose values are all in `parameters`; the declaration statement is prepended here. */
  async query(
    text: string,
    parameters: KqlParameters,
    context: { requestId?: string } = {},
  ): Promise<KustoRow[]> {
    const csl = `${parameters.declaration()}${text}`;
    const response = await this.withRetries('query', context.requestId, true, (properties) => {
      for (const [name, value] of Object.entries(parameters.values)) {
        properties.setParameter(name, value);
      }
      return this.client.executeQuery(this.settings.database, csl, properties);
    });
    return primaryRows(response);
  }

  /**
   * Checks that the cluster responds, with one attempt, no retries, and at most `timeoutMs`. A
   * throttled request counts as a response, because the cluster is up and only busy. Readiness
   * built on a throttled check would take every instance out of service at once.
   */
  async ping(timeoutMs: number): Promise<void> {
    this.calls += 1;
    const clientRequestId = `${clientRequestIdOf(`ping-${randomUUID()}`)};${this.calls};1`;
    const limits = { deadlineMs: Date.now() + timeoutMs };
    const properties = this.propertiesFor(clientRequestId, limits);
    try {
      await this.withinLimits(
        this.client.executeQuery(this.settings.database, 'print ready = 1', properties),
        limits,
        properties,
      );
    } catch (error) {
      if (error instanceof StoppedCall) {
        throw error.error;
      }
      const failure = classifyKustoError(error);
      if (failure.kind !== 'throttled') {
        throw this.toFinalError('ping', failure, clientRequestId, 1);
      }
    }
  }

  /**
   * Runs a management command (text starting with a dot). `idempotent: false` retries only
   * throttling, which Kusto returns before running the command. A 5xx may come after an append
   * landed, so repeating it could append twice.
   */
  async command(
    text: string,
    options: { requestId?: string; idempotent: boolean },
  ): Promise<KustoRow[]> {
    if (!text.startsWith('.')) {
      throw new Error('A management command starts with a dot');
    }
    const response = await this.withRetries(
      'command',
      options.requestId,
      options.idempotent,
      (properties) => this.client.executeMgmt(this.settings.database, text, properties),
    );
    return primaryRows(response);
  }

  private async withRetries(
    kind: 'query' | 'command',
    requestId: string | undefined,
    retryTransient: boolean,
    call: (properties: ClientRequestProperties) => Promise<KustoResponseDataSet>,
  ): Promise<KustoResponseDataSet> {
    this.calls += 1;
    const baseId = `${clientRequestIdOf(
      requestId ?? this.options.currentRequestId?.() ?? randomUUID(),
    )};${this.calls}`;
    const limits = this.queryLimits() ?? {};

    for (let attempt = 1; ; attempt++) {
      rejectIfOutOfLimits(limits);
      const properties = this.propertiesFor(`${baseId};${attempt}`, limits);
      try {
        return await this.withinLimits(call(properties), limits, properties);
      } catch (error) {
        if (error instanceof StoppedCall) {
          throw error.error;
        }
        const failure = classifyKustoError(error);
        const retryable =
          (failure.kind === 'throttled' || (retryTransient && failure.kind === 'transient')) &&
          (failure.retryAfterMs ?? 0) <= this.retry.maxDelayMs;
        if (!retryable || attempt >= this.retry.maxAttempts) {
          throw this.toFinalError(kind, failure, properties.clientRequestId ?? baseId, attempt);
        }

        const delayMs = Math.max(this.backoffMs(attempt), failure.retryAfterMs ?? 0);
        if (
          limits.deadlineMs !== undefined &&
          Date.now() + delayMs + MIN_ATTEMPT_MS > limits.deadlineMs
        ) {
          // Another attempt would start too late to finish, so the caller gets this failure now,
          // with its Retry-After.
          throw this.toFinalError(kind, failure, properties.clientRequestId ?? baseId, attempt);
        }
        for (const listener of this.retryListeners) {
          listener({ kind, failure, attempt });
        }
        this.logger.warn(
          `Kusto ${kind} ${properties.clientRequestId} failed (${describe(failure)}); attempt ${attempt + 1} of ${this.retry.maxAttempts} in ${delayMs} ms`,
        );
        await this.sleep(delayMs);
      }
    }
  }

  /** Builds the properties of a query; the server timeout is the configured one or the time left, if shorter. */
  private propertiesFor(clientRequestId: string, limits: QueryLimits): ClientRequestProperties {
    const leftMs = limits.deadlineMs === undefined ? Infinity : limits.deadlineMs - Date.now();
    const properties = this.baseProperties(
      clientRequestId,
      Math.min(this.settings.serverTimeoutMs, leftMs),
    );
    properties.setOption('truncationmaxrecords', this.settings.truncationMaxRecords);
    return properties;
  }

  /** Builds the properties every request carries: its id, the application name and the timeouts. */
  private baseProperties(clientRequestId: string, timeoutMs: number): ClientRequestProperties {
    // Whole milliseconds: the SDK writes the timeout as a timespan and would print a fraction.
    const wholeMs = Math.max(1, Math.floor(timeoutMs));

    const properties = new ClientRequestProperties();
    properties.clientRequestId = clientRequestId;
    properties.application = KUSTO_APPLICATION_NAME;
    properties.setTimeout(wholeMs);
    properties.setClientTimeout(wholeMs + this.clientTimeoutGraceMs);
    return properties;
  }

  /**
   * Settles with `call`, unless the deadline passes or the signal aborts first. Then it rejects
   * with a StoppedCall at once and cancels the query on the cluster, because the client cannot
   * abort one request and the server would otherwise run it to its timeout.
   */
  private withinLimits<T>(
    call: Promise<T>,
    limits: QueryLimits,
    properties: ClientRequestProperties,
  ): Promise<T> {
    const { deadlineMs, signal } = limits;
    if (deadlineMs === undefined && signal === undefined) {
      return call;
    }

    return new Promise<T>((resolve, reject) => {
      const stop = (error: Error): void => {
        cleanUp();
        error.cause = new Error(`Kusto call ${properties.clientRequestId} was abandoned`);
        reject(new StoppedCall(error));
        void this.cancelOnCluster(properties.clientRequestId ?? '');
      };
      const onAbort = (): void => stop(queryCancelledError());
      const timer =
        deadlineMs === undefined
          ? undefined
          : setTimeout(() => stop(queryPastDeadlineError()), Math.max(0, deadlineMs - Date.now()));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanUp = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };

      call.then(
        (value) => {
          cleanUp();
          resolve(value);
        },
        (error: unknown) => {
          cleanUp();
          reject(error);
        },
      );
    });
  }

  /**
   * Sends `.cancel query` for a call that was abandoned. A query that already ended, or a failed
   * cancel, only costs cluster time, so the outcome is logged and the method never rejects.
   */
  private async cancelOnCluster(clientRequestId: string): Promise<void> {
    if (!/^[A-Za-z0-9._:;-]+$/.test(clientRequestId)) {
      return;
    }
    const properties = this.baseProperties(`${clientRequestId};cancel`, CANCEL_TIMEOUT_MS);
    try {
      await this.client.executeMgmt(
        this.settings.database,
        cancelQueryCommand(clientRequestId),
        properties,
      );
      // A cancelled query is the expected end of an abandoned call, so this is no warning.
      this.logger.log(`Kusto query ${clientRequestId} was abandoned and cancelled on the cluster`);
    } catch (error) {
      this.logger.warn(
        `Kusto query ${clientRequestId} was abandoned; cancelling it failed (${describe(classifyKustoError(error))})`,
      );
    }
  }

  /**
   * Returns the Retry-After for the caller once the retries here gave up: Kusto's own value when it
   * sent one, else the longest backoff of the policy, because the store failed for about that long.
   */
  private retryAfterSeconds(failure: KustoFailure): number {
    const ms = failure.retryAfterMs ?? this.retry.maxDelayMs;
    return Math.max(1, Math.ceil(ms / 1000));
  }

  /** Full jitter: a uniform delay in [0, min(max, base · 2^(attempt-1))). */
  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }

  /**
   * Builds the error a caller gets once the attempts are over. The Kusto details go into its
   * `cause` and not into the message, so the HTTP layer logs them once and never sends them.
   */
  private toFinalError(
    kind: string,
    failure: KustoFailure,
    clientRequestId: string,
    attempts: number,
  ): Error {
    const where = `Kusto ${kind} ${clientRequestId}`;
    const detail = `${where} failed after ${attempts} attempt(s): ${describe(failure)}`;
    this.logger.debug(detail);

    const error = this.errorFor(failure, where);
    if (!(error instanceof KustoQueryError)) {
      // A KustoQueryError names the details in its message already, which is logged, never sent.
      error.cause = new Error(detail);
    }
    return error;
  }

  private errorFor(failure: KustoFailure, where: string): Error {
    switch (failure.kind) {
      case 'timeout':
        return new StoreTimeoutError(
          'The analytics store query timed out; retry, and for a report narrow it (a shorter time range, a coarser granularity)',
        );
      case 'throttled':
      case 'transient':
        return new StoreUnavailableError(
          'The analytics store is busy or unavailable; retry after the Retry-After seconds',
          { retryAfterSeconds: this.retryAfterSeconds(failure) },
        );
      case 'partial':
        return new KustoPartialResultError(
          'The analytics store returned an incomplete result, so none was served; narrow the query or retry later',
        );
      case 'permanent':
        if (failure.code === 'authentication' || failure.status === 401 || failure.status === 403) {
          return new StoreUnavailableError(
            'The service cannot sign in to the analytics store; the cause is in the service log',
          );
        }
        return new KustoQueryError(`${where} was rejected: ${describe(failure)}`);
    }
  }
}

/** Minimum time before the deadline for which another attempt is worth starting. */
const MIN_ATTEMPT_MS = 250;

/** Server timeout of a `.cancel query` command. */
const CANCEL_TIMEOUT_MS = 10_000;

/** Returns the command that cancels the running query with this client request id. */
export function cancelQueryCommand(clientRequestId: string): string {
  return `.cancel query "${clientRequestId}"`;
}

/**
 * Derives the start of the `x-ms-client-request-id` from the HTTP request id, so a Kusto trace
 * and the service log share one id. The runner appends the call number and the attempt:
 * `usage-analytics-api;<request id>;<call>;<attempt>`. Characters outside a safe set are dropped,
 * because the value travels in an HTTP header.
 */
export function clientRequestIdOf(requestId: string): string {
  const safe = requestId.replace(/[^A-Za-z0-9._:-]/g, '').slice(0, 64) || randomUUID();
  return `${KUSTO_APPLICATION_NAME};${safe}`;
}

function primaryRows(response: KustoResponseDataSet): KustoRow[] {
  const table = response.primaryResults[0];
  if (!table) {
    throw new KustoQueryError('Kusto returned no primary result table');
  }

  const names = table.columns.map((column) => column.name ?? '');
  return (table._rows as unknown[][]).map((row) => {
    if (!Array.isArray(row)) {
      // A partial failure puts an error object where a row would be.
      throw new KustoPartialResultError(
        'The analytics store returned an error in place of a row, so no data was served',
      );
    }
    return Object.fromEntries(names.map((name, index) => [name, row[index]]));
  });
}

function describe(failure: KustoFailure): string {
  const parts = [
    failure.kind,
    failure.status === undefined ? undefined : `HTTP ${failure.status}`,
    failure.code,
  ].filter(Boolean);
  return `${parts.join(', ')}: ${failure.message.slice(0, 500)}`;
}
