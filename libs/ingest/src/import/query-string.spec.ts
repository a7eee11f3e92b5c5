import {
  MAX_PARAM_VALUE_LENGTH,
  MAX_PARAMS,
  limitParams,
  parseQueryString,
  splitRequestTarget,
} from './query-string';

describe('parseQueryString', () => {
  it('decodes plus and percent escapes', () => {
    expect(parseQueryString('address=delhi+technological+university&q=caf%C3%A9%26bar')).toEqual({
      address: 'delhi technological university',
      q: 'café&bar',
    });
  });

  it('skips empty pairs and keeps the first of a repeated name', () => {
    expect(parseQueryString('survey=130&ajax=1&&ajax=2&refresh=1')).toEqual({
      survey: '130',
      ajax: '1',
      refresh: '1',
    });
  });

  it('turns a bare token into a name with an empty value', () => {
    expect(parseQueryString('1550939643')).toEqual({ '1550939643': '' });
  });

  it('keeps a malformed percent escape as logged', () => {
    expect(parseQueryString('q=100%zz')).toEqual({ q: '100%zz' });
  });

  it('drops pairs without a name', () => {
    expect(parseQueryString('=orphan&a=1')).toEqual({ a: '1' });
  });

  it('truncates long values', () => {
    const params = parseQueryString(`long=${'x'.repeat(300)}`);

    expect(params.long).toHaveLength(MAX_PARAM_VALUE_LENGTH);
  });

  it('keeps the first 50 parameters', () => {
    const query = Array.from({ length: 60 }, (_, index) => `p${index}=${index}`).join('&');

    const params = parseQueryString(query);

    expect(Object.keys(params)).toHaveLength(MAX_PARAMS);
    expect(params.p49).toBe('49');
    expect(params.p50).toBeUndefined();
  });

  it('stores a parameter named __proto__ as a parameter', () => {
    const params = parseQueryString('__proto__=x');

    expect(Object.keys(params)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });
});

describe('limitParams', () => {
  it('applies the query string limits', () => {
    expect(
      limitParams([
        ['a', 'y'.repeat(257)],
        ['a', 'second'],
        ['', 'no name'],
      ]),
    ).toEqual({ a: 'y'.repeat(256) });
  });
});

describe('splitRequestTarget', () => {
  it('splits path and query', () => {
    expect(splitRequestTarget('/portal/?Script=934')).toEqual({
      path: '/portal/',
      query: 'Script=934',
    });
  });

  it('keeps a path without a query as is', () => {
    expect(splitRequestTarget('/A%20Beka/15%20reading.mp4')).toEqual({
      path: '/A%20Beka/15%20reading.mp4',
      query: '',
    });
  });

  it('reduces an absolute-form target to its path', () => {
    expect(splitRequestTarget('http://example.com/v2/some?x=1')).toEqual({
      path: '/v2/some',
      query: 'x=1',
    });
    expect(splitRequestTarget('https://example.com')).toEqual({ path: '/', query: '' });
  });
});
