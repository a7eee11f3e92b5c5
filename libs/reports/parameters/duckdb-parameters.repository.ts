import { TenantScope } from '@analytics/common';
import { toCount } from '@analytics/reports/shared';
import { DuckDbStore } from '@analytics/store';
import {
  parameterCallsSql,
  parameterUsageSql,
  parameterValuesSql,
} from './duckdb/parameter-usage-sql';
import { ParametersRepository } from './parameters.repository';
import {
  NameCount,
  ParameterCallCounts,
  ParameterSelection,
  ParameterUsageCounts,
  ParameterValueCounts,
  ShapeCount,
  ValueCount,
} from './parameters.types';

export class DuckDbParametersRepository extends ParametersRepository {
  constructor(readonly store: DuckDbStore) {
    super();
  }

  async usage(
    scope: TenantScope,
    request: { selection: ParameterSelection; top: number },
  ): Promise<ParameterUsageCounts> {
    const { sql, params } = parameterUsageSql({ scope, ...request });
    const [row] = await this.store.query(sql, params.values);

    return {
      totalCalls: toCount(row.total_calls),
      names: structsOf(row.top_names).map((entry): NameCount => ({
        name: String(entry.name),
        calls: toCount(entry.calls),
      })),
      distinctNames: toCount(row.distinct_names),
      otherNameCalls: toCount(row.other_name_calls),
      shapes: structsOf(row.top_shapes).map((entry): ShapeCount => ({
        parameters: stringsOf(entry.parameters),
        calls: toCount(entry.calls),
      })),
      distinctShapes: toCount(row.distinct_shapes),
      otherShapeCalls: toCount(row.other_shape_calls),
    };
  }

  async values(
    scope: TenantScope,
    request: { selection: ParameterSelection; name: string; top: number },
  ): Promise<ParameterValueCounts> {
    const { sql, params } = parameterValuesSql({ scope, ...request });
    const [row] = await this.store.query(sql, params.values);

    return {
      totalCalls: toCount(row.total_calls),
      carryingCalls: toCount(row.carrying_calls),
      values: structsOf(row.top_values).map((entry): ValueCount => ({
        value: String(entry.value),
        calls: toCount(entry.calls),
      })),
      distinctValues: toCount(row.distinct_values),
      otherValueCalls: toCount(row.other_value_calls),
    };
  }

  async calls(
    scope: TenantScope,
    request: { selection: ParameterSelection; name: string },
  ): Promise<ParameterCallCounts> {
    const { sql, params } = parameterCallsSql({ scope, ...request });
    const [row] = await this.store.query(sql, params.values);

    return { totalCalls: toCount(row.total_calls), carryingCalls: toCount(row.carrying_calls) };
  }
}

/** Converts a DuckDB list of structs to objects. NULL, the list aggregate of no rows, becomes an empty list. */
function structsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
