import { Bucket, computeBuckets } from './buckets';
import { Granularity } from './granularity';
import { formatInstant } from './instant';

const AMSTERDAM = 'Europe/Amsterdam';
const NEW_YORK = 'America/New_York';
const HOUR_MS = 3_600_000;

/** A "now" after every range below, so only `from` and `to` make buckets partial. */
const LONG_AFTER = '2200-01-01T00:00:00Z';

interface BucketView {
  start: string;
  end: string;
  partial: boolean;
}

function bucketsOf(
  from: string,
  to: string,
  granularity: Granularity,
  timeZone: string,
  now = LONG_AFTER,
): Bucket[] {
  return computeBuckets({
    fromMs: Date.parse(from),
    toMs: Date.parse(to),
    granularity,
    timeZone,
    nowMs: Date.parse(now),
  });
}

/** Formats an instant as UTC RFC 3339 without milliseconds, so failures show readable instants. */
function utc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

function viewOf(buckets: Bucket[]): BucketView[] {
  return buckets.map((bucket) => ({
    start: utc(bucket.startMs),
    end: utc(bucket.endMs),
    partial: bucket.partial,
  }));
}

function hoursOf(buckets: Bucket[]): number[] {
  return buckets.map((bucket) => (bucket.endMs - bucket.startMs) / HOUR_MS);
}

function localStartsOf(buckets: Bucket[], timeZone: string): string[] {
  return buckets.map((bucket) => formatInstant(bucket.startMs, timeZone));
}

