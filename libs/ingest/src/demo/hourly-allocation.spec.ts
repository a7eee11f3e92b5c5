import { allocateCounts } from './hourly-allocation';

describe('allocateCounts', () => {
  it('splits the total exactly', () => {
    const counts = allocateCounts(new Float64Array([0.3, 1.7, 2.2, 0, 5.1]), 1001);

    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1001);
  });

  it('follows the weights to within one', () => {
    const weights = new Float64Array([1, 2, 3, 4]);
    const counts = allocateCounts(weights, 1000);

    expect([...counts]).toEqual([100, 200, 300, 400]);
  });

  it('gives nothing to cells of weight zero', () => {
    const counts = allocateCounts(new Float64Array([0, 1, 0, 1, 0]), 7);

    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[4]).toBe(0);
    expect(counts[1] + counts[3]).toBe(7);
  });

  it('returns zeros for a total of zero', () => {
    expect([...allocateCounts(new Float64Array([1, 2]), 0)]).toEqual([0, 0]);
  });
});
