import { rateOf, withRates } from './error-rates';

describe('rateOf', () => {
  it.each([
    [1, 3, 0.333333],
    [2, 3, 0.666667],
    [1, 8, 0.125],
    [3, 13, 0.230769],
    [1, 2_000_000, 0.000001],
    [1, 2_000_001, 0],
    [5, 5, 1],
    [0, 7, 0],
  ])('rounds %i / %i to %d', (part, calls, expected) => {
    expect(rateOf(part, calls)).toBe(expected);
  });

  it('returns 0 without calls', () => {
    expect(rateOf(0, 0)).toBe(0);
  });
});

describe('withRates', () => {
  it('adds client and server error rates', () => {
    const figures = withRates({
      calls: 40,
      status2xx: 30,
      status3xx: 2,
      status4xx: 6,
      status5xx: 2,
    });

    expect(figures).toEqual({
      calls: 40,
      status2xx: 30,
      status3xx: 2,
      status4xx: 6,
      status5xx: 2,
      clientErrorRate: 0.15,
      serverErrorRate: 0.05,
    });
  });

  it('gives rates 0 to an empty bucket', () => {
    const figures = withRates({ calls: 0, status2xx: 0, status3xx: 0, status4xx: 0, status5xx: 0 });

    expect(figures.clientErrorRate).toBe(0);
    expect(figures.serverErrorRate).toBe(0);
  });
});
