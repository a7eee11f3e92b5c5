import { TenantScope } from '@analytics/common';
import { eventSelectionKql, KqlEventSelection, KqlParameters } from '@analytics/store';
import { ParameterSelection } from '../parameters.types';

/** A query text without its declaration statement, and the values it declares. */
export interface KqlStatement {
  text: string;
  params: KqlParameters;
}

/**
 * Upper bound of names expanded per request shape. The ingest keeps at most 50 parameters per
 * call, so this bound never cuts a shape written by this service's importer.
 */
export const MAX_NAMES_PER_SHAPE = 1000;

/**
 * Separator of the names in a shape's sort key. Joined with a character below every name
 * character, the texts sort as DuckDB sorts the name lists: element by element, a prefix first.
 */
export const SHAPE_SORT_SEPARATOR = '\u0001';

/** Converts a selection to event filters. The endpoint is always one, so every query reads one endpoint of one tenant. */
function toKqlSelection(selection: ParameterSelection): KqlEventSelection {
  const { product, apiKey } = selection.filters;
  const filters = [{ expression: 'Endpoint', values: [selection.endpoint] }];
  if (product && product.length > 0) {
    filters.push({ expression: 'Product', values: product });
  }
  if (apiKey && apiKey.length > 0) {
    filters.push({ expression: 'ApiKeyId', values: apiKey });
  }
  return { fromMs: selection.fromMs, toMs: selection.toMs, filters };
}

/**
 * Counts calls per parameter name and per shape (the sorted name list) in one query, so the
 * totals, the top rows and the "(other)" counts come from one snapshot. The scan aggregates by
 * shape, and the name counts follow from the shapes, because the keys of a property bag are
 * unique. Counts leave Kusto as text and are read exactly.
 */
export function parameterUsageKql(request: {
  scope: TenantScope;
  selection: ParameterSelection;
  top: number;
}): KqlStatement {
  const params = new KqlParameters();
  const source = eventSelectionKql(request.scope, toKqlSelection(request.selection), params);
  const top = params.addLong('top', Math.trunc(request.top));
  const separator = params.addString('separator', SHAPE_SORT_SEPARATOR);

  const text = [
    'let ShapeCalls = materialize(',
    indent(source),
    '    | extend Shape = array_sort_asc(bag_keys(Params))',
    '    | summarize Calls = count(), Shape = take_any(Shape) by ShapeText = tostring(Shape)',
    `    | extend SortKey = strcat_array(Shape, ${separator}), NameCount = array_length(Shape));`,
    'let NameCalls = materialize(ShapeCalls',
    `    | mv-expand Name = Shape to typeof(string) limit ${MAX_NAMES_PER_SHAPE}`,
    '    | summarize Calls = sum(Calls) by Name);',
    `let TopNames = NameCalls | sort by Calls desc, Name asc | take ${top};`,
    'let TopNameList = toscalar(TopNames | summarize make_list(Name));',
    `let TopShapes = ShapeCalls | sort by Calls desc, SortKey asc, NameCount asc | take ${top};`,
    'print TotalCalls = tostring(toscalar(ShapeCalls | summarize sum(Calls))),',
    '    DistinctNames = tostring(toscalar(NameCalls | count)),',
    '    TopNames = toscalar(TopNames | summarize make_list(pack_array(Name, tostring(Calls)))),',
    '    OtherNameCalls = tostring(toscalar(ShapeCalls',
    '        | where array_length(set_difference(Shape, TopNameList)) > 0',
    '        | summarize sum(Calls))),',
    '    DistinctShapes = tostring(toscalar(ShapeCalls | count)),',
    '    TopShapes = toscalar(TopShapes | summarize make_list(pack_array(Shape, tostring(Calls)))),',
    '    TopShapeCalls = tostring(toscalar(TopShapes | summarize sum(Calls)))',
  ].join('\n');

  return { text, params };
}

/**
 * Counts calls per value of one parameter in one query; the name is a query parameter. The scan
 * aggregates by (carries the name, value), so only the distinct values are held in memory.
 */
export function parameterValuesKql(request: {
  scope: TenantScope;
  selection: ParameterSelection;
  name: string;
  top: number;
}): KqlStatement {
  const params = new KqlParameters();
  const source = eventSelectionKql(request.scope, toKqlSelection(request.selection), params);
  const name = params.addString('name', request.name);
  const top = params.addLong('top', Math.trunc(request.top));

  const text = [
    'let ValueCalls = materialize(',
    indent(source),
    `    | summarize Calls = count() by Carries = bag_has_key(Params, ${name}), Value = tostring(Params[${name}]));`,
    'let Carried = ValueCalls | where Carries;',
    `let TopValues = Carried | sort by Calls desc, Value asc | take ${top};`,
    'print TotalCalls = tostring(toscalar(ValueCalls | summarize sum(Calls))),',
    '    CarryingCalls = tostring(toscalar(Carried | summarize sum(Calls))),',
    '    DistinctValues = tostring(toscalar(Carried | count)),',
    '    TopValues = toscalar(TopValues | summarize make_list(pack_array(Value, tostring(Calls)))),',
    '    TopValueCalls = tostring(toscalar(TopValues | summarize sum(Calls)))',
  ].join('\n');

  return { text, params };
}

/** Counts the calls that carried one parameter; the query never reads a value. */
export function parameterCallsKql(request: {
  scope: TenantScope;
  selection: ParameterSelection;
  name: string;
}): KqlStatement {
  const params = new KqlParameters();
  const source = eventSelectionKql(request.scope, toKqlSelection(request.selection), params);
  const name = params.addString('name', request.name);

  const text = [
    source,
    `| summarize TotalCalls = count(), CarryingCalls = countif(bag_has_key(Params, ${name}))`,
    '| project TotalCalls = tostring(TotalCalls), CarryingCalls = tostring(CarryingCalls)',
  ].join('\n');

  return { text, params };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
