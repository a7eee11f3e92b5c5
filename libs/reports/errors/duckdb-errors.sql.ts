import { RankSpec, toCount } from '@analytics/reports/shared';
import { ErrorsCounts, ErrorsRanking, StatusClass, statusRangeOf } from './errors.types';

function inClassSql(statusClass: StatusClass): string {
  const range = statusRangeOf(statusClass);
  return `(status_code >= ${range[0]} AND status_code < ${range[1]})`;
}

/**
 * Builds the WHERE predicate of a status class filter, or none for an empty list. The SQL text
 * comes from the fixed ranges above, so no caller text reaches it.
 */
export function statusClassPredicates(statusClasses: StatusClass[]): string[] {
  if (statusClasses.length === 0) {
    return [];
  }
  return [`(${statusClasses.map(inClassSql).join(' OR ')})`];
}

/** Calls in a status class; `sum(calls)` reads raw events and rollups alike, and coalesce turns an empty sum into 0. */
const countInClassSql = (statusClass: StatusClass) =>
  `coalesce(sum(calls) FILTER (WHERE ${inClassSql(statusClass)}), 0)`;

export const COUNT_MEASURES = [
  'sum(calls) AS calls',
  `${countInClassSql('2xx')} AS status2xx`,
  `${countInClassSql('3xx')} AS status3xx`,
  `${countInClassSql('4xx')} AS status4xx`,
  `${countInClassSql('5xx')} AS status5xx`,
];

export function toErrorsCounts(row: Record<string, unknown>): ErrorsCounts {
  return {
    calls: toCount(row.calls),
    status2xx: toCount(row.status2xx),
    status3xx: toCount(row.status3xx),
    status4xx: toCount(row.status4xx),
    status5xx: toCount(row.status5xx),
  };
}

/**
 * Builds the measures and ORDER BY terms of a ranking. The rank query appends the key columns,
 * ascending, as the last tiebreak. Rates divide in DOUBLE, which rounds correctly, so equal
 * fractions such as 1/3 and 2/6 compare equal and fall through to the key.
 */
export function rankSpecOf(ranking: ErrorsRanking): RankSpec {
  switch (ranking.order) {
    case 'calls':
      return { measures: ['sum(calls) AS calls'], orderBy: ['calls DESC'] };
    case 'serverErrors':
      return {
        measures: [`${countInClassSql('5xx')} AS server_errors`],
        orderBy: ['server_errors DESC'],
      };
    case 'clientErrors':
      return {
        measures: [`${countInClassSql('4xx')} AS client_errors`],
        orderBy: ['client_errors DESC'],
      };
    case 'serverErrorRate':
      return rateRankSpec(countInClassSql('5xx'), ranking.minCalls);
    case 'errorRate':
      return rateRankSpec(
        `(${countInClassSql('4xx')} + ${countInClassSql('5xx')})`,
        ranking.minCalls,
      );
  }
}

/**
 * Builds a rate ranking in which groups with at least `minCalls` calls come first, by rate, and
 * the others follow, also by rate. Excluding the others instead could lose their calls, because
 * the report merges groups into "(other)" only when the ranking returns more than `top` of them. Ranked last, they still
 * land in "(other)" once `top` groups reach `minCalls`, and appear only when there is room.
 * `minCalls` becomes a numeric literal, so it must be a checked whole number.
 */
function rateRankSpec(failedCallsSql: string, minCalls: number): RankSpec {
  if (!Number.isSafeInteger(minCalls) || minCalls < 1) {
    throw new Error(`minCalls must be a whole number of at least 1, got ${minCalls}`);
  }

  return {
    measures: [
      `sum(calls) >= ${minCalls} AS enough_calls`,
      `CAST(${failedCallsSql} AS DOUBLE) / sum(calls) AS failure_rate`,
    ],
    orderBy: ['enough_calls DESC', 'failure_rate DESC'],
  };
}
