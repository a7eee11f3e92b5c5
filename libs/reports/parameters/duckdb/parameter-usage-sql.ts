import { TenantScope } from '@analytics/common';
import { EventSelection, eventWhereSql, SqlParameters } from '@analytics/store';
import { ParameterSelection } from '../parameters.types';

type Statement = { sql: string; params: SqlParameters };

/** Converts a selection to store filters. The endpoint is always one, so every statement scans one endpoint of one tenant. */
function toEventSelection(selection: ParameterSelection): EventSelection {
  const { product, apiKey } = selection.filters;
  const filters = [{ column: 'endpoint', values: [selection.endpoint] }];
  if (product && product.length > 0) {
    filters.push({ column: 'product', values: product });
  }
  if (apiKey && apiKey.length > 0) {
    filters.push({ column: 'api_key_id', values: apiKey });
  }
  return { fromMs: selection.fromMs, toMs: selection.toMs, filters };
}

/**
 * Counts calls per parameter name and per shape (the sorted name list) in one statement, so the
 * totals, the top rows and the "(other)" counts come from one snapshot. The scan aggregates by
 * shape, so only the distinct shapes are held in memory, and the name counts follow from them
 * because the names of a call are the names of its shape (DuckDB map keys are unique).
 */
export function parameterUsageSql(request: {
  scope: TenantScope;
  selection: ParameterSelection;
  top: number;
}): Statement {
  const params = new SqlParameters();
  const top = Math.trunc(request.top);

  const sql = `
    WITH shape_calls AS MATERIALIZED (
      SELECT list_sort(map_keys(params)) AS shape, count(*) AS calls
      FROM events
      WHERE ${eventWhereSql(request.scope, toEventSelection(request.selection), params)}
      GROUP BY shape
    ),
    name_calls AS (
      SELECT name, sum(calls) AS calls FROM (SELECT unnest(shape) AS name, calls FROM shape_calls) GROUP BY name
    ),
    top_names AS (
      SELECT name, calls FROM name_calls ORDER BY calls DESC, name ASC LIMIT ${top}
    ),
    top_shapes AS (
      SELECT shape, calls FROM shape_calls ORDER BY calls DESC, shape ASC LIMIT ${top}
    )
    SELECT
      (SELECT coalesce(sum(calls), 0) FROM shape_calls) AS total_calls,
      (SELECT count(*) FROM name_calls) AS distinct_names,
      (SELECT list({'name': name, 'calls': calls} ORDER BY calls DESC, name ASC) FROM top_names) AS top_names,
      (SELECT coalesce(sum(calls), 0) FROM shape_calls
        WHERE NOT list_has_all((SELECT coalesce(list(name), []::VARCHAR[]) FROM top_names), shape)) AS other_name_calls,
      (SELECT count(*) FROM shape_calls) AS distinct_shapes,
      (SELECT list({'parameters': shape, 'calls': calls} ORDER BY calls DESC, shape ASC) FROM top_shapes) AS top_shapes,
      (SELECT coalesce(sum(calls), 0) FROM shape_calls) - (SELECT coalesce(sum(calls), 0) FROM top_shapes) AS other_shape_calls`;

  return { sql, params };
}

/**
 * Counts calls per value of one parameter in one statement; the name is a bound parameter. The
 * scan aggregates by (carries the name, value), so only the distinct values are held in memory.
 */
export function parameterValuesSql(request: {
  scope: TenantScope;
  selection: ParameterSelection;
  name: string;
  top: number;
}): Statement {
  const params = new SqlParameters();
  const where = eventWhereSql(request.scope, toEventSelection(request.selection), params);
  const name = params.add(request.name);
  const top = Math.trunc(request.top);

  const sql = `
    WITH value_calls AS MATERIALIZED (
      SELECT map_contains(params, ${name}) AS carries, map_extract_value(params, ${name}) AS value, count(*) AS calls
      FROM events
      WHERE ${where}
      GROUP BY carries, value
    ),
    carried AS (
      SELECT value, calls FROM value_calls WHERE carries
    ),
    top_values AS (
      SELECT value, calls FROM carried ORDER BY calls DESC, value ASC LIMIT ${top}
    )
    SELECT
      (SELECT coalesce(sum(calls), 0) FROM value_calls) AS total_calls,
      (SELECT coalesce(sum(calls), 0) FROM carried) AS carrying_calls,
      (SELECT count(*) FROM carried) AS distinct_values,
      (SELECT list({'value': value, 'calls': calls} ORDER BY calls DESC, value ASC) FROM top_values) AS top_values,
      (SELECT coalesce(sum(calls), 0) FROM carried) - (SELECT coalesce(sum(calls), 0) FROM top_values) AS other_value_calls`;

  return { sql, params };
}

/** Counts the calls that carried one parameter; the statement never selects a value. */
export function parameterCallsSql(request: {
  scope: TenantScope;
  selection: ParameterSelection;
  name: string;
}): Statement {
  const params = new SqlParameters();
  const where = eventWhereSql(request.scope, toEventSelection(request.selection), params);
  const name = params.add(request.name);

  const sql = `
    SELECT count(*) AS total_calls, count(*) FILTER (WHERE map_contains(params, ${name})) AS carrying_calls
    FROM events
    WHERE ${where}`;

  return { sql, params };
}
