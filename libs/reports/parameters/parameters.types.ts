/**
 * Maximum range of a parameters report, in days. Parameters are not bucketed over time, so
 * this alone bounds the rows one request scans (one endpoint of one tenant).
 */
export const MAX_PARAMETER_RANGE_DAYS = 92;

/** Cap and default of `top` for parameter names and request shapes. */
export const MAX_NAMES_TOP = 200;
export const DEFAULT_NAMES_TOP = 50;

/** Cap and default of `top` for the values of one parameter. */
export const MAX_VALUES_TOP = 1000;
export const DEFAULT_VALUES_TOP = 100;

export const MAX_PARAMETER_NAME_LENGTH = 128;

/** The calls a parameters report reads: one endpoint in a half-open range, optionally narrowed. */
export interface ParameterSelection {
  fromMs: number;
  toMs: number;
  /** Route template, e.g. `/search/2/geocode/{query}.json`. */
  endpoint: string;
  /** Accepted values per filter. An absent or empty list does not filter. */
  filters: { product?: string[]; apiKey?: string[] };
}

export interface NameCount {
  name: string;
  /** Calls whose query string carried the name. */
  calls: number;
}

export interface ShapeCount {
  /** The parameter names of a call, sorted. The empty list is a call without parameters. */
  parameters: string[];
  calls: number;
}

export interface ValueCount {
  value: string;
  calls: number;
}

/** Name and shape counts of a selection, all read in one statement so they agree. */
export interface ParameterUsageCounts {
  totalCalls: number;
  /** At most `top` names ranked by calls, ties broken by name. */
  names: NameCount[];
  distinctNames: number;
  /** Calls that carried at least one name outside `names`. */
  otherNameCalls: number;
  /** At most `top` shapes ranked by calls, ties broken by the sorted name list. */
  shapes: ShapeCount[];
  distinctShapes: number;
  /** Calls whose shape is outside `shapes`. */
  otherShapeCalls: number;
}

/** Value counts of one parameter in a selection, all read in one statement so they agree. */
export interface ParameterValueCounts {
  totalCalls: number;
  /** Calls that carried the parameter. */
  carryingCalls: number;
  /** At most `top` values ranked by calls, ties broken by value. */
  values: ValueCount[];
  distinctValues: number;
  /** Carrying calls whose value is outside `values`. */
  otherValueCalls: number;
}

/** How often one parameter occurs, without its values. */
export interface ParameterCallCounts {
  totalCalls: number;
  carryingCalls: number;
}

/** Divides `calls` by `total` and rounds to 6 decimals, giving 0 when `total` is 0. */
export function shareOf(calls: number, total: number): number {
  if (total === 0) {
    return 0;
  }
  return Math.round((calls / total) * 1e6) / 1e6;
}
