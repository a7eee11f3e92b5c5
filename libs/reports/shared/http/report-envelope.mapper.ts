import { formatInstant } from '@analytics/common';
import { GroupedReport } from '../grouped-report.types';

export type EnvelopeBucket<B> = { start: string; end: string; partial: boolean } & B;

export interface ReportEnvelope<B, T> {
  data: { key: Record<string, string>; buckets: EnvelopeBucket<B>[]; totals: T }[];
  page: { limit: number; nextCursor: string | null };
  meta: {
    from: string;
    to: string;
    granularity: string;
    timezone: string;
    generatedAt: string;
    freshUntil: string;
    top: number;
  };
}

/**
 * Maps a domain report to the response envelope shared by every report. Bucket bounds carry the
 * requested zone's offset; the generation times are UTC.
 */
export function toEnvelope<M, B, T>(
  report: GroupedReport<M>,
  request: { top: number; bucketOf: (measures: M) => B; totalsOf: (measures: M) => T },
): ReportEnvelope<B, T> {
  const { window } = report;
  const zone = window.timeZone;

  return {
    data: report.groups.map((group) => ({
      key: group.key,
      buckets: group.buckets.map((bucket) => ({
        start: formatInstant(bucket.startMs, zone),
        end: formatInstant(bucket.endMs, zone),
        partial: bucket.partial,
        ...request.bucketOf(bucket.measures),
      })),
      totals: request.totalsOf(group.totals),
    })),
    page: { limit: report.limit, nextCursor: report.nextCursor },
    meta: {
      from: formatInstant(window.fromMs, zone),
      to: formatInstant(window.toMs, zone),
      granularity: window.granularity,
      timezone: zone,
      generatedAt: new Date(report.generatedAtMs).toISOString(),
      freshUntil: new Date(report.freshUntilMs).toISOString(),
      top: request.top,
    },
  };
}
