import { formatInstant } from '@analytics/common';
import { ParameterUsageReport } from '../get-parameter-usage.use-case';
import { ParameterValuesReport } from '../get-parameter-values.use-case';
import { ParametersQuery } from '../parameters-query';
import {
  ParametersMetaDto,
  ParameterUsageReportDto,
  ParameterValuesReportDto,
} from './parameters-report.dto';

type Timing = { totalCalls: number; generatedAtMs: number; freshUntilMs: number };

function metaOf(query: ParametersQuery, report: Timing): ParametersMetaDto {
  return {
    from: formatInstant(query.fromMs, 'UTC'),
    to: formatInstant(query.toMs, 'UTC'),
    endpoint: query.endpoint,
    totalCalls: report.totalCalls,
    top: query.top,
    generatedAt: new Date(report.generatedAtMs).toISOString(),
    freshUntil: new Date(report.freshUntilMs).toISOString(),
  };
}

export function toUsageEnvelope(
  query: ParametersQuery,
  report: ParameterUsageReport,
): ParameterUsageReportDto {
  const { parameters, shapes, distinctParameters, distinctShapes } = report;
  return {
    data: { parameters, shapes, distinctParameters, distinctShapes },
    page: { limit: report.limit, nextCursor: report.nextCursor },
    meta: metaOf(query, report),
  };
}

export function toValuesEnvelope(
  query: ParametersQuery,
  report: ParameterValuesReport,
): ParameterValuesReportDto {
  const { name, calls, share, withheld, reason, distinctValues, values } = report;
  return {
    data: { name, calls, share, withheld, reason, distinctValues, values },
    page: { limit: report.limit, nextCursor: report.nextCursor },
    meta: metaOf(query, report),
  };
}
