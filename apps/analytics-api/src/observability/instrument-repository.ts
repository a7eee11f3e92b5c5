import { DomainError } from '@analytics/common';
import { QueryCancelledError } from '@analytics/store';
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { AppMetrics, StoreCallOutcome } from './app-metrics';

/** The part of a pino logger (or nestjs-pino's `PinoLogger`) that the query log uses. */
export interface QueryLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface RepositoryInstrumentation {
  /** Report name in log lines and metric labels, e.g. `volume`. */
  report: string;
  /** Store name in log lines and metric labels; `duckdb` when absent. */
  store?: string;
  logger: QueryLogger;
  metrics: AppMetrics;
  /** Rows in a result; by default the length of an array, or the summed lengths of an object's array fields. */
  countRows?: (result: unknown) => number | undefined;
}

/** Outcome a cache decorator reports for one call; `libs/cache` `CacheOutcomeEvent` has this shape. */
export interface CacheOutcomeReport {
  outcome: 'hit' | 'miss' | 'stale' | 'bypass';
}

interface CallRecord {
  cacheOutcome?: CacheOutcomeReport['outcome'];
}

const currentCall = new AsyncLocalStorage<CallRecord>();

/**
 * Records the cache outcome of the instrumented call in progress. Pass it as the cache
 * decorator's `onOutcome`, with the cache inside the instrumentation:
 * `instrumentRepository(cachedRepository(adapter, { ..., onOutcome: reportCacheOutcome }), ...)`.
 * Outside an instrumented call it does nothing.
 */
export function reportCacheOutcome(report: CacheOutcomeReport): void {
  const call = currentCall.getStore();
  if (call) {
    call.cacheOutcome = report.outcome;
  }
}

type PortMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Returns an object of the port's type that logs one line per call (report, method, duration,
 * rows, cache outcome) and records the store query metrics. Every own and inherited method of
 * `target` except the constructor is wrapped; errors are rethrown unchanged after the line is
 * written, and the exception filter logs their stack. The wrapper's prototype is `target`, so
 * `instanceof` checks on the port class still hold.
 */
export function instrumentRepository<T extends object>(
  target: T,
  options: RepositoryInstrumentation,
): T {
  const wrapper = Object.create(target) as Record<string, PortMethod>;

  for (const name of methodNames(target)) {
    const method = (target as Record<string, PortMethod>)[name];
    wrapper[name] = (...args: unknown[]) =>
      observeCall(options, name, () => method.apply(target, args));
  }
  return wrapper as T;
}

async function observeCall(
  options: RepositoryInstrumentation,
  method: string,
  call: () => Promise<unknown>,
): Promise<unknown> {
  const { report, logger, metrics } = options;
  const store = options.store ?? 'duckdb';
  const record: CallRecord = {};
  const startedAt = performance.now();

  try {
    const result = await currentCall.run(record, call);
    const durationMs = elapsedSince(startedAt);
    const rows = (options.countRows ?? countRows)(result);

    recordMetrics({
      metrics,
      report,
      store,
      method,
      outcome: 'ok',
      durationMs,
      cacheOutcome: record.cacheOutcome,
    });
    logger.info(
      { report, store, method, durationMs, rows, cache: record.cacheOutcome ?? 'none' },
      'store query',
    );
    return result;
  } catch (error) {
    const durationMs = elapsedSince(startedAt);
    const outcome = outcomeOf(error);

    recordMetrics({
      metrics,
      report,
      store,
      method,
      outcome,
      durationMs,
      cacheOutcome: record.cacheOutcome,
    });
    // A query stopped because its client left is expected, not a store failure.
    logger[outcome === 'cancelled' ? 'info' : 'warn'](
      {
        report,
        store,
        method,
        durationMs,
        cache: record.cacheOutcome ?? 'none',
        outcome,
        error: errorName(error),
      },
      'store query failed',
    );
    throw error;
  }
}

function recordMetrics(call: {
  metrics: AppMetrics;
  report: string;
  store: string;
  method: string;
  outcome: StoreCallOutcome;
  durationMs: number;
  cacheOutcome?: string;
}): void {
  const { metrics, report, store, method, outcome, durationMs, cacheOutcome } = call;

  if (cacheOutcome !== undefined) {
    metrics.countCacheOutcome({ report, outcome: cacheOutcome });
  }
  // A fresh cache hit never reached the store, so it would only pull the query durations down.
  if (cacheOutcome !== 'hit') {
    metrics.observeStoreQuery({ report, store, method, outcome, durationMs });
  }
}

function outcomeOf(error: unknown): StoreCallOutcome {
  if (error instanceof QueryCancelledError) {
    return 'cancelled';
  }
  return error instanceof DomainError && error.code === 'store_timeout' ? 'timeout' : 'error';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function elapsedSince(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}

function countRows(result: unknown): number | undefined {
  if (Array.isArray(result)) {
    return result.length;
  }
  if (typeof result !== 'object' || result === null) {
    return undefined;
  }

  const lists = Object.values(result).filter((value): value is unknown[] => Array.isArray(value));
  return lists.length === 0 ? undefined : lists.reduce((sum, list) => sum + list.length, 0);
}

function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (
    let prototype = Object.getPrototypeOf(target);
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') {
        names.add(name);
      }
    }
  }
  for (const name of Object.keys(target)) {
    if (typeof (target as Record<string, unknown>)[name] === 'function') {
      names.add(name);
    }
  }
  return [...names];
}
