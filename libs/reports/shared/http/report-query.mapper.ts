import { canonicalTimeZone, parseInstant } from '@analytics/common';
import { GroupedReportQuery } from '../grouped-report.runner';
import { DEFAULT_LIMIT, DEFAULT_TOP, ReportQueryDto } from './report-query.dto';

type CommonQuery<D extends string> = Omit<
  GroupedReportQuery<D, never>,
  'report' | 'groupBy' | 'order' | 'extra'
>;

/** Converts the validated common parameters to domain values; filters keep only the given ones. */
export function toCommonQuery<D extends string>(dto: ReportQueryDto): CommonQuery<D> {
  const filters: Partial<Record<string, string[]>> = {};
  for (const dimension of ['product', 'endpoint', 'apiKey'] as const) {
    const values = dto[dimension];
    if (values !== undefined) {
      filters[dimension] = [...values].sort();
    }
  }

  return {
    fromMs: parseInstant(dto.from) as number,
    toMs: parseInstant(dto.to) as number,
    granularity: dto.granularity ?? 'day',
    timeZone: canonicalTimeZone(dto.timezone ?? 'UTC') as string,
    filters: filters as Partial<Record<D, string[]>>,
    top: dto.top === undefined ? DEFAULT_TOP : Number(dto.top),
    limit: dto.limit === undefined ? DEFAULT_LIMIT : Number(dto.limit),
    cursor: dto.cursor,
  };
}