describe('computeBuckets in Europe/Amsterdam', () => {
  it('day of spring-forward lasts 23 hours', () => {
    const buckets = bucketsOf(
      '2026-03-29T00:00:00+01:00',
      '2026-03-30T00:00:00+02:00',
      'day',
      AMSTERDAM,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-03-28T23:00:00Z', end: '2026-03-29T22:00:00Z', partial: false },
    ]);
    expect(hoursOf(buckets)).toEqual([23]);
  });

  it('days around spring-forward last 24, 23, 24 hours', () => {
    const buckets = bucketsOf(
      '2026-03-28T00:00:00+01:00',
      '2026-03-31T00:00:00+02:00',
      'day',
      AMSTERDAM,
    );

    expect(viewOf(buckets).map((bucket) => bucket.start)).toEqual([
      '2026-03-27T23:00:00Z',
      '2026-03-28T23:00:00Z',
      '2026-03-29T22:00:00Z',
    ]);
    expect(hoursOf(buckets)).toEqual([24, 23, 24]);
  });

  it('hours of spring-forward day skip 02:00', () => {
    const buckets = bucketsOf(
      '2026-03-29T00:00:00+01:00',
      '2026-03-30T00:00:00+02:00',
      'hour',
      AMSTERDAM,
    );

    expect(buckets).toHaveLength(23);
    expect(localStartsOf(buckets, AMSTERDAM)).toEqual([
      '2026-03-29T00:00:00+01:00',
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T04:00:00+02:00',
      '2026-03-29T05:00:00+02:00',
      '2026-03-29T06:00:00+02:00',
      '2026-03-29T07:00:00+02:00',
      '2026-03-29T08:00:00+02:00',
      '2026-03-29T09:00:00+02:00',
      '2026-03-29T10:00:00+02:00',
      '2026-03-29T11:00:00+02:00',
      '2026-03-29T12:00:00+02:00',
      '2026-03-29T13:00:00+02:00',
      '2026-03-29T14:00:00+02:00',
      '2026-03-29T15:00:00+02:00',
      '2026-03-29T16:00:00+02:00',
      '2026-03-29T17:00:00+02:00',
      '2026-03-29T18:00:00+02:00',
      '2026-03-29T19:00:00+02:00',
      '2026-03-29T20:00:00+02:00',
      '2026-03-29T21:00:00+02:00',
      '2026-03-29T22:00:00+02:00',
      '2026-03-29T23:00:00+02:00',
    ]);
    expect(utc(buckets[2].startMs)).toBe('2026-03-29T01:00:00Z');
    expect(utc(buckets[22].endMs)).toBe('2026-03-29T22:00:00Z');
    expect(hoursOf(buckets).every((hours) => hours === 1)).toBe(true);
  });

  it('day of fall-back lasts 25 hours', () => {
    const buckets = bucketsOf(
      '2026-10-25T00:00:00+02:00',
      '2026-10-26T00:00:00+01:00',
      'day',
      AMSTERDAM,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-10-24T22:00:00Z', end: '2026-10-25T23:00:00Z', partial: false },
    ]);
    expect(hoursOf(buckets)).toEqual([25]);
  });

  it('hours of fall-back day repeat 02:00', () => {
    const buckets = bucketsOf(
      '2026-10-25T00:00:00+02:00',
      '2026-10-26T00:00:00+01:00',
      'hour',
      AMSTERDAM,
    );

    expect(buckets).toHaveLength(25);
    expect(localStartsOf(buckets, AMSTERDAM)).toEqual([
      '2026-10-25T00:00:00+02:00',
      '2026-10-25T01:00:00+02:00',
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T03:00:00+01:00',
      '2026-10-25T04:00:00+01:00',
      '2026-10-25T05:00:00+01:00',
      '2026-10-25T06:00:00+01:00',
      '2026-10-25T07:00:00+01:00',
      '2026-10-25T08:00:00+01:00',
      '2026-10-25T09:00:00+01:00',
      '2026-10-25T10:00:00+01:00',
      '2026-10-25T11:00:00+01:00',
      '2026-10-25T12:00:00+01:00',
      '2026-10-25T13:00:00+01:00',
      '2026-10-25T14:00:00+01:00',
      '2026-10-25T15:00:00+01:00',
      '2026-10-25T16:00:00+01:00',
      '2026-10-25T17:00:00+01:00',
      '2026-10-25T18:00:00+01:00',
      '2026-10-25T19:00:00+01:00',
      '2026-10-25T20:00:00+01:00',
      '2026-10-25T21:00:00+01:00',
      '2026-10-25T22:00:00+01:00',
      '2026-10-25T23:00:00+01:00',
    ]);
    expect(utc(buckets[2].startMs)).toBe('2026-10-25T00:00:00Z');
    expect(utc(buckets[3].startMs)).toBe('2026-10-25T01:00:00Z');
    expect(hoursOf(buckets).every((hours) => hours === 1)).toBe(true);
  });

  it('hour floor keeps the first 02:00', () => {
    const buckets = bucketsOf(
      '2026-10-25T02:30:00+02:00',
      '2026-10-25T02:45:00+02:00',
      'hour',
      AMSTERDAM,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-10-25T00:00:00Z', end: '2026-10-25T01:00:00Z', partial: true },
    ]);
  });

  it('hour floor keeps the repeated 02:00', () => {
    const buckets = bucketsOf(
      '2026-10-25T02:30:00+01:00',
      '2026-10-25T03:30:00+01:00',
      'hour',
      AMSTERDAM,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-10-25T01:00:00Z', end: '2026-10-25T02:00:00Z', partial: true },
      { start: '2026-10-25T02:00:00Z', end: '2026-10-25T03:00:00Z', partial: true },
    ]);
    expect(localStartsOf(buckets, AMSTERDAM)).toEqual([
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T03:00:00+01:00',
    ]);
  });

  it('week across spring-forward lasts 167 hours', () => {
    const buckets = bucketsOf(
      '2026-03-23T00:00:00+01:00',
      '2026-03-30T00:00:00+02:00',
      'week',
      AMSTERDAM,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-03-22T23:00:00Z', end: '2026-03-29T22:00:00Z', partial: false },
    ]);
    expect(hoursOf(buckets)).toEqual([167]);
  });

  it('month across spring-forward lasts 743 hours', () => {
    const buckets = bucketsOf(
      '2026-03-01T00:00:00+01:00',
      '2026-04-01T00:00:00+02:00',
      'month',
      AMSTERDAM,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-02-28T23:00:00Z', end: '2026-03-31T22:00:00Z', partial: false },
    ]);
    expect(hoursOf(buckets)).toEqual([743]);
  });
});

