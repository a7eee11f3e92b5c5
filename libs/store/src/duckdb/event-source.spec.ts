import {
  DAILY_EVENT_SOURCE,
  HOURLY_EVENT_SOURCE,
  planEventSource,
  RAW_EVENT_SOURCE,
} from './event-source';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MARCH_1 = Date.parse('2026-03-01T00:00:00Z');
const ON = { rollups: true };

describe('planEventSource', () => {
  it('reads daily rollups for whole UTC days', () => {
    expect(planEventSource([MARCH_1, MARCH_1 + DAY, MARCH_1 + 30 * DAY], ON)).toBe(
      DAILY_EVENT_SOURCE,
    );
  });

  it('reads hourly rollups for local days on whole hours', () => {
    // Europe/Berlin days start at 23:00 UTC in winter.
    const berlinDays = [MARCH_1 - HOUR, MARCH_1 + DAY - HOUR, MARCH_1 + 2 * DAY - HOUR];

    expect(planEventSource(berlinDays, ON)).toBe(HOURLY_EVENT_SOURCE);
  });

  it('reads raw events for half-hour offsets', () => {
    // Asia/Kolkata days start at 18:30 UTC.
    const kolkataDays = [MARCH_1 - 5.5 * HOUR, MARCH_1 + DAY - 5.5 * HOUR];

    expect(planEventSource(kolkataDays, ON)).toBe(RAW_EVENT_SOURCE);
  });

  it('reads raw events when one end is off the hour', () => {
    expect(planEventSource([MARCH_1, MARCH_1 + DAY, MARCH_1 + DAY + 90_000], ON)).toBe(
      RAW_EVENT_SOURCE,
    );
  });

  it('reads hourly rollups when one bucket start is off the day', () => {
    expect(planEventSource([MARCH_1, MARCH_1 + 5 * HOUR, MARCH_1 + DAY], ON)).toBe(
      HOURLY_EVENT_SOURCE,
    );
  });

  it('reads raw events when rollups are off', () => {
    expect(planEventSource([MARCH_1, MARCH_1 + DAY], { rollups: false })).toBe(RAW_EVENT_SOURCE);
  });

  it('reads daily rollups for days before 1970', () => {
    expect(planEventSource([-2 * DAY, -DAY], ON)).toBe(DAILY_EVENT_SOURCE);
  });

  it('reads raw events for fractional milliseconds', () => {
    expect(planEventSource([MARCH_1 + 0.5, MARCH_1 + DAY], ON)).toBe(RAW_EVENT_SOURCE);
  });
});
