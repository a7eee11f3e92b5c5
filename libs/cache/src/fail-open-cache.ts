import { AsyncLocalStorage } from 'node:async_hooks';
import { Cache } from 'cache-manager';
import { CacheEntry, isCacheEntry } from './cache-entry';
import { CacheHealth, StoreHealth } from './store-health';

/** Raised when a cache operation did not finish within the operation timeout. */
export class CacheTimeoutError extends Error {
  constructor(operation: string, timeoutMs: number) {
    super(`Cache ${operation} timed out after ${timeoutMs} ms`);
    this.name = 'CacheTimeoutError';
  }
}

export interface FailOpenCacheParts {
  cache: Cache;
  storeHealth: StoreHealth;
  /** Upper bound of each read, write and delete, in milliseconds. */
  timeoutMs: number;
  /** A key that is never written, read by `probe()`. */
  probeKey: string;
  /** Releases the store's connections. */
  close: () => Promise<void>;
}

/**
 * A cache-manager cache whose operations never throw: each one is bounded by `timeoutMs`, and a
 * failure or timeout is recorded in `StoreHealth` and turned into a miss (on read) or a skipped
 * write. A slow or stopped Redis therefore costs a request at most `timeoutMs` per operation.
 */
export class FailOpenCache {
  /** Collects the read errors that cache-manager reports through its `get` event instead of throwing. */
  private readonly readErrors = new AsyncLocalStorage<unknown[]>();

  private readonly cache: Cache;
  private readonly storeHealth: StoreHealth;
  readonly timeoutMs: number;
  private readonly probeKey: string;
  private readonly closeStore: () => Promise<void>;
  private closed = false;

  constructor(parts: FailOpenCacheParts) {
    this.cache = parts.cache;
    this.storeHealth = parts.storeHealth;
    this.timeoutMs = parts.timeoutMs;
    this.probeKey = parts.probeKey;
    this.closeStore = parts.close;

    this.cache.on('get', (event) => {
      if (event.error !== undefined) this.readErrors.getStore()?.push(event.error);
    });
  }

  /** Returns the entry stored under `key`, or undefined on a miss, an unreadable entry or a failure. */
  async read(key: string): Promise<CacheEntry | undefined> {
    const errors: unknown[] = [];
    try {
      const stored = await this.readErrors.run(errors, () =>
        withTimeout(this.cache.get<unknown>(key), this.timeoutMs, 'read'),
      );
      if (errors.length > 0) throw errors[0];

      this.storeHealth.recordSuccess();
      return isCacheEntry(stored) ? stored : undefined;
    } catch (error) {
      this.storeHealth.recordFailure('read', error);
      return undefined;
    }
  }

  /** Stores `entry` under `key` for `ttlMs` milliseconds; a failure is recorded and otherwise ignored. */
  async write(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    try {
      await withTimeout(this.cache.set(key, entry, ttlMs), this.timeoutMs, 'write');
      this.storeHealth.recordSuccess();
    } catch (error) {
      this.storeHealth.recordFailure('write', error);
    }
  }

  /** Removes the entry under `key`; a failure is recorded and otherwise ignored. */
  async delete(key: string): Promise<void> {
    try {
      await withTimeout(this.cache.del(key), this.timeoutMs, 'delete');
      this.storeHealth.recordSuccess();
    } catch (error) {
      this.storeHealth.recordFailure('delete', error);
    }
  }

  /** Returns the store's state as last observed by an operation or by the connection. */
  health(): CacheHealth {
    return this.storeHealth.health();
  }

  /**
   * Reads the probe key, which is never written, so a readiness check learns the store's state now
   * instead of as of the last request.
   */
  async probe(): Promise<CacheHealth> {
    await this.read(this.probeKey);
    return this.health();
  }

  /** Releases the store's connections; later calls do nothing. Operations after it fail open. */
  async close(): Promise<void> {
    if (this.closed) return;

    this.closed = true;
    await this.closeStore();
  }

  /** Nest calls this on shutdown for any provider instance that has it, factory-made ones included. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

async function withTimeout<T>(operation: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeoutError(name, timeoutMs)), timeoutMs);
  });

  try {
    return await Promise.race([operation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
