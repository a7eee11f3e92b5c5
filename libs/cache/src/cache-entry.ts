/**
 * Value stored under one key, wrapped with its times. The wrapper keeps `0`, `''`, `false`, `null` and empty
 * lists apart from a miss, and carries the times that decide between fresh and stale.
 */
export interface CacheEntry<V = unknown> {
  value: V;
  /** When the result was read from the repository, in epoch milliseconds. */
  storedAtMs: number;
  /** Until when the entry is served as fresh; after that it may only be served as stale. */
  freshUntilMs: number;
}

/** Checks the shape of what a store returned, since another writer may share the key space. */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;

  const entry = value as Record<string, unknown>;
  return (
    'value' in entry &&
    typeof entry.storedAtMs === 'number' &&
    typeof entry.freshUntilMs === 'number'
  );
}
