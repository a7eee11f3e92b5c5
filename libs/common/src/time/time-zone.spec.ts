import { canonicalTimeZone } from './time-zone';

describe('canonicalTimeZone accepted names', () => {
  const cases: Array<[string, string]> = [
    ['Europe/Amsterdam', 'Europe/Amsterdam'],
    ['europe/amsterdam', 'Europe/Amsterdam'],
    ['EUROPE/AMSTERDAM', 'Europe/Amsterdam'],
    ['america/new_york', 'America/New_York'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['Australia/Eucla', 'Australia/Eucla'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
  ];

  it.each(cases)('%s is %s', (name, expected) => {
    expect(canonicalTimeZone(name)).toBe(expected);
  });
});

describe('canonicalTimeZone renamed zones', () => {
  const cases: Array<[string, string]> = [
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['Asia/Katmandu', 'Asia/Kathmandu'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh'],
    ['America/Nuuk', 'America/Nuuk'],
    ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ];

  it.each(cases)('%s is %s', (name, expected) => {
    expect(canonicalTimeZone(name)).toBe(expected);
  });

  it('every returned name resolves to itself', () => {
    for (const [name] of cases) {
      const canonical = canonicalTimeZone(name) as string;

      expect(canonicalTimeZone(canonical)).toBe(canonical);
    }
  });
});

describe('canonicalTimeZone rejected names', () => {
  const cases: Array<[string, string]> = [
    ['unknown city', 'Europe/Atlantis'],
    ['unknown area', 'Mars/Olympus_Mons'],
    ['fixed offset', '+01:00'],
    ['negative fixed offset', '-05:00'],
    ['compact offset', '+0100'],
    ['UTC with offset', 'UTC+1'],
    ['GMT with offset', 'GMT+1'],
    ['Z', 'Z'],
    ['local', 'local'],
    ['system', 'system'],
    ['parent path', '../etc'],
    ['absolute path', '/etc/localtime'],
    ['double slash', 'Europe//Amsterdam'],
    ['trailing slash', 'Europe/Amsterdam/'],
    ['trailing space', 'Europe/Amsterdam '],
    ['trailing newline', 'Europe/Amsterdam\n'],
    ['empty string', ''],
    ['200 characters', `Europe/${'A'.repeat(193)}`],
  ];

  it.each(cases)('%s is rejected', (_name, name) => {
    expect(canonicalTimeZone(name)).toBeUndefined();
  });
});
