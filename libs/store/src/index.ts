export * from './event-schema';
export * from './duckdb/duckdb-schema';
export * from './duckdb/duckdb-store';
export * from './duckdb/event-writer';
export * from './store-paths';
export * from './duckdb/sql-parameters';
export * from './duckdb/event-selection-sql';
export * from './duckdb/grouped-series-sql';
