import { DateTime } from 'luxon';

/** The one form accepted for instants in requests, quoted in error messages. */
export const INSTANT_FORM =
  'an RFC 3339 date-time with an offset, between the years 1970 and 2199, e.g. 2026-03-01T00:00:00Z or ' +
  '2026-03-01T00:00:00+01:00 (encode + as %2B in a URL)';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 date-time that carries an offset into epoch milliseconds. Digits beyond the
 * millisecond are dropped. Returns undefined for any other form, including dates without an
 * offset, because those would be read in an unknown zone.
 */
export function parseInstant(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) {
    return undefined;
  }

  const [, year, , , hour, minute, second, , offset, offsetHour = '00', offsetMinute = '00'] =
    match;
  // Events start with the Unix epoch; far-future years are typing mistakes, not reports.
  if (Number(year) < 1970 || Number(year) > 2199) {
    return undefined;
  }
  // RFC 3339 reserves -00:00 for "offset unknown", which is exactly what an instant must not be.
  if (offset === '-00:00') {
    return undefined;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return undefined;
  }
  // RFC 3339 limits the offset to 23:59, and luxon 3.7 would read `+99:99` as +100:39.
  if (Number(offsetHour) > 23 || Number(offsetMinute) > 59) {
    return undefined;
  }

  const millisecondsText = (match[7] ?? '').slice(1, 4).padEnd(3, '0');
  const normalized = `${text.slice(0, 19)}.${millisecondsText}${match[8].toUpperCase()}`;
  const parsed = DateTime.fromISO(normalized, { setZone: true });

  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Formats epoch milliseconds as RFC 3339 in a time zone, with that zone's offset. */
export function formatInstant(epochMs: number, timeZone: string): string {
  const local = DateTime.fromMillis(epochMs, { zone: timeZone });
  return local.toISO({ suppressMilliseconds: true, includeOffset: true }) as string;
}
