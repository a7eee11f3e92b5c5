/**
 * The usage event: one row per API call that passed the gateway. This list is the one definition
 * of the schema; the DuckDB DDL, the staging tables of the importers and the Kusto scripts are
 * derived from it, and tests check each of them against it.
 */
export interface UsageEvent {
  /** When the gateway received the call, epoch milliseconds, UTC. */
  timestampMs: number;
  /** When the row reached the store, epoch milliseconds, UTC. */
  ingestedAtMs: number;
  tenantId: string;
  apiKeyId: string;
  product: string;
  /** Route template such as `/search/2/geocode/{query}.json`, never the raw path. */
  endpoint: string;
  method: string;
  statusCode: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  /** Billable units this call counts for, usually 1. */
  transactions: number;
  region: string;
  /** Query parameter name to value, as the gateway logged it. */
  params: Record<string, string>;
}

export type KustoType = 'datetime' | 'string' | 'int' | 'long' | 'real' | 'dynamic';
export type DuckDbType =
  'TIMESTAMPTZ' | 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'MAP(VARCHAR, VARCHAR)';

export interface EventColumn {
  field: keyof UsageEvent;
  /** Column name in Kusto, PascalCase as ADX tables are usually named. */
  kustoName: string;
  kustoType: KustoType;
  /** Column name in DuckDB, snake_case. */
  duckDbName: string;
  duckDbType: DuckDbType;
}

export const EVENT_COLUMNS: readonly EventColumn[] = [
  {
    field: 'timestampMs',
    kustoName: 'Timestamp',
    kustoType: 'datetime',
    duckDbName: 'timestamp',
    duckDbType: 'TIMESTAMPTZ',
  },
  {
    field: 'ingestedAtMs',
    kustoName: 'IngestedAt',
    kustoType: 'datetime',
    duckDbName: 'ingested_at',
    duckDbType: 'TIMESTAMPTZ',
  },
  {
    field: 'tenantId',
    kustoName: 'TenantId',
    kustoType: 'string',
    duckDbName: 'tenant_id',
    duckDbType: 'VARCHAR',
  },
  {
    field: 'apiKeyId',
    kustoName: 'ApiKeyId',
    kustoType: 'string',
    duckDbName: 'api_key_id',
    duckDbType: 'VARCHAR',
  },
  {
    field: 'product',
    kustoName: 'Product',
    kustoType: 'string',
    duckDbName: 'product',
    duckDbType: 'VARCHAR',
  },
  {
    field: 'endpoint',
    kustoName: 'Endpoint',
    kustoType: 'string',
    duckDbName: 'endpoint',
    duckDbType: 'VARCHAR',
  },
  {
    field: 'method',
    kustoName: 'Method',
    kustoType: 'string',
    duckDbName: 'method',
    duckDbType: 'VARCHAR',
  },
  {
    field: 'statusCode',
    kustoName: 'StatusCode',
    kustoType: 'int',
    duckDbName: 'status_code',
    duckDbType: 'INTEGER',
  },
  {
    field: 'durationMs',
    kustoName: 'DurationMs',
    kustoType: 'real',
    duckDbName: 'duration_ms',
    duckDbType: 'DOUBLE',
  },
  {
    field: 'requestBytes',
    kustoName: 'RequestBytes',
    kustoType: 'long',
    duckDbName: 'request_bytes',
    duckDbType: 'BIGINT',
  },
  {
    field: 'responseBytes',
    kustoName: 'ResponseBytes',
    kustoType: 'long',
    duckDbName: 'response_bytes',
    duckDbType: 'BIGINT',
  },
  {
    field: 'transactions',
    kustoName: 'Transactions',
    kustoType: 'int',
    duckDbName: 'transactions',
    duckDbType: 'INTEGER',
  },
  {
    field: 'region',
    kustoName: 'Region',
    kustoType: 'string',
    duckDbName: 'region',
    duckDbType: 'VARCHAR',
  },
  {
    field: 'params',
    kustoName: 'Params',
    kustoType: 'dynamic',
    duckDbName: 'params',
    duckDbType: 'MAP(VARCHAR, VARCHAR)',
  },
];

/** Dimensions a report can group or filter by, mapped to their event fields. */
export const DIMENSION_FIELDS = {
  product: 'product',
  endpoint: 'endpoint',
  apiKey: 'apiKeyId',
} as const satisfies Record<string, keyof UsageEvent>;

export type Dimension = keyof typeof DIMENSION_FIELDS;
export const DIMENSIONS = Object.keys(DIMENSION_FIELDS) as Dimension[];

export function columnOf(field: keyof UsageEvent): EventColumn {
  const column = EVENT_COLUMNS.find((candidate) => candidate.field === field);
  if (!column) {
    throw new Error(`No column is defined for event field ${field}`);
  }
  return column;
}
