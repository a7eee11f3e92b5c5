import { shareOf } from './parameters.types';

describe('shareOf', () => {
  it('rounds to 6 decimals', () => {
    expect(shareOf(1, 3)).toBe(0.333333);
    expect(shareOf(2, 3)).toBe(0.666667);
    expect(shareOf(11, 13)).toBe(0.846154);
  });

  it('returns exact fractions unchanged', () => {
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(5, 5)).toBe(1);
  });

  it('returns 0 for a total of 0', () => {
    expect(shareOf(0, 0)).toBe(0);
  });
});
