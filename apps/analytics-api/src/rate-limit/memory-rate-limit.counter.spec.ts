import { MemoryRateLimitCounter } from './memory-rate-limit.counter';

describe('MemoryRateLimitCounter', () => {
  it('counts hits within a window and resets after it', async () => {
    let nowMs = 1_000_000;
    const counter = new MemoryRateLimitCounter(() => nowMs);

    expect(await counter.increment('tenant:user', 60_000)).toEqual({ hits: 1, resetSeconds: 60 });
    nowMs += 30_500;
    expect(await counter.increment('tenant:user', 60_000)).toEqual({ hits: 2, resetSeconds: 30 });
    nowMs += 29_500;
    expect(await counter.increment('tenant:user', 60_000)).toEqual({ hits: 1, resetSeconds: 60 });
  });

  it('keeps keys apart', async () => {
    const counter = new MemoryRateLimitCounter(() => 0);
    await counter.increment('a', 1_000);

    expect((await counter.increment('b', 1_000)).hits).toBe(1);
  });
});
