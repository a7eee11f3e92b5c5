export * from './errors.repository';
export * from './duckdb-errors.repository';
export * from './errors.module';
