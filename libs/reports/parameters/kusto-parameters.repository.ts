import { TenantScope } from '@analytics/common';
import {
  KustoQueryRunner,
  KustoRow,
  KustoValueError,
  readCount,
  readDynamic,
} from '@analytics/store';
import {
  parameterCallsKql,
  parameterUsageKql,
  parameterValuesKql,
} from './kusto/parameter-usage-kql';
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

/**
 * Parameter usage from the raw events in Azure Data Explorer, where `Params` is a dynamic
 * property bag. Each report is one query, so its totals and top rows agree.
 *
 * NOTE: Kusto chooses which rows make the top N. Where calls tie at that boundary, it compares the
 * names as Kusto sorts strings. This is DuckDB's byte order for ASCII names, but it is unproven
 * beyond ASCII. Names that contain U+0001 can also sort differently. The rows returned are then
 * ordered here in byte order, as DuckDB orders them.
 */
export class KustoParametersRepository extends ParametersRepository {
  constructor(private readonly runner: KustoQueryRunner) {
    super();
  }

  async usage(
    scope: TenantScope,
    request: { selection: ParameterSelection; top: number },
  ): Promise<ParameterUsageCounts> {
    const { text, params } = parameterUsageKql({ scope, ...request });
    const row = onlyRow(await this.runner.query(text, params));

    const names = pairsOf(row.TopNames, 'TopNames').map(([name, calls]): NameCount => ({
      name: String(name),
      calls: readCount(calls, 'TopNames'),
    }));
    const shapes = pairsOf(row.TopShapes, 'TopShapes').map(([shape, calls]): ShapeCount => ({
      parameters: stringsOf(shape),
      calls: readCount(calls, 'TopShapes'),
    }));
    const totalCalls = readCount(row.TotalCalls, 'TotalCalls');

    return {
      totalCalls,
      names: names.sort(
        (left, right) => right.calls - left.calls || compareBytes(left.name, right.name),
      ),
      distinctNames: readCount(row.DistinctNames, 'DistinctNames'),
      otherNameCalls: readCount(row.OtherNameCalls, 'OtherNameCalls'),
      shapes: shapes.sort(
        (left, right) =>
          right.calls - left.calls || compareLists(left.parameters, right.parameters),
      ),
      distinctShapes: readCount(row.DistinctShapes, 'DistinctShapes'),
      otherShapeCalls: totalCalls - readCount(row.TopShapeCalls, 'TopShapeCalls'),
    };
  }

  async values(
    scope: TenantScope,
    request: { selection: ParameterSelection; name: string; top: number },
  ): Promise<ParameterValueCounts> {
    const { text, params } = parameterValuesKql({ scope, ...request });
    const row = onlyRow(await this.runner.query(text, params));

    const values = pairsOf(row.TopValues, 'TopValues').map(([value, calls]): ValueCount => ({
      value: String(value),
      calls: readCount(calls, 'TopValues'),
    }));
    const carryingCalls = readCount(row.CarryingCalls, 'CarryingCalls');

    return {
      totalCalls: readCount(row.TotalCalls, 'TotalCalls'),
      carryingCalls,
      values: values.sort(
        (left, right) => right.calls - left.calls || compareBytes(left.value, right.value),
      ),
      distinctValues: readCount(row.DistinctValues, 'DistinctValues'),
      otherValueCalls: carryingCalls - readCount(row.TopValueCalls, 'TopValueCalls'),
    };
  }

  async calls(
    scope: TenantScope,
    request: { selection: ParameterSelection; name: string },
  ): Promise<ParameterCallCounts> {
    const { text, params } = parameterCallsKql({ scope, ...request });
    const row = onlyRow(await this.runner.query(text, params));

    return {
      totalCalls: readCount(row.TotalCalls, 'TotalCalls'),
      carryingCalls: readCount(row.CarryingCalls, 'CarryingCalls'),
    };
  }
}

function onlyRow(rows: KustoRow[]): KustoRow {
  if (rows.length !== 1) {
    throw new KustoValueError(`A parameters query must return one row, got ${rows.length}`);
  }
  return rows[0];
}

/** Reads a `make_list(pack_array(...))` column; an aggregate of no rows may arrive as null or an empty list. */
function pairsOf(value: unknown, column: string): unknown[][] {
  const list = readDynamic(value);
  if (list === null || list === undefined || list === '') {
    return [];
  }
  if (!Array.isArray(list) || !list.every((pair) => Array.isArray(pair) && pair.length === 2)) {
    throw new KustoValueError(
      `Column ${column} must hold a list of pairs, got ${JSON.stringify(value)}`,
    );
  }
  return list as unknown[][];
}

function stringsOf(value: unknown): string[] {
  const list = readDynamic(value);
  return Array.isArray(list) ? list.map(String) : [];
}

/** Compares strings by their UTF-8 bytes, as DuckDB orders VARCHAR. */
function compareBytes(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

/** Compares name lists element by element, a prefix first, as DuckDB orders lists. */
function compareLists(left: string[], right: string[]): number {
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const order = compareBytes(left[index], right[index]);
    if (order !== 0) {
      return order;
    }
  }
  return left.length - right.length;
}
