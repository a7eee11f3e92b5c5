import { InvalidParameterError } from '@analytics/common';
import {
  parsePercentileList,
  percentileFractionText,
  percentileKey,
  resolvePercentiles,
} from './percentile-list';

describe('parsePercentileList', () => {
  it('sorts distinct values ascending', () => {
    expect(parsePercentileList(['99.9', '50', '0.5'])).toEqual([0.5, 50, 99.9]);
  });

  it('treats 99 and 99.0 as one percentile', () => {
    expect(parsePercentileList(['99', '99.0'])).toBeUndefined();
  });

  it('accepts ten values', () => {
    expect(
      parsePercentileList(['10', '20', '30', '40', '50', '60', '70', '80', '90', '99']),
    ).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 99]);
  });

  it('rejects eleven values', () => {
    expect(
      parsePercentileList(['1', '10', '20', '30', '40', '50', '60', '70', '80', '90', '99']),
    ).toBeUndefined();
  });

  it('rejects an empty list', () => {
    expect(parsePercentileList([])).toBeUndefined();
  });

  it.each([
    '0',
    '0.0',
    '100',
    '100.0',
    '99.99',
    '-1',
    'abc',
    '',
    '5e1',
    '050',
    '.5',
    '50.',
    ' 50',
    '1e1',
  ])('rejects %j', (text) => {
    expect(parsePercentileList([text])).toBeUndefined();
  });

  it.each([
    ['0.1', 0.1],
    ['1', 1],
    ['50.0', 50],
    ['99.9', 99.9],
  ])('accepts %j as %d', (text, percentile) => {
    expect(parsePercentileList([text])).toEqual([percentile]);
  });
});

describe('resolvePercentiles', () => {
  it('defaults to p50, p90, p95, p98, p99', () => {
    expect(resolvePercentiles(undefined)).toEqual([50, 90, 95, 98, 99]);
  });

  it('raises InvalidParameterError naming percentiles', () => {
    expect(() => resolvePercentiles(['100'])).toThrow(InvalidParameterError);

    try {
      resolvePercentiles(['100']);
    } catch (error) {
      expect((error as InvalidParameterError).issues[0].parameter).toBe('percentiles');
    }
  });
});

describe('percentileKey', () => {
  it.each([
    [50, 'p50'],
    [99.9, 'p99.9'],
    [0.5, 'p0.5'],
  ])('names %d %s', (percentile, key) => {
    expect(percentileKey(percentile)).toBe(key);
  });
});

describe('percentileFractionText', () => {
  it.each([
    [50, '0.500'],
    [99.9, '0.999'],
    [0.1, '0.001'],
    [1, '0.010'],
  ])('writes %d as %s', (percentile, text) => {
    expect(percentileFractionText(percentile)).toBe(text);
  });

  it.each([0, 100, 99.99, -1, Number.NaN])('throws on %d', (percentile) => {
    expect(() => percentileFractionText(percentile)).toThrow(RangeError);
  });
});
