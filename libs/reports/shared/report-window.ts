import { assertRangeFits, Bucket, computeBuckets, Granularity } from '@analytics/common';

/** The time frame of a report: the half-open range and its local-calendar buckets. */
export interface ReportWindow {
  fromMs: number;
  toMs: number;
  granularity: Granularity;
  timeZone: string;
  buckets: Bucket[];
}

/** Checks the range against the granularity's limit and splits it into buckets. */
export function resolveWindow(
  request: Omit<ReportWindow, 'buckets'> & { nowMs: number },
): ReportWindow {
  const { fromMs, toMs, granularity, timeZone, nowMs } = request;
  assertRangeFits({ fromMs, toMs }, granularity);

  return {
    fromMs,
    toMs,
    granularity,
    timeZone,
    buckets: computeBuckets({ fromMs, toMs, granularity, timeZone, nowMs }),
  };
}
