import { TenantScope } from '@analytics/common';
import { SqlParameters } from './sql-parameters';

/** Events a report reads: a half-open time range plus equality filters per column. */
export interface EventSelection {
  fromMs: number;
  toMs: number;
  /** Column SQL name → accepted values; an event matches when its value is one of them. */
  filters: { column: string; values: string[] }[];
  /** Extra predicates written by an adapter (never from caller text), ANDed after the filters. */
  predicates?: string[];
}

/**
 * The WHERE clause of every event query. The tenant predicate comes first and cannot be left out:
 * the function takes the scope, not a tenant id that a caller could have chosen. `timeColumn`
 * is `period_start` when a rollup table is read.
 */
export function eventWhereSql(
  scope: TenantScope,
  selection: EventSelection,
  params: SqlParameters,
  timeColumn = 'timestamp',
): string {
  const conditions = [
    `tenant_id = ${params.add(scope.tenantId)}`,
    `${timeColumn} >= ${params.addTimestamp(selection.fromMs)}`,
    `${timeColumn} < ${params.addTimestamp(selection.toMs)}`,
  ];

  for (const filter of selection.filters) {
    conditions.push(`list_contains(${params.addStringList(filter.values)}, ${filter.column})`);
  }
  conditions.push(...(selection.predicates ?? []));

  return conditions.join(' AND ');
}

/** Groups a report pages through: keys of the listed groups, or every group except them. */
export type GroupRestriction = { only: string[][] } | { except: string[][] };

export function groupRestrictionSql(
  columns: string[],
  restriction: GroupRestriction,
  params: SqlParameters,
): string {
  if (columns.length === 0) {
    return 'true';
  }

  const tuple = `[${columns.map((column) => `CAST(${column} AS VARCHAR)`).join(', ')}]`;
  if ('only' in restriction) {
    return `list_contains(${params.addKeyList(restriction.only)}, ${tuple})`;
  }
  return restriction.except.length === 0
    ? 'true'
    : `NOT list_contains(${params.addKeyList(restriction.except)}, ${tuple})`;
}
