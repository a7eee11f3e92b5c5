export * from './volume.types';
export * from './volume.repository';
export * from './duckdb-volume.repository';
export * from './get-volume-report.use-case';
export * from './volume.module';
export * from './kusto-volume.repository';
