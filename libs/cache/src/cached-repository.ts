import { Logger } from '@nestjs/common';
import { Clock, TenantScope } from '@analytics/common';
import { CacheKeyBuilder } from './cache-key.builder';
import { CacheOutcome, CacheOutcomeEvent, recordCacheOutcome } from './cache-outcome';
import { NonCanonicalValueError } from './canonical-json';
import { FailOpenCache } from './fail-open-cache';
import { TtlFunction } from './freshness-ttl';
import { CacheLogger, IntervalLog } from './interval-log';
import { SingleFlight } from './single-flight';

export interface CachedRepositoryOptions {
  cache: FailOpenCache;
  keys: CacheKeyBuilder;
  /** Report or port name in the key, e.g. `volume`. */
  report: string;
  /** Version of the port's result shapes; bump it when they change so old entries are not read. */
  schemaVersion: number;
  /** Freshness TTL in milliseconds from the arguments after the tenant scope; 0 or less bypasses the cache. */
  ttlMs: TtlFunction;
  /** How long after its TTL an entry is kept to be served when the repository fails, in milliseconds. */
  maxStaleMs: number;
  clock: Clock;
  /**
   * Rewrites the arguments after the tenant scope before they are hashed, e.g. to sort a list
   * whose order does not change the result. The repository still receives the original ones.
   */
  normalizeArguments?: (method: string, args: readonly unknown[]) => readonly unknown[];
  /** Called once per call, after the result is known; it must not throw. Use it for metrics. */
  onOutcome?: (event: CacheOutcomeEvent) => void;
  logger?: CacheLogger;
  /** At most one stale-served warning per this many milliseconds; 60 s when absent. */
  warningIntervalMs?: number;
  /**
   * Connects a shared load to its callers' cancellation. Without it, loads run to the end.
   */
  cancellation?: SharedCancellation;
}

/** The link between the callers' cancellation signals and the signal of a shared load. */
export interface SharedCancellation {
  /** Returns the cancellation signal of the current caller, if it has one. */
  current(): AbortSignal | undefined;
  /** Runs `load` so that its store queries use `signal`, which aborts once every waiting caller has left. */
  run<R>(signal: AbortSignal, load: () => Promise<R>): Promise<R>;
}

/** Result of one lookup, shared by every caller that joined it. */
interface Resolution {
  value: unknown;
  outcome: Exclude<CacheOutcome, 'bypass'>;
  freshnessMs: number;
  storedAtMs: number;
}

type PortMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Returns an object of the port's type whose methods read through the cache.
 *
 * Every own and inherited method of `target` (the constructor and `Object.prototype` methods
 * excepted) is wrapped. The wrapped methods behave like this:
 * - A call whose first argument is not a `TenantScope`, whose arguments have no single JSON form,
 *   or whose TTL is 0 or less goes to `target` unchanged (outcome `bypass`).
 * - Otherwise a fresh entry is returned (`hit`). With no fresh entry, `target` is called and its
 *   result stored for `ttlMs + maxStaleMs` (`miss`). Concurrent calls for one key in this
 *   process share one lookup.
 * - When `target` throws and an entry at most `maxStaleMs` past its freshness exists, that entry
 *   is returned (`stale`). Otherwise the error reaches the caller.
 * - Cache store failures never reach the caller: the call is served as a miss, see `FailOpenCache`.
 *
 * The methods must return JSON values: a result of `undefined` is returned but not stored, and
 * anything else is stored as its JSON form, so a `Date` comes back as a string.
 * The wrapper's prototype is `target`, so `instanceof` checks on the port class still hold.
 */
