import { EVENT_COLUMNS, EventColumn } from '../event-schema';
import { QUOTA_RECORD_TABLES, RecordTable } from '../quota-schema';

/**
 * The Azure Data Explorer schema, derived from EVENT_COLUMNS: the events table, its policies, the
 * JSON ingestion mapping of the canonical event record and the hourly and daily rollups. The
 * scripts under `kusto/` are generated from these definitions (`kusto-schema --write`), and a
 * test checks that the files and this code agree.
 */
export const EVENTS_TABLE_NAME = 'Events';
export const EVENTS_JSON_MAPPING_NAME = 'EventsJson';

/** Days a raw event is kept, and days the hourly and daily rollups are kept. */
export const RETENTION_DAYS = { events: 400, hourly: 400, daily: 1830 } as const;

/** Upper bound of hash partitions per extent set; more partitions than tenants gains nothing. */
export const TENANT_PARTITION_COUNT = 128;

/** Returns the events table schema in Kusto's `(Name:type, …)` form. */
export function eventsTableSchema(): string {
  return `(${EVENT_COLUMNS.map((column) => `${column.kustoName}:${column.kustoType}`).join(', ')})`;
}

/**
 * Returns the name of a field in the canonical NDJSON record (`timestamp`, `tenantId`…). The two instants
 * are epoch milliseconds in code and RFC 3339 text in the record, hence the dropped `Ms`.
 */
export function canonicalFieldName(column: EventColumn): string {
  return column.kustoType === 'datetime' ? column.field.replace(/Ms$/, '') : column.field;
}

export interface RollupView {
  name: string;
  /** bin() size of the view's time column `Period`. */
  bin: '1h' | '1d';
  retentionDays: number;
}

export const ROLLUP_VIEWS: readonly RollupView[] = [
  { name: 'EventsHourly', bin: '1h', retentionDays: RETENTION_DAYS.hourly },
  { name: 'EventsDaily', bin: '1d', retentionDays: RETENTION_DAYS.daily },
];

/** Columns of a rollup view, as the view's summarize produces them. */
export const ROLLUP_VIEW_SCHEMA =
  '(TenantId:string, ApiKeyId:string, Product:string, Endpoint:string, Method:string, StatusCode:int, Period:datetime, ' +
  'Calls:long, ClientErrors:long, ServerErrors:long, Transactions:long, LatencyDigest:dynamic)';

/**
 * Returns the view's query. Kusto allows one summarize at the end of a materialized view and no
 * tdigest_merge() in it, so both views read the events table. Queries merge the digests with
 * tdigest_merge() and read percentiles with percentiles_array_tdigest().
 *
 * The views keep the status code, not only its class, as the DuckDB rollups do, so the errors
 * report grouped by status code reads them too. Kusto cannot change the group-by keys of an
 * existing view: changing them means dropping and recreating the view, which backfills it.
 */
export function rollupViewQuery(view: RollupView): string {
  return [
    EVENTS_TABLE_NAME,
    '| summarize Calls = count(),',
    '    ClientErrors = countif(StatusCode >= 400 and StatusCode < 500),',
    '    ServerErrors = countif(StatusCode >= 500 and StatusCode < 600),',
    '    Transactions = sum(tolong(Transactions)),',
    '    LatencyDigest = tdigest(DurationMs)',
    `    by TenantId, ApiKeyId, Product, Endpoint, Method, StatusCode, Period = bin(Timestamp, ${view.bin})`,
  ].join('\n');
}

export interface KustoScript {
  /** File name under `kusto/`. */
  file: string;
  description: string;
  /** Management commands, applied in order; each is one request. */
  commands: string[];
}

export function kustoScripts(): KustoScript[] {
  return [
    {
      file: 'events-table.kql',
      description:
        'The events table, its retention and tenant partitioning, and the JSON ingestion mapping.',
      commands: eventsTableCommands(),
    },
    {
      file: 'quota-tables.kql',
      description:
        'The append-only quota records: plan assignments, limit overrides, credit grants and idempotency keys.',
      commands: quotaTableCommands(),
    },
    {
      file: 'rollup-views.kql',
      description:
        'Hourly and daily rollups of the events: counts, error counts, transactions and a latency t-digest.',
      commands: rollupViewCommands(),
    },
  ];
}

/** Hash partitioning on the tenant, so a query's tenant filter skips the extents of other tenants. */
const TENANT_PARTITIONING = {
  PartitionKeys: [
    {
      ColumnName: 'TenantId',
      Kind: 'Hash',
      Properties: {
        Function: 'XxHash64',
        MaxPartitionCount: TENANT_PARTITION_COUNT,
        Seed: 1,
        PartitionAssignmentMode: 'Uniform',
      },
    },
  ],
};

function eventsTableCommands(): string[] {
  const mapping = EVENT_COLUMNS.map((column) => ({
    column: column.kustoName,
    path: `$.${canonicalFieldName(column)}`,
    datatype: column.kustoType,
  }));

  return [
    `.create-merge table ${EVENTS_TABLE_NAME} ${eventsTableSchema()}`,
    `.alter-merge table ${EVENTS_TABLE_NAME} policy retention softdelete = ${RETENTION_DAYS.events}d recoverability = enabled`,
    `.alter table ${EVENTS_TABLE_NAME} policy partitioning \`\`\`${JSON.stringify(TENANT_PARTITIONING)}\`\`\``,
    `.create-or-alter table ${EVENTS_TABLE_NAME} ingestion json mapping "${EVENTS_JSON_MAPPING_NAME}" \`\`\`${JSON.stringify(mapping)}\`\`\``,
  ];
}

/** Returns a quota record table's schema in Kusto's `(Name:type, …)` form; every Kusto column is nullable. */
export function recordTableSchema(table: RecordTable): string {
  return `(${table.columns.map((column) => `${column.kustoName}:${column.kustoType}`).join(', ')})`;
}

/**
 * The quota tables keep every record for the audit trail, so they get no retention policy of
 * their own and follow the database's.
 */
function quotaTableCommands(): string[] {
  return QUOTA_RECORD_TABLES.map(
    (table) => `.create-merge table ${table.kustoName} ${recordTableSchema(table)}`,
  );
}

function rollupViewCommands(): string[] {
  return ROLLUP_VIEWS.flatMap((view) => [
    `.create-or-alter materialized-view ${view.name} on table ${EVENTS_TABLE_NAME}\n{\n${indent(rollupViewQuery(view))}\n}`,
    `.alter-merge materialized-view ${view.name} policy retention softdelete = ${view.retentionDays}d`,
    `.alter materialized-view ${view.name} policy partitioning \`\`\`${JSON.stringify(TENANT_PARTITIONING)}\`\`\``,
  ]);
}

/** Renders a script file: a comment header, then the commands separated by blank lines. */
export function renderKustoScript(script: KustoScript): string {
  const header = [
    `// ${script.description}`,
    '// Generated from libs/store/src/kusto/kusto-schema.ts by `kusto-schema --write`; edit that file, not this one.',
    '// Commands are separated by blank lines; `kusto-schema --apply` sends each one as a management request.',
  ];
  return `${header.join('\n')}\n\n${script.commands.join('\n\n')}\n`;
}

/** Splits a script file back into its commands: blocks separated by blank lines, comment lines dropped. */
export function parseKustoScript(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('//'))
        .join('\n')
        .trim(),
    )
    .filter((block) => block.length > 0);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
