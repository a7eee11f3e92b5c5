import { Injectable } from '@nestjs/common';
import { CursorCodec, TenantScope } from '@analytics/common';
import { OTHER_GROUP, pageOf, ReportDependencies } from '@analytics/reports/shared';
import { assertParameterRange, bindingPartsOf, ParametersQuery } from './parameters-query';
import { ParametersRepository } from './parameters.repository';
import { ParameterValueCounts, shareOf } from './parameters.types';
import { SecretParameterPolicy } from './secret-parameter.policy';

export const WITHHELD_REASON =
  'The values of this parameter may be credentials or signatures, so they are never returned; only the calls that carried it are counted.';

export interface ParameterValueRow {
  value: string;
  calls: number;
  /** Fraction of the calls that carried the parameter. */
  share: number;
  /** True on the merged row of every value outside the top N. */
  other: boolean;
}

export interface ParameterValuesReport {
  name: string;
  /** Calls that carried the parameter. */
  calls: number;
  /** Fraction of all calls of the endpoint that carried the parameter. */
  share: number;
  withheld: boolean;
  reason: string | null;
  /** Null when the values are withheld. */
  distinctValues: number | null;
  /** One page of the ranked values, the "(other)" row last; empty when withheld. */
  values: ParameterValueRow[];
  totalCalls: number;
  limit: number;
  nextCursor: string | null;
  generatedAtMs: number;
  freshUntilMs: number;
}

/**
 * Ranks the values of one parameter of one endpoint by calls. The values of a secret-like
 * parameter are never read from the store: its report carries the call counts and `withheld`.
 */
@Injectable()
export class GetParameterValuesUseCase {
  constructor(
    private readonly repository: ParametersRepository,
    private readonly dependencies: ReportDependencies,
    private readonly secrets: SecretParameterPolicy,
  ) {}

  async execute(
    scope: TenantScope,
    query: ParametersQuery & { name: string },
  ): Promise<ParameterValuesReport> {
    assertParameterRange(query);
    const { clock, cursorCodec, freshness } = this.dependencies;
    const nowMs = clock.nowMs();
    const timing = {
      limit: query.limit,
      generatedAtMs: nowMs,
      freshUntilMs: nowMs + freshness.ttlMs(query, nowMs),
    };
    const binding = CursorCodec.bindingOf([
      scope.tenantId,
      ...bindingPartsOf('parameter-values', query, { name: query.name }),
    ]);
    const paging = { codec: cursorCodec, binding, cursor: query.cursor, limit: query.limit };

    if (this.secrets.isSecret(query.name)) {
      const counts = await this.repository.calls(scope, { selection: query, name: query.name });
      // Paging an empty list still checks a given cursor, so a tampered one is rejected here too.
      pageOf([], paging);
      return {
        name: query.name,
        calls: counts.carryingCalls,
        share: shareOf(counts.carryingCalls, counts.totalCalls),
        withheld: true,
        reason: WITHHELD_REASON,
        distinctValues: null,
        values: [],
        totalCalls: counts.totalCalls,
        nextCursor: null,
        ...timing,
      };
    }

    const counts = await this.repository.values(scope, {
      selection: query,
      name: query.name,
      top: query.top,
    });
    const page = pageOf(rankValues(counts, query.top), paging);
    return {
      name: query.name,
      calls: counts.carryingCalls,
      share: shareOf(counts.carryingCalls, counts.totalCalls),
      withheld: false,
      reason: null,
      distinctValues: counts.distinctValues,
      values: page.items,
      totalCalls: counts.totalCalls,
      nextCursor: page.nextCursor,
      ...timing,
    };
  }
}

function rankValues(counts: ParameterValueCounts, top: number): ParameterValueRow[] {
  const rows = counts.values.map((entry) => ({
    ...entry,
    share: shareOf(entry.calls, counts.carryingCalls),
    other: false,
  }));
  if (counts.distinctValues <= top) {
    return rows;
  }

  const other = {
    value: OTHER_GROUP,
    calls: counts.otherValueCalls,
    share: shareOf(counts.otherValueCalls, counts.carryingCalls),
    other: true,
  };
  return [...rows, other];
}
