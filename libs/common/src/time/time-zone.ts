import { IANAZone } from 'luxon';

/**
 * Current IANA names of zones that ICU still reports under an older name. ICU takes its canonical
 * ids from CLDR, which keeps an id stable when the tz database renames the zone, so
 * `Intl.DateTimeFormat` in Node 20 (ICU 78) resolves `Asia/Kolkata` to `Asia/Calcutta` and
 * `Europe/Kyiv` to `Europe/Kiev`. The table lists renames only, not zones that the tz database
 * merged into another zone.
 */
const CURRENT_NAMES: ReadonlyMap<string, string> = new Map([
  ['Africa/Asmera', 'Africa/Asmara'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['America/Catamarca', 'America/Argentina/Catamarca'],
  ['America/Coral_Harbour', 'America/Atikokan'],
  ['America/Cordoba', 'America/Argentina/Cordoba'],
  ['America/Godthab', 'America/Nuuk'],
  ['America/Indianapolis', 'America/Indiana/Indianapolis'],
  ['America/Jujuy', 'America/Argentina/Jujuy'],
  ['America/Louisville', 'America/Kentucky/Louisville'],
  ['America/Mendoza', 'America/Argentina/Mendoza'],
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['Asia/Rangoon', 'Asia/Yangon'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['Atlantic/Faeroe', 'Atlantic/Faroe'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['Pacific/Enderbury', 'Pacific/Kanton'],
  ['Pacific/Ponape', 'Pacific/Pohnpei'],
  ['Pacific/Truk', 'Pacific/Chuuk'],
]);

/**
 * Returns the canonical IANA name of a time zone (`europe/amsterdam` → `Europe/Amsterdam`,
 * `Asia/Calcutta` → `Asia/Kolkata`), or undefined when the runtime's time zone database does not
 * know it. Fixed offsets such as `+01:00` are rejected on purpose: they have no DST rules, so
 * local days would be wrong.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) {
    return undefined;
  }
  if (!IANAZone.isValidZone(name)) {
    return undefined;
  }

  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  return CURRENT_NAMES.get(resolved) ?? resolved;
}