export function cachedRepository<T extends object>(target: T, options: CachedRepositoryOptions): T {
  if (!Number.isFinite(options.maxStaleMs) || options.maxStaleMs < 0) {
    throw new Error(
      `Invalid maxStaleMs ${options.maxStaleMs}: use a non-negative number of milliseconds`,
    );
  }

  const wrapper = Object.create(target) as T;
  const flights = new SingleFlight<Resolution>();
  const staleLog = new IntervalLog(
    options.logger ?? new Logger('Cache'),
    options.clock,
    options.warningIntervalMs ?? 60_000,
  );

  for (const name of portMethodNames(target)) {
    // Building one key now rejects an invalid report or method name when the provider is
    // created, instead of on the first request.
    options.keys.build({
      scope: TenantScope.of('key-check'),
      report: options.report,
      method: name,
      schemaVersion: options.schemaVersion,
      args: [],
    });

    const method = (target as Record<string, unknown>)[name] as PortMethod;
    const call = (args: unknown[]): Promise<unknown> => method.apply(target, args);

    const cached = async (...args: unknown[]): Promise<unknown> => {
      const [scope, ...rest] = args;
      if (!(scope instanceof TenantScope)) return bypass(options, name, null, call(args));

      const normalized = options.normalizeArguments ? options.normalizeArguments(name, rest) : rest;
      const key = buildKey(options, scope, name, normalized);
      const ttlMs = options.ttlMs(normalized);
      if (key === null || !(ttlMs > 0)) return bypass(options, name, scope.tenantId, call(args));

      const load = () => resolve(options, key, ttlMs, () => call(args), staleLog);
      const { cancellation } = options;
      const { value: resolution, shared } = await flights.run(
        key,
        (signal) => (cancellation ? cancellation.run(signal, load) : load()),
        cancellation?.current(),
      );
      report(options, {
        outcome: resolution.outcome,
        key,
        report: options.report,
        method: name,
        tenantId: scope.tenantId,
        collapsed: shared,
        freshnessMs: resolution.freshnessMs,
        storedAtMs: resolution.storedAtMs,
      });
      return resolution.value;
    };

    Object.defineProperty(wrapper, name, {
      value: cached,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }

  return wrapper;
}

/** Names of the methods on `target` and its prototypes below `Object.prototype`, the constructors excepted. */
export function portMethodNames(target: object): string[] {
  const names = new Set<string>();
  for (
    let level: object | null = target;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(level)) {
      const descriptor = Object.getOwnPropertyDescriptor(level, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return [...names];
}

async function resolve(
  options: CachedRepositoryOptions,
  key: string,
  ttlMs: number,
  load: () => Promise<unknown>,
  staleLog: IntervalLog,
): Promise<Resolution> {
  const { cache, clock, maxStaleMs } = options;
  const readAtMs = clock.nowMs();
  const entry = await cache.read(key);
  if (entry && entry.freshUntilMs > readAtMs)
    return {
      value: entry.value,
      outcome: 'hit',
      freshnessMs: entry.freshUntilMs - readAtMs,
      storedAtMs: entry.storedAtMs,
    };

  let value: unknown;
  try {
    value = await load();
  } catch (error) {
    const failedAtMs = clock.nowMs();
    const staleForMs = entry ? failedAtMs - entry.freshUntilMs : Number.POSITIVE_INFINITY;
    if (!entry || staleForMs > maxStaleMs) throw error;

    const message = error instanceof Error ? error.message : String(error);
    staleLog.warn(
      `Served a stale ${options.report} entry (${staleForMs} ms past its freshness, key ${key}) because the repository failed: ${message}`,
    );
    return {
      value: entry.value,
      outcome: 'stale',
      freshnessMs: -staleForMs,
      storedAtMs: entry.storedAtMs,
    };
  }

  const storedAtMs = clock.nowMs();
  if (value !== undefined)
    await cache.write(
      key,
      { value, storedAtMs, freshUntilMs: storedAtMs + ttlMs },
      ttlMs + maxStaleMs,
    );
  return { value, outcome: 'miss', freshnessMs: ttlMs, storedAtMs };
}

function buildKey(
  options: CachedRepositoryOptions,
  scope: TenantScope,
  method: string,
  args: readonly unknown[],
): string | null {
  try {
    return options.keys.build({
      scope,
      report: options.report,
      method,
      schemaVersion: options.schemaVersion,
      args,
    });
  } catch (error) {
    if (error instanceof NonCanonicalValueError) return null;
    throw error;
  }
}

async function bypass(
  options: CachedRepositoryOptions,
  method: string,
  tenantId: string | null,
  call: Promise<unknown>,
): Promise<unknown> {
  const value = await call;
  report(options, {
    outcome: 'bypass',
    key: null,
    report: options.report,
    method,
    tenantId,
    collapsed: false,
    freshnessMs: null,
    storedAtMs: null,
  });
  return value;
}

function report(options: CachedRepositoryOptions, event: CacheOutcomeEvent): void {
  recordCacheOutcome(event);
  options.onOutcome?.(event);
}
