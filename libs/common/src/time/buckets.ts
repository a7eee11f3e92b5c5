import { DateTime } from 'luxon';
import { Granularity } from './granularity';

/** One bucket of a report, in epoch milliseconds, half-open: [startMs, endMs). */
export interface Bucket {
  startMs: number;
  endMs: number;
  /** True when the range's ends or the present cut the bucket, so it holds less than a full period. */
  partial: boolean;
}

export interface BucketRequest {
  fromMs: number;
  toMs: number;
  granularity: Granularity;
  timeZone: string;
  nowMs: number;
}

/**
 * Splits [from, to) into buckets that follow the local calendar of the time zone: a local hour,
 * a local day (23 or 25 hours on a DST day), an ISO week starting Monday 00:00, or a month. The
 * first bucket starts at or before `from` and the last ends at or after `to`.
 */
export function computeBuckets(request: BucketRequest): Bucket[] {
  const { fromMs, toMs, granularity, timeZone, nowMs } = request;
  const buckets: Bucket[] = [];

  let start = floorToBucket(DateTime.fromMillis(fromMs, { zone: timeZone }), granularity);
  while (start.toMillis() < toMs) {
    const end = nextBucketStart(start, granularity);
    const startMs = start.toMillis();
    const endMs = end.toMillis();

    buckets.push({ startMs, endMs, partial: startMs < fromMs || endMs > toMs || endMs > nowMs });
    start = end;
  }

  return buckets;
}

function floorToBucket(local: DateTime, granularity: Granularity): DateTime {
  switch (granularity) {
    case 'hour':
      return local.startOf('hour');
    case 'day':
      return local.startOf('day');
    case 'week':
      return local.startOf('week');
    case 'month':
      return local.startOf('month');
  }
}

function nextBucketStart(start: DateTime, granularity: Granularity): DateTime {
  if (granularity !== 'hour') {
    // Calendar arithmetic keeps local midnight across DST changes.
    return floorToBucket(start.plus({ [`${granularity}s`]: 1 }), granularity);
  }

  // An hour later in real time, then back to the local hour boundary. In zones whose DST shift
  // is 30 minutes (Australia/Lord_Howe) this yields one 30-minute bucket at each change: local
  // 02:30-03:00 when the clock skips ahead, and the repeated half hour 01:30-02:00 when it goes back.
  const candidate = start.plus({ hours: 1 }).startOf('hour');
  return candidate.toMillis() > start.toMillis() ? candidate : start.plus({ hours: 1 });
}
