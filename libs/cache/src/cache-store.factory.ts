import { Keyv } from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import { KeyvCacheableMemory } from '@cacheable/memory';
import { createCache } from 'cache-manager';
import { Logger } from '@nestjs/common';
import { Clock } from '@analytics/common';
import { FailOpenCache } from './fail-open-cache';
import { CacheLogger } from './interval-log';
import { StoreHealth } from './store-health';

export interface CacheStoreSettings {
  /** `REDIS_URL`: entries go to this Redis when set, to an in-process LRU otherwise. */
  redisUrl?: string;
  /** First part of every key, so several applications or test runs can share one Redis. */
  keyPrefix: string;
  /** Upper bound of each cache operation, in milliseconds; past it the call goes to the repository. */
  operationTimeoutMs: number;
  /** Entries the in-memory LRU keeps before it evicts the least recently used. */
  memoryMaxEntries: number;
  /** At most one failure log line per this many milliseconds. */
  failureLogIntervalMs: number;
}

export const DEFAULT_CACHE_STORE_SETTINGS: Omit<CacheStoreSettings, 'redisUrl'> = {
  keyPrefix: 'analytics',
  operationTimeoutMs: 200,
  memoryMaxEntries: 10_000,
  failureLogIntervalMs: 60_000,
};

export interface CacheStoreDependencies {
  logger?: CacheLogger;
  clock?: Clock;
}

/** Delay before reconnect attempt `retries` (0-based): doubling from 100 ms, at most 2 s. */
const RECONNECT_DELAY_MS = (retries: number): number => Math.min(100 * 2 ** retries, 2_000);
const CONNECT_TIMEOUT_MS = 1_000;

/**
 * Creates the cache store: cache-manager 7 over Keyv 5, with @keyv/redis when `redisUrl` is set
 * and an LRU from @cacheable/memory otherwise, wrapped so that it fails open.
 *
 * With Redis, it waits up to 1 s for the first connection, so the first requests can already
 * use the cache. A Redis that does not respond by then leaves the cache degraded, not the
 * application down: the client keeps reconnecting in the background.
 *
 * The Redis store is @keyv/redis, not cache-manager-redis-yet: cache-manager-redis-yet pins
 * cache-manager 5, which @nestjs/cache-manager 12 no longer accepts (it requires
 * cache-manager >= 6 with Keyv stores), and @keyv/redis is its successor.
 */
export async function createFailOpenCache(
  settings: CacheStoreSettings,
  dependencies: CacheStoreDependencies = {},
): Promise<FailOpenCache> {
  const logger = dependencies.logger ?? new Logger('Cache');
  const clock = dependencies.clock ?? new Clock();
  const probeKey = `${settings.keyPrefix}:cache-probe`;

  if (!settings.redisUrl) {
    const storeHealth = new StoreHealth('memory', logger, clock, settings.failureLogIntervalMs);
    const keyv = new Keyv(new KeyvCacheableMemory({ lruSize: settings.memoryMaxEntries }), {
      useKeyPrefix: false,
      throwOnErrors: true,
    });
    const cache = createCache({ stores: [keyv] });
    return new FailOpenCache({
      cache,
      storeHealth,
      timeoutMs: settings.operationTimeoutMs,
      probeKey,
      close: async () => keyv.clear(),
    });
  }

  const storeHealth = new StoreHealth('redis', logger, clock, settings.failureLogIntervalMs);

  // Without the offline queue, a command sent while the connection is down fails at once
  // instead of waiting for a reconnect that may never come. The cache then fails open.
  const client = createClient({
    url: settings.redisUrl,
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: RECONNECT_DELAY_MS },
  });
  client.on('error', (error: unknown) => storeHealth.recordFailure('connection', error));
  client.on('ready', () => storeHealth.recordSuccess());

  const store = new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true });
  const keyv = new Keyv(store, { useKeyPrefix: false, throwOnErrors: true });
  keyv.namespace = undefined;
  const cache = createCache({ stores: [keyv] });

  // connect() opens the client at once, and from then on it keeps reconnecting after any
  // outage, with commands failing fast while it is down. The promise settles only when the
  // first connection succeeds (or the client is destroyed); failures before that reach the
  // 'error' listener above.
  const connected = client.connect().then(
    () => true,
    (error: unknown) => {
      storeHealth.recordFailure('connection', error);
      return false;
    },
  );
  await Promise.race([
    connected,
    new Promise((resolve) => setTimeout(resolve, CONNECT_TIMEOUT_MS).unref()),
  ]);

  const close = async (): Promise<void> => {
    client.destroy();
  };
  return new FailOpenCache({
    cache,
    storeHealth,
    timeoutMs: settings.operationTimeoutMs,
    probeKey,
    close,
  });
}
