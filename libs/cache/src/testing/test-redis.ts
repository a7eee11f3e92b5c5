import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createClient } from '@keyv/redis';
import { PrivateRedisServer } from './private-redis-server';

export const NO_REDIS_FOUND =
  "no Redis server found (REDIS_URL unset, redis-server not runnable, no reply to PING on 127.0.0.1:6379); install it with 'apt-get install redis-server', or set REDIS_URL";

/** The Redis a test suite uses, and whether it may stop it. */
export interface TestRedis {
  url: string;
  /** Present when the tests started the server themselves. */
  server: PrivateRedisServer | null;
  /** Deletes the keys under `prefix` from a shared server, or stops the private one, whose data goes with it. */
  release(prefix: string): Promise<void>;
}

/** Choice of Redis for the tests, made before the suites are declared. */
export type TestRedisChoice = { kind: 'configured' | 'shared'; url: string } | { kind: 'private' };

const SHARED_PORT = 6379;

/**
 * Chooses a Redis for tests: `REDIS_URL` when set, else a private `redis-server` when one is
 * installed, else 127.0.0.1:6379 when it replies to PING. Returns null when none is available.
 * It runs synchronously because Jest needs to know whether to skip while it collects the suites.
 */
export function chooseTestRedis(): TestRedisChoice | null {
  const configured = process.env.REDIS_URL;
  if (configured) return { kind: 'configured', url: configured };
  if (redisServerInstalled()) return { kind: 'private' };
  if (sharedRedisAnswers()) return { kind: 'shared', url: `redis://127.0.0.1:${SHARED_PORT}` };
  return null;
}

/** Opens the chosen Redis: starts the private server, or returns the URL of a shared one. */
export async function openTestRedis(choice: TestRedisChoice): Promise<TestRedis> {
  if (choice.kind !== 'private') {
    const url = choice.url;
    return { url, server: null, release: (prefix) => deleteKeys(url, prefix) };
  }

  const server = await PrivateRedisServer.start();
  if (!server) throw new Error('redis-server was found on PATH but could not be started');
  return { url: server.url, server, release: () => server.stop() };
}

/** Checks whether a `redis-server` executable is on PATH. */
export function redisServerInstalled(): boolean {
  const directories = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((directory) => directory !== '');
  return directories.some((directory) => {
    try {
      accessSync(join(directory, 'redis-server'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Probes 127.0.0.1:6379 from a child Node process, because Node has no synchronous socket API. */
function sharedRedisAnswers(): boolean {
  const probe = [
    `const socket = require('node:net').connect(${SHARED_PORT}, '127.0.0.1', () => socket.write('PING\\r\\n'));`,
    'socket.setTimeout(1000, () => process.exit(1));',
    "socket.on('error', () => process.exit(1));",
    "socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));",
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', probe], { timeout: 3_000, stdio: 'ignore' });
  return result.status === 0;
}

/** Returns a key prefix no other test run uses, so a shared Redis can be cleaned after the run. */
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
 * `reason`, which explains how to get one, except under `CI=true`, where a missing Redis fails the
 * run instead.
 */
export function describeWithRedis(
  jest: SuiteFunctions,
  name: string,
  available: boolean,
  body: () => void,
  reason = NO_REDIS_FOUND,
): void {
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
