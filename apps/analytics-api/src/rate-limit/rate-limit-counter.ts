/** The state of one caller's window after counting a request. */
export interface WindowCount {
  hits: number;
  /** Seconds until the window resets, at least 1. */
  resetSeconds: number;
}

/** Counts requests per key in fixed windows. */
export abstract class RateLimitCounter {
  abstract increment(key: string, windowMs: number): Promise<WindowCount>;

  async close(): Promise<void> {}
}
