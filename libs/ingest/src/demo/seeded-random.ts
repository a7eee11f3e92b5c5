/**
 * A seeded pseudo-random number generator, xoshiro128** (Blackman and Vigna, 2018) with its state
 * filled by splitmix32. The same seed gives the same uniform sequence on every platform, because the
 * arithmetic is 32-bit integer only, which is what makes the demo data reproducible.
 * NOTE: the normal and log-normal draws go through Math.log, Math.exp and Math.cos, which V8
 * computes with its own fdlibm port, so they can differ only between engine versions.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Starts a generator for one purpose (`stream`) of one seed, independent of the other streams. */
  constructor(seed: number, stream = 0) {
    let state = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(stream | 0, 0x85ebca6b)) >>> 0;
    const nextSplitMix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };

    this.a = nextSplitMix();
    this.b = nextSplitMix();
    this.c = nextSplitMix();
    this.d = nextSplitMix();
  }

  /** Returns a uniform number in [0, 1). */
  next(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;

    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotateLeft(this.d, 11);

    return (result >>> 0) / 4294967296;
  }

  /** Returns a uniform whole number in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Returns true with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** Returns a standard normal draw (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Returns a log-normal draw: `median` times e to the power of a normal draw with deviation `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Returns a whole number in [min, max] whose logarithm is uniform, so small values are common. */
  logUniformInteger(min: number, max: number): number {
    const value = Math.floor(min * Math.pow((max + 1) / min, this.next()));
    return Math.min(value, max);
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/**
 * A categorical distribution over fixed items, sampled by binary search on the cumulative weights.
 * Items with weight zero are never drawn.
 */
export class WeightedChoice<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError(
        `A weighted choice needs one weight per item, got ${items.length} items and ${weights.length} weights`,
      );
    }

    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => {
      if (!(weight >= 0) || !Number.isFinite(weight)) {
        throw new RangeError(
          `Weight ${index} must be a finite number of at least 0, got ${weight}`,
        );
      }
      sum += weight;
      this.cumulative[index] = sum;
    });
    if (sum <= 0) {
      throw new RangeError('A weighted choice needs at least one positive weight');
    }
    this.total = sum;
  }

  /** Builds a choice from `[item, weight]` pairs. */
  static of<T>(pairs: readonly (readonly [T, number])[]): WeightedChoice<T> {
    return new WeightedChoice(
      pairs.map(([item]) => item),
      pairs.map(([, weight]) => weight),
    );
  }

  draw(random: SeededRandom): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return this.items[low];
  }
}
