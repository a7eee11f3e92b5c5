import { KqlParameters } from './kql-parameters';
import { bucketJoinKql } from './kql-bucket-join';
import {
  DAILY_KQL_SOURCE,
  HOURLY_KQL_SOURCE,
  planKqlEventSource,
  RAW_KQL_SOURCE,
} from './kql-event-source';

const MARCH_1 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ON = { rollups: true };

describe('planKqlEventSource', () => {
  it('picks the source by boundary alignment', () => {
    expect(planKqlEventSource([MARCH_1, MARCH_1 + DAY], ON)).toBe(DAILY_KQL_SOURCE);
    expect(planKqlEventSource([MARCH_1 - HOUR, MARCH_1 + DAY - HOUR], ON)).toBe(HOURLY_KQL_SOURCE);
    expect(planKqlEventSource([MARCH_1 - 5.75 * HOUR, MARCH_1 + DAY], ON)).toBe(RAW_KQL_SOURCE);
    expect(planKqlEventSource([MARCH_1, MARCH_1 + DAY], { rollups: false })).toBe(RAW_KQL_SOURCE);
  });

  it('counts calls per row of a view and per event of the table', () => {
    expect(RAW_KQL_SOURCE.callsWhere('StatusCode >= 500')).toBe('countif(StatusCode >= 500)');
    expect(DAILY_KQL_SOURCE.callsWhere('StatusCode >= 500')).toBe(
      'sumif(Calls, StatusCode >= 500)',
    );
    expect([RAW_KQL_SOURCE.table, HOURLY_KQL_SOURCE.table, DAILY_KQL_SOURCE.table]).toEqual([
      'Events',
      'EventsHourly',
      'EventsDaily',
    ]);
  });
});

describe('bucketJoinKql', () => {
  const join = (boundsMs: number[], timeColumn = 'Period') =>
    bucketJoinKql({ boundsMs, selected: 'Selected', timeColumn, params: new KqlParameters() });

  it('joins on days when every bucket spans a day, else on hours', () => {
    expect(join([MARCH_1, MARCH_1 + DAY, MARCH_1 + 2 * DAY]).joined).toContain('bin(Period, 1d)');
    expect(join([MARCH_1, MARCH_1 + HOUR, MARCH_1 + DAY]).joined).toContain('bin(Period, 1h)');
    // A 23-hour DST day is shorter than a day, so the join falls back to hours.
    expect(join([MARCH_1, MARCH_1 + 23 * HOUR], 'Timestamp').joined).toContain(
      'bin(Timestamp, 1h)',
    );
  });

  it('passes the bounds as a parameter', () => {
    const params = new KqlParameters();
    const { statement } = bucketJoinKql({
      boundsMs: [MARCH_1, MARCH_1 + DAY],
      selected: 'Selected',
      timeColumn: 'Timestamp',
      params,
    });

    expect(statement).toContain('array_length(p_bucketBounds)');
    expect(params.values.p_bucketBounds).toBe(
      'dynamic(["2026-03-01T00:00:00.000Z","2026-03-02T00:00:00.000Z"])',
    );
  });

  it('refuses fewer than two bounds', () => {
    expect(() => join([MARCH_1])).toThrow('at least two bounds');
  });
});
