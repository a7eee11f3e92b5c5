export * from './errors.types';
export * from './error-rates';
export * from './errors.repository';
export * from './duckdb-errors.repository';
export * from './get-errors-report.use-case';
export * from './errors.module';
export * from './kusto-errors.repository';
