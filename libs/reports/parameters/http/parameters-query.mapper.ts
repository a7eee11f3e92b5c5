import { parseInstant } from '@analytics/common';
import { DEFAULT_LIMIT } from '@analytics/reports/shared';
import { ParametersQuery } from '../parameters-query';
import { ParametersReportQueryDto } from './parameters-query.dto';

/**
 * Converts validated query parameters to domain values. Filter lists are sorted, so the same
 * filters in another order bind to the same cursors.
 */
export function toParametersQuery(
  dto: ParametersReportQueryDto & { top?: string },
  defaultTop: number,
): ParametersQuery {
  const filters: ParametersQuery['filters'] = {};
  if (dto.product !== undefined) {
    filters.product = [...dto.product].sort();
  }
  if (dto.apiKey !== undefined) {
    filters.apiKey = [...dto.apiKey].sort();
  }

  return {
    fromMs: parseInstant(dto.from) as number,
    toMs: parseInstant(dto.to) as number,
    endpoint: dto.endpoint,
    filters,
    top: dto.top === undefined ? defaultTop : Number(dto.top),
    limit: dto.limit === undefined ? DEFAULT_LIMIT : Number(dto.limit),
    cursor: dto.cursor,
  };
}
