import { TenantScope } from '@analytics/common';
import { EventSelection, eventWhereSql, SqlParameters } from '@analytics/store';
import { ParameterSelection } from '../parameters.types';

type Statement = { sql: string; params: SqlParameters };

/** The endpoint is always a filter, so every statement scans one endpoint of one tenant. */
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
 * totals, the top rows and the "(other)" counts come from one snapshot. DuckDB map keys are
 * unique, so counting unnested keys counts the calls that carried each name.
 */
export function parameterUsageSql(request: { scope: TenantScope; selection: ParameterSelection; top: number }): Statement {
  const params = new SqlParameters();
  const top = Math.trunc(request.top);

  const sql = `
    WITH selected AS MATERIALIZED (
      SELECT map_keys(params) AS names
      FROM events
      WHERE ${eventWhereSql(request.scope, toEventSelection(request.selection), params)}
    ),
    name_calls AS (
      SELECT name, count(*) AS calls FROM (SELECT unnest(names) AS name FROM selected) GROUP BY name
    ),
    top_names AS (
      SELECT name, calls FROM name_calls ORDER BY calls DESC, name ASC LIMIT ${top}
    ),
    shape_calls AS (
      SELECT list_sort(names) AS shape, count(*) AS calls FROM selected GROUP BY shape
    ),
    top_shapes AS (
      SELECT shape, calls FROM shape_calls ORDER BY calls DESC, shape ASC LIMIT ${top}
    )
    SELECT
      (SELECT count(*) FROM selected) AS total_calls,
      (SELECT count(*) FROM name_calls) AS distinct_names,
      (SELECT list({'name': name, 'calls': calls} ORDER BY calls DESC, name ASC) FROM top_names) AS top_names,
      (SELECT count(*) FROM selected
        WHERE NOT list_has_all((SELECT coalesce(list(name), []::VARCHAR[]) FROM top_names), names)) AS other_name_calls,
      (SELECT count(*) FROM shape_calls) AS distinct_shapes,
      (SELECT list({'parameters': shape, 'calls': calls} ORDER BY calls DESC, shape ASC) FROM top_shapes) AS top_shapes,
      (SELECT count(*) FROM selected) - (SELECT coalesce(sum(calls), 0) FROM top_shapes) AS other_shape_calls`;

  return { sql, params };
}

/** Counts calls per value of one parameter in one statement; the name is a bound parameter. */
export function parameterValuesSql(request: { scope: TenantScope; selection: ParameterSelection; name: string; top: number }): Statement {
  const params = new SqlParameters();
  const where = eventWhereSql(request.scope, toEventSelection(request.selection), params);
  const name = params.add(request.name);
  const top = Math.trunc(request.top);

  const sql = `
    WITH selected AS MATERIALIZED (
      SELECT params FROM events WHERE ${where}
    ),
    carrying AS MATERIALIZED (
      SELECT map_extract_value(params, ${name}) AS value FROM selected WHERE map_contains(params, ${name})
    ),
    value_calls AS (
      SELECT value, count(*) AS calls FROM carrying GROUP BY value
    ),
    top_values AS (
      SELECT value, calls FROM value_calls ORDER BY calls DESC, value ASC LIMIT ${top}
    )
    SELECT
      (SELECT count(*) FROM selected) AS total_calls,
      (SELECT count(*) FROM carrying) AS carrying_calls,
      (SELECT count(*) FROM value_calls) AS distinct_values,
      (SELECT list({'value': value, 'calls': calls} ORDER BY calls DESC, value ASC) FROM top_values) AS top_values,
      (SELECT count(*) FROM carrying) - (SELECT coalesce(sum(calls), 0) FROM top_values) AS other_value_calls`;

  return { sql, params };
}

/** Counts the calls that carried one parameter; the statement never selects a value. */
export function parameterCallsSql(request: { scope: TenantScope; selection: ParameterSelection; name: string }): Statement {
  const params = new SqlParameters();
  const where = eventWhereSql(request.scope, toEventSelection(request.selection), params);
  const name = params.add(request.name);

  const sql = `
    SELECT count(*) AS total_calls, count(*) FILTER (WHERE map_contains(params, ${name})) AS carrying_calls
    FROM events
    WHERE ${where}`;

  return { sql, params };
}
