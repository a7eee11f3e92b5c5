import { createClient } from '@keyv/redis';
import { answersPing, PrivateRedisServer } from './private-redis-server';

export const NO_REDIS_FOUND =
  "no Redis server found (REDIS_URL unset, redis-server not runnable, nothing answering on 127.0.0.1:6379); install it with 'apt-get install redis-server', or set REDIS_URL";

/** The Redis a test suite uses, and whether it may stop it. */
export interface TestRedis {
  url: string;
  /** Present when the tests started the server themselves. */
  server: PrivateRedisServer | null;
  /** Deletes the keys under `prefix` and stops a private server. */
  release(prefix: string): Promise<void>;
}

/**
 * Finds a Redis for tests: `REDIS_URL` when set, else a private `redis-server` on a free port,
 * else 127.0.0.1:6379 when it answers PING. Returns null when none of them is available.
 */
export async function findTestRedis(): Promise<TestRedis | null> {
  const configured = process.env.REDIS_URL;
  if (configured) return { url: configured, server: null, release: (prefix) => deleteKeys(configured, prefix) };

  const server = await PrivateRedisServer.start();
  if (server) {
    return {
      url: server.url,
      server,
      release: async () => server.stop(),
    };
  }

  const sharedUrl = 'redis://127.0.0.1:6379';
  if (await answersPing(6379)) return { url: sharedUrl, server: null, release: (prefix) => deleteKeys(sharedUrl, prefix) };
  return null;
}

/** A key prefix no other test run uses, so a shared Redis can be cleaned after the run. */
export function uniqueTestPrefix(suite: string): string {
  return `cache-test-${suite}-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every key starting with `prefix`. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    client.destroy();
  }
}

interface SuiteFunctions {
  describe: { (name: string, body: () => void): void; skip(name: string, body: () => void): void };
  it: (name: string, body: () => void) => void;
}

/**
 * Declares a suite that needs Redis. Without one it is skipped with a line on stderr giving
 * `reason`, which says how to get one, except under `CI=true`, where a missing Redis fails the
 * run instead.
 */
export function describeWithRedis(jest: SuiteFunctions, name: string, available: boolean, body: () => void, reason = NO_REDIS_FOUND): void {
  if (available) {
    jest.describe(name, body);
    return;
  }

  if (process.env.CI === 'true') {
    jest.describe(name, () => {
      jest.it('has a Redis server under CI', () => {
        throw new Error(`Redis-backed tests cannot run: ${reason}`);
      });
    });
    return;
  }

  process.stderr.write(`Skipping "${name}": ${reason}\n`);
  jest.describe.skip(name, body);
}
