import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Cache outcome of one repository call:
 * - `hit`: a fresh entry was returned and the repository was not called.
 * - `miss`: the repository was called (no entry, an expired one, or the cache store failing).
 * - `stale`: the repository failed and an expired entry within the maximum stale age was returned.
 * - `bypass`: the call was not cacheable (no tenant scope, arguments without a JSON form, or a
 *   zero TTL) and went to the repository as it was.
 */
export type CacheOutcome = 'hit' | 'miss' | 'stale' | 'bypass';

/** One cached repository call, as reported to `onOutcome` and to `collectCacheOutcomes`. */
export interface CacheOutcomeEvent {
  outcome: CacheOutcome;
  /** Null on a bypass, when no key was built. */
  key: string | null;
  report: string;
  method: string;
  tenantId: string | null;
  /** True when the call waited for the same key's lookup started by a concurrent call. */
  collapsed: boolean;
  /**
   * Milliseconds the returned entry stays fresh: positive on a hit or a miss, negative (the
   * time since it expired) on a stale result, null on a bypass. RFC 9211 `ttl` has this sign
   * convention, in seconds.
   */
  freshnessMs: number | null;
  /** When the returned value was computed by the repository (epoch ms); null on a bypass. */
  storedAtMs: number | null;
}

const currentCollector = new AsyncLocalStorage<CacheOutcomeEvent[]>();

/**
 * Runs `work` and returns, with its result, the outcome of every cached repository call made
 * within it, in the order they completed. Concurrent requests each see only their own calls,
 * because the list follows the async context. The HTTP layer can derive a `Cache-Status` header
 * from it: for example, `hit` only when every call was a hit.
 */
export async function collectCacheOutcomes<R>(
  work: () => Promise<R>,
): Promise<{ result: R; outcomes: CacheOutcomeEvent[] }> {
  const outcomes: CacheOutcomeEvent[] = [];
  const result = await currentCollector.run(outcomes, work);
  return { result, outcomes };
}

/** Adds an event to the list of the enclosing `collectCacheOutcomes`, if there is one. */
export function recordCacheOutcome(event: CacheOutcomeEvent): void {
  currentCollector.getStore()?.push(event);
}
