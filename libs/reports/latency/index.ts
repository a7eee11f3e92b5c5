export * from './latency.repository';
export * from './duckdb-latency.repository';
export * from './latency.module';
