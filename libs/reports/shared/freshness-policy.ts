/**
 * How long a report stays valid. Events arrive up to `ingestionDelayMs` after they happen, so a
 * window that ended before `now − delay` cannot change any more and keeps for `settledTtlMs`;
 * a window that reaches into recent time may still grow and keeps for `recentTtlMs` only.
 */
export class FreshnessPolicy {
  constructor(
    readonly ingestionDelayMs: number,
    readonly recentTtlMs: number,
    readonly settledTtlMs: number,
  ) {}

  ttlMs(window: { toMs: number }, nowMs: number): number {
    return window.toMs <= nowMs - this.ingestionDelayMs ? this.settledTtlMs : this.recentTtlMs;
  }
}
