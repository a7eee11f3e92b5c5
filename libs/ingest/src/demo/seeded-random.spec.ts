import { SeededRandom, WeightedChoice } from './seeded-random';

function draws(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('SeededRandom', () => {
  it('repeats the sequence of a seed', () => {
    expect(draws(new SeededRandom(42), 1000)).toEqual(draws(new SeededRandom(42), 1000));
  });

  it('separates seeds and streams', () => {
    const base = draws(new SeededRandom(42), 10);

    expect(draws(new SeededRandom(43), 10)).not.toEqual(base);
    expect(draws(new SeededRandom(42, 1), 10)).not.toEqual(base);
  });

  it('draws uniform numbers in [0, 1)', () => {
    const values = draws(new SeededRandom(1), 100_000);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;

    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('keeps log-uniform integers within bounds', () => {
    const random = new SeededRandom(5);
    const values = Array.from({ length: 20_000 }, () => random.logUniformInteger(2, 100));

    expect(Math.min(...values)).toBe(2);
    expect(Math.max(...values)).toBe(100);
    expect(values.filter((value) => value < 10).length).toBeGreaterThan(
      values.filter((value) => value > 50).length,
    );
  });

  it('centres log-normal draws on the median', () => {
    const random = new SeededRandom(9);
    const values = Array.from({ length: 20_001 }, () => random.logNormal(180, 0.6)).sort(
      (left, right) => left - right,
    );

    expect(values[10_000]).toBeGreaterThan(180 * 0.97);
    expect(values[10_000]).toBeLessThan(180 * 1.03);
  });
});

describe('WeightedChoice', () => {
  it('never draws an item of weight zero', () => {
    const choice = new WeightedChoice(['a', 'b', 'c'], [0, 3, 1]);
    const random = new SeededRandom(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let index = 0; index < 40_000; index += 1) {
      counts[choice.draw(random) as 'a' | 'b' | 'c'] += 1;
    }

    expect(counts.a).toBe(0);
    expect(counts.b / counts.c).toBeGreaterThan(2.8);
    expect(counts.b / counts.c).toBeLessThan(3.2);
  });

  it('rejects weights that do not match the items', () => {
    expect(() => new WeightedChoice(['a'], [1, 2])).toThrow('one weight per item');
    expect(() => new WeightedChoice(['a', 'b'], [0, 0])).toThrow('at least one positive weight');
    expect(() => new WeightedChoice(['a'], [Number.NaN])).toThrow(
      'Weight 0 must be a finite number',
    );
  });
});
