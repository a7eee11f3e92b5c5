import { Clock } from '@analytics/common';

/** The part of Nest's `LoggerService` the cache writes to. */
export interface CacheLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Writes a warning at most once per `intervalMs`. The first one goes out at once. Later ones
 * within the interval are counted, and the count is added to the next line that goes out.
 */
export class IntervalLog {
  private lastWrittenAtMs = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly logger: CacheLogger,
    private readonly clock: Clock,
    readonly intervalMs: number,
  ) {}

  warn(message: string): void {
    const nowMs = this.clock.nowMs();
    if (nowMs - this.lastWrittenAtMs < this.intervalMs) {
      this.suppressed += 1;
      return;
    }

    const suppressedNote =
      this.suppressed > 0
        ? ` (${this.suppressed} similar warnings in the last ${Math.round((nowMs - this.lastWrittenAtMs) / 1000)} s were not logged)`
        : '';
    this.logger.warn(`${message}${suppressedNote}`);
    this.lastWrittenAtMs = nowMs;
    this.suppressed = 0;
  }

  /** Writes an informational line at once. */
  log(message: string): void {
    this.logger.log(message);
  }
}
