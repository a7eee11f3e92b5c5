import { SingleFlight } from './single-flight';

/** Returns a call that waits until released and records the signal it got. */
function pendingCall(): {
  work: (signal: AbortSignal) => Promise<string>;
  release: () => void;
  signal: () => AbortSignal | undefined;
} {
  let release = (): void => undefined;
  let seen: AbortSignal | undefined;
  const work = (signal: AbortSignal) => {
    seen = signal;
    return new Promise<string>((resolve) => {
      release = () => resolve('done');
    });
  };
  return { work, release: () => release(), signal: () => seen };
}

describe('SingleFlight', () => {
  it('runs one call for concurrent callers', async () => {
    const flights = new SingleFlight<string>();
    const call = pendingCall();

    const first = flights.run('k', call.work);
    const second = flights.run('k', () => Promise.resolve('other'));
    call.release();

    expect(await first).toEqual({ value: 'done', shared: false });
    expect(await second).toEqual({ value: 'done', shared: true });
    expect(flights.size).toBe(0);
  });

  it('keeps the call while one caller still waits', async () => {
    const flights = new SingleFlight<string>();
    const call = pendingCall();
    const leaving = new AbortController();

    const first = flights.run('k', call.work, leaving.signal);
    const second = flights.run('k', call.work, new AbortController().signal);
    leaving.abort();

    expect(call.signal()?.aborted).toBe(false);
    call.release();
    expect((await second).value).toBe('done');
    expect((await first).value).toBe('done');
  });

  it('aborts the call once every caller left', async () => {
    const flights = new SingleFlight<string>();
    const call = pendingCall();
    const callers = [new AbortController(), new AbortController()];

    const results = callers.map((caller) => flights.run('k', call.work, caller.signal));
    callers[0].abort();
    expect(call.signal()?.aborted).toBe(false);
    callers[1].abort();

    expect(call.signal()?.aborted).toBe(true);
    call.release();
    await Promise.all(results);
  });

  it('never aborts a call that a caller without a signal waits for', async () => {
    const flights = new SingleFlight<string>();
    const call = pendingCall();
    const leaving = new AbortController();

    const first = flights.run('k', call.work, leaving.signal);
    const second = flights.run('k', call.work);
    leaving.abort();

    expect(call.signal()?.aborted).toBe(false);
    call.release();
    await Promise.all([first, second]);
  });
});