describe('computeBuckets in America/New_York', () => {
  it('day of spring-forward lasts 23 hours', () => {
    const buckets = bucketsOf(
      '2026-03-08T00:00:00-05:00',
      '2026-03-09T00:00:00-04:00',
      'day',
      NEW_YORK,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-03-08T05:00:00Z', end: '2026-03-09T04:00:00Z', partial: false },
    ]);
  });

  it('hours of spring-forward day skip 02:00', () => {
    const buckets = bucketsOf(
      '2026-03-08T00:00:00-05:00',
      '2026-03-09T00:00:00-04:00',
      'hour',
      NEW_YORK,
    );

    expect(buckets).toHaveLength(23);
    expect(localStartsOf(buckets.slice(0, 4), NEW_YORK)).toEqual([
      '2026-03-08T00:00:00-05:00',
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T04:00:00-04:00',
    ]);
    expect(utc(buckets[2].startMs)).toBe('2026-03-08T07:00:00Z');
  });

  it('day of fall-back lasts 25 hours', () => {
    const buckets = bucketsOf(
      '2026-11-01T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
      'day',
      NEW_YORK,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-11-01T04:00:00Z', end: '2026-11-02T05:00:00Z', partial: false },
    ]);
  });

  it('hours of fall-back day repeat 01:00', () => {
    const buckets = bucketsOf(
      '2026-11-01T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
      'hour',
      NEW_YORK,
    );

    expect(buckets).toHaveLength(25);
    expect(localStartsOf(buckets.slice(0, 4), NEW_YORK)).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T02:00:00-05:00',
    ]);
    expect(utc(buckets[2].startMs)).toBe('2026-11-01T06:00:00Z');
  });
});

describe('computeBuckets in zones with fractional offsets', () => {
  it('Asia/Kolkata hours start at :30 UTC', () => {
    const buckets = bucketsOf(
      '2026-05-10T10:00:00Z',
      '2026-05-10T13:00:00Z',
      'hour',
      'Asia/Kolkata',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-10T09:30:00Z', end: '2026-05-10T10:30:00Z', partial: true },
      { start: '2026-05-10T10:30:00Z', end: '2026-05-10T11:30:00Z', partial: false },
      { start: '2026-05-10T11:30:00Z', end: '2026-05-10T12:30:00Z', partial: false },
      { start: '2026-05-10T12:30:00Z', end: '2026-05-10T13:30:00Z', partial: true },
    ]);
  });

  it('Asia/Kolkata day starts 18:30 UTC before', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00Z',
      '2026-05-10T01:00:00Z',
      'day',
      'Asia/Kolkata',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-09T18:30:00Z', end: '2026-05-10T18:30:00Z', partial: true },
    ]);
  });

  it('Asia/Kolkata local days are whole', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00+05:30',
      '2026-05-12T00:00:00+05:30',
      'day',
      'Asia/Kolkata',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-09T18:30:00Z', end: '2026-05-10T18:30:00Z', partial: false },
      { start: '2026-05-10T18:30:00Z', end: '2026-05-11T18:30:00Z', partial: false },
    ]);
  });

  it('Australia/Eucla hours start at :15 UTC', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00Z',
      '2026-05-10T02:00:00Z',
      'hour',
      'Australia/Eucla',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-09T23:15:00Z', end: '2026-05-10T00:15:00Z', partial: true },
      { start: '2026-05-10T00:15:00Z', end: '2026-05-10T01:15:00Z', partial: false },
      { start: '2026-05-10T01:15:00Z', end: '2026-05-10T02:15:00Z', partial: true },
    ]);
    expect(localStartsOf(buckets, 'Australia/Eucla')).toEqual([
      '2026-05-10T08:00:00+08:45',
      '2026-05-10T09:00:00+08:45',
      '2026-05-10T10:00:00+08:45',
    ]);
  });

  it('Australia/Eucla day starts 15:15 UTC before', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00+08:45',
      '2026-05-11T00:00:00+08:45',
      'day',
      'Australia/Eucla',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-09T15:15:00Z', end: '2026-05-10T15:15:00Z', partial: false },
    ]);
  });

  it('Asia/Kathmandu hours start at :15 UTC', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00Z',
      '2026-05-10T01:00:00Z',
      'hour',
      'Asia/Kathmandu',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-09T23:15:00Z', end: '2026-05-10T00:15:00Z', partial: true },
      { start: '2026-05-10T00:15:00Z', end: '2026-05-10T01:15:00Z', partial: true },
    ]);
    expect(localStartsOf(buckets, 'Asia/Kathmandu')).toEqual([
      '2026-05-10T05:00:00+05:45',
      '2026-05-10T06:00:00+05:45',
    ]);
  });

  it('Asia/Kathmandu day starts 18:15 UTC before', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00+05:45',
      '2026-05-11T00:00:00+05:45',
      'day',
      'Asia/Kathmandu',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-09T18:15:00Z', end: '2026-05-10T18:15:00Z', partial: false },
    ]);
  });

  it('Australia/Lord_Howe fall-back adds a half hour', () => {
    const buckets = bucketsOf(
      '2026-04-05T01:00:00+11:00',
      '2026-04-05T03:00:00+10:30',
      'hour',
      'Australia/Lord_Howe',
    );

    expect(localStartsOf(buckets, 'Australia/Lord_Howe')).toEqual([
      '2026-04-05T01:00:00+11:00',
      '2026-04-05T01:30:00+10:30',
      '2026-04-05T02:00:00+10:30',
    ]);
    expect(hoursOf(buckets)).toEqual([1, 0.5, 1]);
  });

  it('Australia/Lord_Howe spring-forward has a half hour', () => {
    const buckets = bucketsOf(
      '2026-10-04T01:00:00+10:30',
      '2026-10-04T04:00:00+11:00',
      'hour',
      'Australia/Lord_Howe',
    );

    expect(localStartsOf(buckets, 'Australia/Lord_Howe')).toEqual([
      '2026-10-04T01:00:00+10:30',
      '2026-10-04T02:30:00+11:00',
      '2026-10-04T03:00:00+11:00',
    ]);
    expect(hoursOf(buckets)).toEqual([1, 0.5, 1]);
  });
});

