/** The result of `SingleFlight.run`, with whether the caller joined a call another caller had started. */
export interface FlightResult<T> {
  value: T;
  shared: boolean;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Callers still waiting that could cancel; Infinity once a caller without a signal joined. */
  waiting: number;
  detach: (() => void)[];
}

/**
 * Runs at most one call per key at a time within this process: callers that arrive while a call
 * for their key is in flight wait for it and get the same result or the same error. Across
 * instances nothing is shared, so each instance may still run one call for the same key.
 *
 * The call gets a signal that aborts only when every waiting caller has aborted its own. So one
 * client leaving does not fail the others, and a call that no caller waits for any more is stopped.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Flight<T>>();

  async run(
    key: string,
    work: (signal: AbortSignal) => Promise<T>,
    callerSignal?: AbortSignal,
  ): Promise<FlightResult<T>> {
    const running = this.inFlight.get(key);
    if (running) {
      this.join(running, callerSignal);
      return { value: await running.promise, shared: true };
    }

    const flight: Flight<T> = {
      promise: undefined as unknown as Promise<T>,
      controller: new AbortController(),
      waiting: 0,
      detach: [],
    };
    this.join(flight, callerSignal);
    flight.promise = this.start(key, flight, work);
    this.inFlight.set(key, flight);
    return { value: await flight.promise, shared: false };
  }

  /** Number of keys with a call in flight. */
  get size(): number {
    return this.inFlight.size;
  }

  private join(flight: Flight<T>, signal: AbortSignal | undefined): void {
    if (!signal) {
      flight.waiting = Infinity;
      return;
    }

    flight.waiting += 1;
    const leave = (): void => {
      flight.waiting -= 1;
      if (flight.waiting === 0) {
        flight.controller.abort();
      }
    };
    if (signal.aborted) {
      leave();
      return;
    }
    signal.addEventListener('abort', leave, { once: true });
    flight.detach.push(() => signal.removeEventListener('abort', leave));
  }

  private async start(
    key: string,
    flight: Flight<T>,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    try {
      return await work(flight.controller.signal);
    } finally {
      this.inFlight.delete(key);
      for (const detach of flight.detach) {
        detach();
      }
    }
  }
}
