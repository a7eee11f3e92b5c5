export * from './parameters.repository';
export * from './duckdb-parameters.repository';
export * from './parameters.module';