describe('computeBuckets ISO weeks', () => {
  it('week of 2027-01-01 starts 2026-12-28', () => {
    const buckets = bucketsOf('2027-01-01T00:00:00Z', '2027-01-02T00:00:00Z', 'week', 'UTC');

    expect(viewOf(buckets)).toEqual([
      { start: '2026-12-28T00:00:00Z', end: '2027-01-04T00:00:00Z', partial: true },
    ]);
  });

  it('week 53 of 2020 starts 2020-12-28', () => {
    const buckets = bucketsOf('2020-12-21T00:00:00Z', '2021-01-11T00:00:00Z', 'week', 'UTC');

    expect(viewOf(buckets)).toEqual([
      { start: '2020-12-21T00:00:00Z', end: '2020-12-28T00:00:00Z', partial: false },
      { start: '2020-12-28T00:00:00Z', end: '2021-01-04T00:00:00Z', partial: false },
      { start: '2021-01-04T00:00:00Z', end: '2021-01-11T00:00:00Z', partial: false },
    ]);
  });

  it('week containing a Sunday starts Monday', () => {
    const buckets = bucketsOf('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z', 'week', 'UTC');

    expect(viewOf(buckets)).toEqual([
      { start: '2026-02-23T00:00:00Z', end: '2026-03-02T00:00:00Z', partial: true },
      { start: '2026-03-02T00:00:00Z', end: '2026-03-09T00:00:00Z', partial: true },
    ]);
  });

  it('week in Asia/Tokyo starts Sunday 15:00 UTC', () => {
    const buckets = bucketsOf(
      '2026-12-28T00:00:00+09:00',
      '2027-01-04T00:00:00+09:00',
      'week',
      'Asia/Tokyo',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-12-27T15:00:00Z', end: '2027-01-03T15:00:00Z', partial: false },
    ]);
  });
});

