import { Clock } from '@analytics/common';
import { CacheLogger, IntervalLog } from './interval-log';

export type CacheBackend = 'redis' | 'memory';

/** State of the cache store as last observed. */
export interface CacheHealth {
  status: 'up' | 'degraded';
  backend: CacheBackend;
  /** Since when operations have been failing, in epoch milliseconds; null while up. */
  degradedSinceMs: number | null;
  /** Message of the latest failure while degraded; null while up. */
  lastError: string | null;
}

/**
 * Tracks whether the cache store works, and logs its failures through an `IntervalLog`. The
 * first failure is logged at once. Later ones within `logIntervalMs` are counted and reported
 * with the next line, so an outage under load writes a few lines, not one per request. Any
 * success marks the store up again and logs the recovery once. The interval runs on across a
 * recovery, so a flapping store still logs at most one failure line per interval.
 */
export class StoreHealth {
  private degradedSinceMs: number | null = null;
  private lastError: string | null = null;
  private failuresWhileDegraded = 0;
  private readonly failureLog: IntervalLog;

  constructor(
    readonly backend: CacheBackend,
    logger: CacheLogger,
    private readonly clock: Clock,
    logIntervalMs: number,
  ) {
    this.failureLog = new IntervalLog(logger, clock, logIntervalMs);
  }

  recordFailure(operation: string, error: unknown): void {
    const nowMs = this.clock.nowMs();
    const message = error instanceof Error ? error.message : String(error);

    this.degradedSinceMs ??= nowMs;
    this.lastError = `${operation}: ${message}`;
    this.failuresWhileDegraded += 1;
    this.failureLog.warn(
      `Cache store (${this.backend}) failed on ${operation}: ${message}; requests go to the repository until it recovers`,
    );
  }

  recordSuccess(): void {
    if (this.degradedSinceMs === null) return;

    const downForMs = this.clock.nowMs() - this.degradedSinceMs;
    this.failureLog.log(
      `Cache store (${this.backend}) recovered after ${downForMs} ms and ${this.failuresWhileDegraded} failures`,
    );
    this.degradedSinceMs = null;
    this.lastError = null;
    this.failuresWhileDegraded = 0;
  }

  health(): CacheHealth {
    return {
      status: this.degradedSinceMs === null ? 'up' : 'degraded',
      backend: this.backend,
      degradedSinceMs: this.degradedSinceMs,
      lastError: this.lastError,
    };
  }
}
