import { localDayBoundaries, periodContaining, previousPeriod } from './billing-period';

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const at = (text: string) => Date.parse(text);

describe('periodContaining', () => {
  it('is the UTC calendar month by default', () => {
    const period = periodContaining(at('2026-03-15T10:00:00Z'), { timeZone: 'UTC', anchorDay: 1 });

    expect([iso(period.startMs), iso(period.endMs)]).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ]);
  });

  it('starts at local midnight east of UTC', () => {
    const tokyo = { timeZone: 'Asia/Tokyo', anchorDay: 1 };

    expect(iso(periodContaining(at('2026-02-28T15:00:00Z'), tokyo).startMs)).toBe(
      '2026-02-28T15:00:00.000Z',
    );
    expect(iso(periodContaining(at('2026-02-28T14:59:59.999Z'), tokyo).startMs)).toBe(
      '2026-01-31T15:00:00.000Z',
    );
  });

  it('starts at local midnight west of UTC across DST', () => {
    const newYork = { timeZone: 'America/New_York', anchorDay: 1 };
    const march = periodContaining(at('2026-03-01T05:00:00Z'), newYork);

    expect([iso(march.startMs), iso(march.endMs)]).toEqual([
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ]);
    expect(iso(periodContaining(at('2026-03-01T04:59:59.999Z'), newYork).startMs)).toBe(
      '2026-02-01T05:00:00.000Z',
    );
  });

  it('puts a read at the boundary in the new period', () => {
    const period = periodContaining(at('2026-04-01T04:00:00Z'), {
      timeZone: 'America/New_York',
      anchorDay: 1,
    });

    expect(iso(period.startMs)).toBe('2026-04-01T04:00:00.000Z');
  });

  it('follows an anniversary day', () => {
    const period = periodContaining(at('2026-03-10T00:00:00Z'), { timeZone: 'UTC', anchorDay: 15 });

    expect([iso(period.startMs), iso(period.endMs)]).toEqual([
      '2026-02-15T00:00:00.000Z',
      '2026-03-15T00:00:00.000Z',
    ]);
  });

  it('moves an anchor day past the month end to the last day', () => {
    const billing = { timeZone: 'UTC', anchorDay: 31 };
    const february = periodContaining(at('2026-03-10T00:00:00Z'), billing);

    expect([iso(february.startMs), iso(february.endMs)]).toEqual([
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
    expect(iso(previousPeriod(february, billing).startMs)).toBe('2026-01-31T00:00:00.000Z');
  });
});

describe('localDayBoundaries', () => {
  it('gives a 23-hour day at the spring change', () => {
    const boundaries = localDayBoundaries(
      at('2026-03-29T00:00:00+01:00'),
      at('2026-03-30T00:00:00+02:00') - 1,
      'Europe/Amsterdam',
    );

    expect(boundaries.map(iso)).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });
});