describe('computeBuckets months', () => {
  it('Asia/Tokyo March starts 2026-02-28T15:00Z', () => {
    const buckets = bucketsOf(
      '2026-03-01T00:00:00+09:00',
      '2026-04-01T00:00:00+09:00',
      'month',
      'Asia/Tokyo',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-02-28T15:00:00Z', end: '2026-03-31T15:00:00Z', partial: false },
    ]);
  });

  it('Asia/Tokyo is in March before UTC is', () => {
    const buckets = bucketsOf(
      '2026-02-28T16:00:00Z',
      '2026-02-28T17:00:00Z',
      'month',
      'Asia/Tokyo',
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-02-28T15:00:00Z', end: '2026-03-31T15:00:00Z', partial: true },
    ]);
  });

  it('February 2026 has 28 days', () => {
    const buckets = bucketsOf('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', 'month', 'UTC');

    expect(viewOf(buckets)).toEqual([
      { start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', partial: false },
    ]);
    expect(hoursOf(buckets)).toEqual([28 * 24]);
  });

  it('leap year 2028 gives February 29 days', () => {
    const buckets = bucketsOf('2028-01-01T00:00:00Z', '2028-04-01T00:00:00Z', 'month', 'UTC');

    expect(viewOf(buckets).map((bucket) => bucket.start)).toEqual([
      '2028-01-01T00:00:00Z',
      '2028-02-01T00:00:00Z',
      '2028-03-01T00:00:00Z',
    ]);
    expect(hoursOf(buckets)).toEqual([31 * 24, 29 * 24, 31 * 24]);
  });

  it('century 2100 gives February 28 days', () => {
    const buckets = bucketsOf('2100-02-01T00:00:00Z', '2100-03-01T00:00:00Z', 'month', 'UTC');

    expect(hoursOf(buckets)).toEqual([28 * 24]);
  });

  it('month crossing a year ends on January 1', () => {
    const buckets = bucketsOf(
      '2026-12-15T00:00:00-05:00',
      '2027-01-15T00:00:00-05:00',
      'month',
      NEW_YORK,
    );

    expect(viewOf(buckets)).toEqual([
      { start: '2026-12-01T05:00:00Z', end: '2027-01-01T05:00:00Z', partial: true },
      { start: '2027-01-01T05:00:00Z', end: '2027-02-01T05:00:00Z', partial: true },
    ]);
  });
});

describe('computeBuckets partial flags', () => {
  it('aligned range has no partial bucket', () => {
    const buckets = bucketsOf('2026-05-10T00:00:00Z', '2026-05-13T00:00:00Z', 'day', 'UTC');

    expect(buckets.map((bucket) => bucket.partial)).toEqual([false, false, false]);
  });

  it('first bucket cut by from is partial', () => {
    const buckets = bucketsOf('2026-05-10T06:00:00Z', '2026-05-12T00:00:00Z', 'day', 'UTC');

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-10T00:00:00Z', end: '2026-05-11T00:00:00Z', partial: true },
      { start: '2026-05-11T00:00:00Z', end: '2026-05-12T00:00:00Z', partial: false },
    ]);
  });

  it('last bucket cut by to is partial', () => {
    const buckets = bucketsOf('2026-05-10T00:00:00Z', '2026-05-11T06:00:00Z', 'day', 'UTC');

    expect(viewOf(buckets)).toEqual([
      { start: '2026-05-10T00:00:00Z', end: '2026-05-11T00:00:00Z', partial: false },
      { start: '2026-05-11T00:00:00Z', end: '2026-05-12T00:00:00Z', partial: true },
    ]);
  });

  it('buckets ending after now are partial', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00Z',
      '2026-05-14T00:00:00Z',
      'day',
      'UTC',
      '2026-05-12T12:00:00Z',
    );

    expect(buckets.map((bucket) => bucket.partial)).toEqual([false, false, true, true]);
  });

  it('bucket ending exactly at now is whole', () => {
    const buckets = bucketsOf(
      '2026-05-10T00:00:00Z',
      '2026-05-13T00:00:00Z',
      'day',
      'UTC',
      '2026-05-12T00:00:00Z',
    );

    expect(buckets.map((bucket) => bucket.partial)).toEqual([false, false, true]);
  });

  it('from, to and now cut distinct buckets', () => {
    const buckets = bucketsOf(
      '2026-05-10T06:00:00Z',
      '2026-05-13T18:00:00Z',
      'day',
      'UTC',
      '2026-05-12T12:00:00Z',
    );

    expect(buckets.map((bucket) => bucket.partial)).toEqual([true, false, true, true]);
  });
});

