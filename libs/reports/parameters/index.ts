export * from './parameters.types';
export * from './parameters-query';
export * from './secret-parameter.policy';
export * from './parameters.repository';
export * from './duckdb-parameters.repository';
export * from './get-parameter-usage.use-case';
export * from './get-parameter-values.use-case';
export * from './parameters.module';
