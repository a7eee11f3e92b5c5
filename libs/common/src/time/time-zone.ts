import { IANAZone } from 'luxon';

/**
 * Returns the canonical IANA name of a time zone (`europe/amsterdam` → `Europe/Amsterdam`), or
 * undefined when the runtime's time zone database does not know it. Fixed offsets such as
 * `+01:00` are rejected on purpose: they have no DST rules, so local days would be wrong.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) {
    return undefined;
  }
  if (!IANAZone.isValidZone(name)) {
    return undefined;
  }

  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}
