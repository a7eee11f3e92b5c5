import { FreshnessPolicy } from '@analytics/reports/shared';
import { SettableClock } from './testing/example-report.port';
import { freshnessTtl, windowEndMs } from './freshness-ttl';

const NOW_MS = Date.parse('2026-12-01T12:00:00Z');
const MINUTE_MS = 60_000;

describe('windowEndMs', () => {
  it('reads selection.toMs', () => {
    expect(windowEndMs([{ selection: { fromMs: 1, toMs: 500 } }])).toBe(500);
  });

  it('reads a top-level toMs', () => {
    expect(windowEndMs([{ fromMs: 1, toMs: 700 }])).toBe(700);
  });

  it('takes the latest end of several arguments', () => {
    expect(windowEndMs([{ toMs: 700 }, 3, { selection: { toMs: 900 } }])).toBe(900);
  });

  it('returns undefined without a window', () => {
    expect(windowEndMs(['name', { limit: 5 }])).toBeUndefined();
  });
});

describe('freshnessTtl', () => {
  const policy = new FreshnessPolicy(5 * MINUTE_MS, MINUTE_MS, 60 * MINUTE_MS);
  const ttl = freshnessTtl(policy, new SettableClock(NOW_MS));

  it('gives a settled window the long TTL', () => {
    expect(ttl([{ selection: { toMs: NOW_MS - 5 * MINUTE_MS } }])).toBe(60 * MINUTE_MS);
  });

  it('gives a recent window the short TTL', () => {
    expect(ttl([{ selection: { toMs: NOW_MS - 5 * MINUTE_MS + 1 } }])).toBe(MINUTE_MS);
  });

  it('gives a call without a window the short TTL', () => {
    expect(ttl([{ limit: 5 }])).toBe(MINUTE_MS);
  });
});
