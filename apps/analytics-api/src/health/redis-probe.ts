import KeyvRedis from '@keyv/redis';

/**
 * A Redis connection that the readiness check writes to and reads from. Bind another
 * implementation to this token to check the cache's own client instead of a connection of its own.
 */
export abstract class RedisProbe {
  abstract set(key: string, value: string, ttlMs: number): Promise<void>;
  abstract get(key: string): Promise<string | undefined>;
  abstract close(): Promise<void>;
}

/** A connection of the readiness check's own, opened on first use from `REDIS_URL`. */
export class KeyvRedisProbe extends RedisProbe {
  private readonly redis: KeyvRedis<string>;

  constructor(url: string, { connectTimeoutMs }: { connectTimeoutMs: number }) {
    super();
    // Errors are thrown rather than swallowed, so a Redis that is down fails the check.
    this.redis = new KeyvRedis<string>(url, {
      throwOnConnectError: true,
      throwOnErrors: true,
      connectionTimeout: connectTimeoutMs,
    });
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, value, ttlMs);
  }

  get(key: string): Promise<string | undefined> {
    return this.redis.get<string>(key);
  }

  close(): Promise<void> {
    return this.redis.disconnect();
  }
}
