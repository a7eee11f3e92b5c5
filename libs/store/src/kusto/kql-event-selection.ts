import { TenantScope } from '@analytics/common';
import { KqlEventSource, RAW_KQL_SOURCE } from './kql-event-source';
import { KqlParameters } from './kql-parameters';

/** Events a report reads: a half-open time range plus equality filters per column. */
export interface KqlEventSelection {
  fromMs: number;
  toMs: number;
  /** KQL expression of a column (from a fixed map, never caller text) → accepted values. */
  filters: { expression: string; values: string[] }[];
  /** Extra predicates written by an adapter (never from caller text), ANDed after the filters. */
  predicates?: string[];
}

/**
 * Builds the source and filters of every event query. The tenant predicate comes first and cannot be
 * left out: the function takes the scope, not a tenant id that a caller could have chosen. With
 * the hash partitioning policy on TenantId, Kusto skips other tenants' extents on this filter.
 * `source` is the events table or a rollup view; predicates may use only its columns.
 */
export function eventSelectionKql(
  scope: TenantScope,
  selection: KqlEventSelection,
  params: KqlParameters,
  source: KqlEventSource = RAW_KQL_SOURCE,
): string {
  const time = source.timeColumn;
  const lines = [
    source.table,
    `| where TenantId == ${params.addString('tenant', scope.tenantId)}`,
    `| where ${time} >= ${params.addDatetime('from', selection.fromMs)} and ${time} < ${params.addDatetime('to', selection.toMs)}`,
  ];

  for (const filter of selection.filters) {
    lines.push(`| where ${filter.expression} in (${params.addDynamic('filter', filter.values)})`);
  }
  for (const predicate of selection.predicates ?? []) {
    lines.push(`| where ${predicate}`);
  }
  return lines.join('\n');
}

/** Groups a report pages through: keys of the listed groups, or every group except them. */
export type KqlGroupRestriction = { only: string[][] } | { except: string[][] };

/**
 * Keeps the rows whose key columns `k0…kN` match (`only`) or do not match (`except`) the listed
 * keys. The keys travel as one dynamic parameter and are expanded into a small table that
 * `lookup` broadcasts, so no key text reaches the query.
 */
export function groupRestrictionKql(
  keyCount: number,
  restriction: KqlGroupRestriction,
  params: KqlParameters,
): string {
  if (keyCount === 0) {
    return '';
  }

  const keys = 'only' in restriction ? restriction.only : restriction.except;
  if ('except' in restriction && keys.length === 0) {
    return '';
  }

  const names = Array.from({ length: keyCount }, (_, index) => `k${index}`);
  const listed =
    `(print GroupKey = ${params.addDynamic('groups', keys)} | mv-expand GroupKey to typeof(dynamic)` +
    ` | project ${names.map((name, index) => `${name} = tostring(GroupKey[${index}])`).join(', ')}, Listed = true)`;

  if ('only' in restriction) {
    return `\n| lookup kind=inner ${listed} on ${names.join(', ')}\n| project-away Listed`;
  }
  return `\n| lookup kind=leftouter ${listed} on ${names.join(', ')}\n| where isnull(Listed)\n| project-away Listed`;
}
