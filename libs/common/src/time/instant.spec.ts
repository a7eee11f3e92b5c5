import { formatInstant, parseInstant } from './instant';

/** Parses and shows the result as UTC ISO text, so a failure names the instant it got. */
function parsedAsUtc(text: string): string | undefined {
  const epochMs = parseInstant(text);
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}

describe('parseInstant accepted forms', () => {
  const cases: Array<[string, string]> = [
    ['2026-03-01T00:00:00Z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T00:00:00z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01t00:00:00Z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T01:00:00+01:00', '2026-03-01T00:00:00.000Z'],
    ['2026-02-28T18:30:00-05:30', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T05:45:00+05:45', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T23:59:00+23:59', '2026-03-01T00:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['2026-03-01T23:59:59Z', '2026-03-01T23:59:59.000Z'],
  ];

  it.each(cases)('%s is %s', (text, expected) => {
    expect(parsedAsUtc(text)).toBe(expected);
  });
});

describe('parseInstant fractional seconds', () => {
  const cases: Array<[string, string]> = [
    ['2026-03-01T00:00:00.1Z', '2026-03-01T00:00:00.100Z'],
    ['2026-03-01T00:00:00.12Z', '2026-03-01T00:00:00.120Z'],
    ['2026-03-01T00:00:00.123Z', '2026-03-01T00:00:00.123Z'],
    ['2026-03-01T00:00:00.1234Z', '2026-03-01T00:00:00.123Z'],
    ['2026-03-01T00:00:00.123456789Z', '2026-03-01T00:00:00.123Z'],
    ['2026-03-01T00:00:00.999999999Z', '2026-03-01T00:00:00.999Z'],
    ['2026-03-01T01:00:00.5+01:00', '2026-03-01T00:00:00.500Z'],
  ];

  it.each(cases)('%s is truncated to %s', (text, expected) => {
    expect(parsedAsUtc(text)).toBe(expected);
  });
});

describe('parseInstant rejected forms', () => {
  const cases: Array<[string, string]> = [
    ['no offset', '2026-03-01T00:00:00'],
    ['no offset with fraction', '2026-03-01T00:00:00.123'],
    ['date only', '2026-03-01'],
    ['offset without colon', '2026-03-01T00:00:00+0100'],
    ['offset hours only', '2026-03-01T00:00:00+01'],
    ['offset hour 24', '2026-03-01T00:00:00+24:00'],
    ['unknown offset -00:00', '2026-03-01T00:00:00-00:00'],
    ['year before 1970', '1969-12-31T23:59:59Z'],
    ['year after 2199', '2200-01-01T00:00:00Z'],
    ['offset minute 60', '2026-03-01T00:00:00+01:60'],
    ['offset 99:99', '2026-03-01T00:00:00+99:99'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['minute 60', '2026-03-01T23:60:00Z'],
    ['leap second', '2026-12-31T23:59:60Z'],
    ['February 30', '2026-02-30T00:00:00Z'],
    ['February 29 of 2027', '2027-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 00', '2026-00-10T00:00:00Z'],
    ['day 00', '2026-01-00T00:00:00Z'],
    ['April 31', '2026-04-31T00:00:00Z'],
    ['no seconds', '2026-03-01T00:00Z'],
    ['space separator', '2026-03-01 00:00:00Z'],
    ['empty fraction', '2026-03-01T00:00:00.Z'],
    ['comma fraction', '2026-03-01T00:00:00,5Z'],
    ['ten fraction digits', '2026-03-01T00:00:00.1234567890Z'],
    ['expanded year', '+002026-03-01T00:00:00Z'],
    ['ordinal date', '2026-060T00:00:00Z'],
    ['week date', '2026-W09-7T00:00:00Z'],
    ['non-ASCII digits', '٢٠٢٦-03-01T00:00:00Z'],
    ['leading space', ' 2026-03-01T00:00:00Z'],
    ['trailing space', '2026-03-01T00:00:00Z '],
    ['trailing newline', '2026-03-01T00:00:00Z\n'],
    ['empty string', ''],
    ['epoch number', '1772323200000'],
  ];

  it.each(cases)('%s is rejected', (_name, text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  it('very long strings are rejected', () => {
    expect(parseInstant('9'.repeat(100_000))).toBeUndefined();
    expect(parseInstant(`2026-03-01T00:00:00.${'1'.repeat(100_000)}Z`)).toBeUndefined();
    expect(parseInstant(`2026-03-01T00:00:00Z${' '.repeat(100_000)}`)).toBeUndefined();
  });
});

describe('formatInstant', () => {
  it('writes the zone offset in effect', () => {
    const instant = Date.parse('2026-10-25T00:00:00Z');

    expect(formatInstant(instant, 'Europe/Amsterdam')).toBe('2026-10-25T02:00:00+02:00');
    expect(formatInstant(instant + 3_600_000, 'Europe/Amsterdam')).toBe(
      '2026-10-25T02:00:00+01:00',
    );
    expect(formatInstant(instant, 'Asia/Kolkata')).toBe('2026-10-25T05:30:00+05:30');
  });

  it('writes Z in UTC', () => {
    expect(formatInstant(Date.parse('2026-03-01T00:00:00Z'), 'UTC')).toBe('2026-03-01T00:00:00Z');
  });

  it('keeps milliseconds only when present', () => {
    expect(formatInstant(Date.parse('2026-03-01T00:00:00.120Z'), 'UTC')).toBe(
      '2026-03-01T00:00:00.120Z',
    );
  });

  it('output parses back to the same instant', () => {
    const instant = Date.parse('2026-03-29T01:30:00.250Z');

    for (const zone of [
      'UTC',
      'Europe/Amsterdam',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Eucla',
    ]) {
      expect(parseInstant(formatInstant(instant, zone))).toBe(instant);
    }
  });
});
