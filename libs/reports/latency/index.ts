export * from './percentile-list';
export * from './latency.types';
export * from './latency.repository';
export * from './duckdb-latency.repository';
export * from './get-latency-report.use-case';
export * from './latency.module';
export * from './kusto-latency.repository';
