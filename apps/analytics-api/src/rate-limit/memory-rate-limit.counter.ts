import { RateLimitCounter, WindowCount } from './rate-limit-counter';

const SWEEP_INTERVAL_MS = 60_000;

/** Fixed-window counters in this process; expired windows are swept once a minute. */
export class MemoryRateLimitCounter extends RateLimitCounter {
  private readonly windows = new Map<string, { hits: number; resetAtMs: number }>();
  private lastSweepMs = Date.now();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const nowMs = this.now();
    this.sweep(nowMs);

    let window = this.windows.get(key);
    if (!window || window.resetAtMs <= nowMs) {
      window = { hits: 0, resetAtMs: nowMs + windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;

    return {
      hits: window.hits,
      resetSeconds: Math.max(1, Math.ceil((window.resetAtMs - nowMs) / 1000)),
    };
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < SWEEP_INTERVAL_MS) {
      return;
    }
    this.lastSweepMs = nowMs;
    for (const [key, window] of this.windows) {
      if (window.resetAtMs <= nowMs) {
        this.windows.delete(key);
      }
    }
  }
}
