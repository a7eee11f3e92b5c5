import { computeBuckets, formatInstant } from '@analytics/common';
const z = 'Australia/Lord_Howe';
for (const [f, t] of [['2026-04-04T13:00:00Z', '2026-04-04T17:00:00Z'], ['2026-10-03T13:00:00Z', '2026-10-03T17:00:00Z']]) {
  const b = computeBuckets({ fromMs: Date.parse(f), toMs: Date.parse(t), granularity: 'hour', timeZone: z, nowMs: 0 });
  console.log(b.map((x) => `${formatInstant(x.startMs, z)} ${(x.endMs - x.startMs) / 60000}m`));
}
// max counts: scan start offsets
const DAY = 86400000;
for (const [g, days, zone] of [['hour', 31, 'Australia/Lord_Howe'], ['hour', 31, 'Europe/Amsterdam'], ['day', 731, 'Europe/Amsterdam'], ['day', 731, 'Australia/Lord_Howe'], ['week', 1100, 'UTC'], ['week', 1100, 'Europe/Amsterdam'], ['month', 1830, 'UTC'], ['month', 1830, 'Europe/Amsterdam']] as const) {
  let max = 0;
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let s = 0; s < 800 * DAY; s += (g === 'hour' ? 15 * 60000 : 3600000 * 1)) {
    if (g !== 'hour' && s > 800 * DAY) break;
    const from = base + s;
    const n = computeBuckets({ fromMs: from, toMs: from + days * DAY, granularity: g, timeZone: zone, nowMs: 0 }).length;
    if (n > max) { max = n; }
    if (g === 'hour' && s > 400 * DAY) break;
  }
  console.log(g, zone, max);
}
