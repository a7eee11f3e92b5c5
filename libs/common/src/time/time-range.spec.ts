import { InvalidParameterError } from '../errors/domain-error';
import { Granularity } from './granularity';
import { assertRangeFits } from './time-range';

function rangeOf(from: string, to: string): { fromMs: number; toMs: number } {
  return { fromMs: Date.parse(from), toMs: Date.parse(to) };
}

function errorOf(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assertRangeFits order of the ends', () => {
  it('from equal to to is rejected', () => {
    const error = errorOf(() =>
      assertRangeFits(rangeOf('2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z'), 'day'),
    );

    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).issues[0].parameter).toBe('to');
    expect((error as InvalidParameterError).message).toBe(
      'Invalid value for "to": must be later than "from"; the range is half-open [from, to)',
    );
  });

  it('from after to is rejected', () => {
    const error = errorOf(() =>
      assertRangeFits(rangeOf('2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z'), 'hour'),
    );

    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).issues[0].parameter).toBe('to');
  });

  it('one millisecond range is accepted', () => {
    expect(() =>
      assertRangeFits(rangeOf('2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.001Z'), 'hour'),
    ).not.toThrow();
  });
});

describe('assertRangeFits length limits', () => {
  const cases: Array<{
    granularity: Granularity;
    days: number;
    from: string;
    limit: string;
    over: string;
  }> = [
    {
      granularity: 'hour',
      days: 31,
      from: '2026-01-01T00:00:00Z',
      limit: '2026-02-01T02:00:00Z',
      over: '2026-02-01T02:00:00.001Z',
    },
    {
      granularity: 'day',
      days: 731,
      from: '2026-01-01T00:00:00Z',
      limit: '2028-01-02T02:00:00Z',
      over: '2028-01-02T02:00:00.001Z',
    },
    {
      granularity: 'week',
      days: 1100,
      from: '2026-01-01T00:00:00Z',
      limit: '2029-01-05T02:00:00Z',
      over: '2029-01-05T02:00:00.001Z',
    },
    {
      granularity: 'month',
      days: 1830,
      from: '2026-01-01T00:00:00Z',
      limit: '2031-01-05T02:00:00Z',
      over: '2031-01-05T02:00:00.001Z',
    },
  ];

  it.each(cases)(
    '$granularity accepts $days days plus the DST allowance',
    ({ granularity, from, limit }) => {
      expect(() => assertRangeFits(rangeOf(from, limit), granularity)).not.toThrow();
    },
  );

  it.each(cases)(
    '$granularity rejects 1 ms over the allowance',
    ({ granularity, days, from, over }) => {
      const error = errorOf(() => assertRangeFits(rangeOf(from, over), granularity));

      expect(error).toBeInstanceOf(InvalidParameterError);
      expect((error as InvalidParameterError).code).toBe('invalid_parameter');
      expect((error as InvalidParameterError).issues[0].parameter).toBe('to');
      expect((error as InvalidParameterError).message).toBe(
        `Invalid value for "to": the range exceeds the limit of ${days} days for granularity "${granularity}"; ` +
          'shorten the range or choose a coarser granularity',
      );
    },
  );

  it('accepts a local October in Amsterdam at hour granularity', () => {
    expect(() =>
      assertRangeFits(rangeOf('2026-10-01T00:00:00+02:00', '2026-11-01T00:00:00+01:00'), 'hour'),
    ).not.toThrow();
  });

  it('day range is too long for hours', () => {
    const range = rangeOf('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z');

    expect(() => assertRangeFits(range, 'hour')).toThrow(InvalidParameterError);
    expect(() => assertRangeFits(range, 'day')).not.toThrow();
  });
});

describe('assertRangeFits missing ends', () => {
  it('NaN from is rejected on from', () => {
    const error = errorOf(() =>
      assertRangeFits({ fromMs: Number.NaN, toMs: Date.parse('2026-03-01T00:00:00Z') }, 'day'),
    );

    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).issues[0].parameter).toBe('from');
  });

  it('NaN to is rejected on to', () => {
    const error = errorOf(() =>
      assertRangeFits({ fromMs: Date.parse('2026-03-01T00:00:00Z'), toMs: Number.NaN }, 'day'),
    );

    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).issues[0].parameter).toBe('to');
  });
});