describe('computeBuckets counts at the range limits', () => {
  const cases: Array<{
    name: string;
    from: string;
    to: string;
    granularity: Granularity;
    timeZone: string;
    count: number;
  }> = [
    {
      name: '31 aligned days of hours',
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      granularity: 'hour',
      timeZone: 'UTC',
      count: 744,
    },
    {
      name: '31 unaligned days of hours',
      from: '2026-01-01T00:30:00Z',
      to: '2026-02-01T00:30:00Z',
      granularity: 'hour',
      timeZone: 'UTC',
      count: 745,
    },
    {
      name: '31 UTC days of Kolkata hours',
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      granularity: 'hour',
      timeZone: 'Asia/Kolkata',
      count: 745,
    },
    {
      name: '31 days of Lord_Howe hours across DST',
      from: '2026-03-10T00:40:00Z',
      to: '2026-04-10T00:40:00Z',
      granularity: 'hour',
      timeZone: 'Australia/Lord_Howe',
      count: 746,
    },
    {
      name: '731 aligned days',
      from: '2027-01-01T00:00:00Z',
      to: '2029-01-01T00:00:00Z',
      granularity: 'day',
      timeZone: 'UTC',
      count: 731,
    },
    {
      name: '731 unaligned days',
      from: '2027-01-01T12:00:00Z',
      to: '2029-01-01T12:00:00Z',
      granularity: 'day',
      timeZone: 'UTC',
      count: 732,
    },
    {
      name: '731 days over three spring-forwards',
      from: '2027-03-25T23:30:00+01:00',
      to: '2029-03-26T00:30:00+02:00',
      granularity: 'day',
      timeZone: AMSTERDAM,
      count: 733,
    },
    {
      name: '1100 days from a Monday',
      from: '2026-12-28T00:00:00Z',
      to: '2030-01-01T00:00:00Z',
      granularity: 'week',
      timeZone: 'UTC',
      count: 158,
    },
    {
      name: '1100 days from Sunday noon',
      from: '2026-12-27T12:00:00Z',
      to: '2029-12-31T12:00:00Z',
      granularity: 'week',
      timeZone: 'UTC',
      count: 159,
    },
    {
      name: '1830 days from a month start',
      from: '2026-01-01T00:00:00Z',
      to: '2031-01-05T00:00:00Z',
      granularity: 'month',
      timeZone: 'UTC',
      count: 61,
    },
    {
      name: '1830 days from a month end',
      from: '2026-01-31T12:00:00Z',
      to: '2031-02-04T12:00:00Z',
      granularity: 'month',
      timeZone: 'UTC',
      count: 62,
    },
  ];

  it.each(cases)('$name gives $count buckets', ({ from, to, granularity, timeZone, count }) => {
    expect(bucketsOf(from, to, granularity, timeZone)).toHaveLength(count);
  });
});

describe('computeBuckets tiling', () => {
  const from = '2026-02-20T07:13:00Z';
  const to = '2026-11-05T19:41:00Z';
  const zones = [
    AMSTERDAM,
    NEW_YORK,
    'Asia/Kolkata',
    'Australia/Eucla',
    'Australia/Lord_Howe',
    'Asia/Tokyo',
    'UTC',
  ];
  const granularities: Granularity[] = ['hour', 'day', 'week', 'month'];
  const cases = zones.flatMap((timeZone) =>
    granularities.map((granularity) => ({ timeZone, granularity })),
  );

  it.each(cases)(
    '$granularity buckets in $timeZone tile the range',
    ({ timeZone, granularity }) => {
      const buckets = bucketsOf(from, to, granularity, timeZone);
      const first = buckets[0];
      const last = buckets[buckets.length - 1];
      const gaps = buckets
        .slice(1)
        .filter((bucket, index) => bucket.startMs !== buckets[index].endMs);
      const empty = buckets.filter((bucket) => bucket.startMs >= bucket.endMs);

      expect(gaps.map((bucket) => utc(bucket.startMs))).toEqual([]);
      expect(empty.map((bucket) => utc(bucket.startMs))).toEqual([]);
      expect(first.startMs).toBeLessThanOrEqual(Date.parse(from));
      expect(first.endMs).toBeGreaterThan(Date.parse(from));
      expect(last.startMs).toBeLessThan(Date.parse(to));
      expect(last.endMs).toBeGreaterThanOrEqual(Date.parse(to));
    },
  );
});
