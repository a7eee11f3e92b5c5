import { Logger } from '@nestjs/common';
import { createClient } from '@redis/client';
import { RateLimitCounter, WindowCount } from './rate-limit-counter';

/**
 * Counts a fixed window in one Lua script, so the increment and the window's expiry are atomic and
 * several instances sharing one Redis enforce one limit.
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

function newClient(url: string) {
  return createClient({
    url,
    // Commands fail at once while disconnected instead of queueing, so a request never waits
    // for Redis to come back.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(retries * 200, 5_000),
    },
  });
}

type RedisClient = ReturnType<typeof newClient>;

/**
 * Rate-limit counters in Redis. When Redis fails the request is admitted and the failure logged
 * at most once a minute: an outage of the counter store must not take the API down with it.
 */
export class RedisRateLimitCounter extends RateLimitCounter {
  private readonly logger = new Logger(RedisRateLimitCounter.name);
  private lastWarningMs = 0;

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    super();
  }

  static async connect(
    url: string,
    prefix = 'usage-analytics:rate:',
  ): Promise<RedisRateLimitCounter> {
    const client = newClient(url);
    const counter = new RedisRateLimitCounter(client, prefix);
    client.on('error', (error: unknown) => counter.warn(error));
    await client.connect().catch((error: unknown) => counter.warn(error));
    return counter;
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    try {
      const [hits, remainingMs] = (await this.client.eval(INCREMENT_SCRIPT, {
        keys: [`${this.prefix}${key}`],
        arguments: [String(windowMs)],
      })) as [number, number];
      return { hits, resetSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
    } catch (error) {
      this.warn(error);
      return { hits: 0, resetSeconds: Math.ceil(windowMs / 1000) };
    }
  }

  override async close(): Promise<void> {
    if (this.client.isOpen) {
      await this.client.quit().catch(() => undefined);
    }
  }

  private warn(error: unknown): void {
    const nowMs = Date.now();
    if (nowMs - this.lastWarningMs < 60_000) {
      return;
    }
    this.lastWarningMs = nowMs;
    this.logger.warn(
      `Rate-limit counters in Redis failed; admitting requests: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
