/** The result of `SingleFlight.run`, with whether the caller joined a call another caller had started. */
export interface FlightResult<T> {
  value: T;
  shared: boolean;
}

/**
 * Runs at most one call per key at a time within this process: callers that arrive while a call
 * for their key is in flight wait for it and get the same result or the same error. Across
 * instances nothing is shared, so each instance may still run one call for the same key.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  async run(key: string, work: () => Promise<T>): Promise<FlightResult<T>> {
    const running = this.inFlight.get(key);
    if (running) return { value: await running, shared: true };

    const started = this.start(key, work);
    this.inFlight.set(key, started);
    return { value: await started, shared: false };
  }

  /** Number of keys with a call in flight. */
  get size(): number {
    return this.inFlight.size;
  }

  private async start(key: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.inFlight.delete(key);
    }
  }
}
