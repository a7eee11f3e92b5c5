import { retryAfterMsOf } from './kusto-errors';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('retryAfterMsOf', () => {
  it('reads delay seconds', () => {
    expect(retryAfterMsOf('7', NOW)).toBe(7000);
    expect(retryAfterMsOf(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time until it', () => {
    expect(retryAfterMsOf('Sun, 01 Mar 2026 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('ignores values it cannot trust', () => {
    for (const value of ['-1', '1.5', 'soon', '', 'Sun, 01 Mar 2026 11:59:00 GMT', '86401']) {
      expect(retryAfterMsOf(value, NOW)).toBeUndefined();
    }
    expect(retryAfterMsOf(undefined, NOW)).toBeUndefined();
    expect(retryAfterMsOf(['5'], NOW)).toBeUndefined();
  });
});
