import { InvalidParameterError } from '../errors/domain-error';
import { Granularity, MAX_RANGE_DAYS } from './granularity';
import { INSTANT_FORM } from './instant';

const DAY_MS = 86_400_000;

/**
 * Extra length allowed beyond the day limit, so that a range of whole local days that crosses a
 * DST change (up to 2 hours longer in real time, as in Antarctica/Troll) is still accepted.
 */
const DST_ALLOWANCE_MS = 2 * 3_600_000;

/** A half-open range of instants, [fromMs, toMs), in epoch milliseconds. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/**
 * Checks that both ends are instants, their order and the maximum length for the granularity.
 * A missing end (NaN) would otherwise pass every comparison and yield a report without buckets.
 */
export function assertRangeFits(range: TimeRange, granularity: Granularity): void {
  if (!Number.isFinite(range.fromMs)) {
    throw new InvalidParameterError('from', `must be ${INSTANT_FORM}`);
  }
  if (!Number.isFinite(range.toMs)) {
    throw new InvalidParameterError('to', `must be ${INSTANT_FORM}`);
  }
  if (range.fromMs >= range.toMs) {
    throw new InvalidParameterError(
      'to',
      'must be later than "from"; the range is half-open [from, to)',
    );
  }

  const maxDays = MAX_RANGE_DAYS[granularity];
  if (range.toMs - range.fromMs > maxDays * DAY_MS + DST_ALLOWANCE_MS) {
    throw new InvalidParameterError(
      'to',
      `the range exceeds the limit of ${maxDays} days for granularity "${granularity}"; ` +
        'shorten the range or choose a coarser granularity',
    );
  }
}
