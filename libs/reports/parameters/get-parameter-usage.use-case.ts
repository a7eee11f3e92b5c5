import { Injectable } from '@nestjs/common';
import { CursorCodec, TenantScope } from '@analytics/common';
import { OTHER_GROUP, pageOf, ReportDependencies } from '@analytics/reports/shared';
import { assertParameterRange, bindingPartsOf, ParametersQuery } from './parameters-query';
import { ParametersRepository } from './parameters.repository';
import { ParameterUsageCounts, shareOf } from './parameters.types';
import { SecretParameterPolicy } from './secret-parameter.policy';

export interface ParameterNameRow {
  name: string;
  calls: number;
  share: number;
  valuesWithheld: boolean;
  /** True on the merged row; its calls are the calls that carried any name outside the top N. */
  other: boolean;
}

export interface RequestShapeRow {
  parameters: string[];
  calls: number;
  share: number;
  other: boolean;
}

export interface ParameterUsageReport {
  totalCalls: number;
  /** One page of the ranked names, the "(other)" row last. */
  parameters: ParameterNameRow[];
  /** The top shapes and the "(other)" row; not paged. */
  shapes: RequestShapeRow[];
  distinctParameters: number;
  distinctShapes: number;
  limit: number;
  nextCursor: string | null;
  generatedAtMs: number;
  freshUntilMs: number;
}

/**
 * Ranks the parameter names and request shapes of one endpoint by the calls that carried them.
 * Shares are fractions of all calls of the endpoint in the range, so name shares need not sum to 1.
 */
@Injectable()
export class GetParameterUsageUseCase {
  constructor(
    private readonly repository: ParametersRepository,
    private readonly dependencies: ReportDependencies,
    private readonly secrets: SecretParameterPolicy,
  ) {}

  async execute(scope: TenantScope, query: ParametersQuery): Promise<ParameterUsageReport> {
    assertParameterRange(query);
    const { clock, cursorCodec, freshness } = this.dependencies;
    const nowMs = clock.nowMs();

    const counts = await this.repository.usage(scope, { selection: query, top: query.top });
    const binding = CursorCodec.bindingOf([scope.tenantId, ...bindingPartsOf('parameters', query)]);
    const page = pageOf(this.rankNames(counts, query.top), {
      codec: cursorCodec,
      binding,
      cursor: query.cursor,
      limit: query.limit,
    });

    return {
      totalCalls: counts.totalCalls,
      parameters: page.items,
      shapes: rankShapes(counts, query.top),
      distinctParameters: counts.distinctNames,
      distinctShapes: counts.distinctShapes,
      limit: query.limit,
      nextCursor: page.nextCursor,
      generatedAtMs: nowMs,
      freshUntilMs: nowMs + freshness.ttlMs(query, nowMs),
    };
  }

  private rankNames(counts: ParameterUsageCounts, top: number): ParameterNameRow[] {
    const rows = counts.names.map((entry) => ({
      name: entry.name,
      calls: entry.calls,
      share: shareOf(entry.calls, counts.totalCalls),
      valuesWithheld: this.secrets.isSecret(entry.name),
      other: false,
    }));
    if (counts.distinctNames <= top) {
      return rows;
    }

    const other = {
      name: OTHER_GROUP,
      calls: counts.otherNameCalls,
      share: shareOf(counts.otherNameCalls, counts.totalCalls),
      valuesWithheld: false,
      other: true,
    };
    return [...rows, other];
  }
}

function rankShapes(counts: ParameterUsageCounts, top: number): RequestShapeRow[] {
  const rows = counts.shapes.map((entry) => ({
    ...entry,
    share: shareOf(entry.calls, counts.totalCalls),
    other: false,
  }));
  if (counts.distinctShapes <= top) {
    return rows;
  }

  const other = {
    parameters: [OTHER_GROUP],
    calls: counts.otherShapeCalls,
    share: shareOf(counts.otherShapeCalls, counts.totalCalls),
    other: true,
  };
  return [...rows, other];
}
