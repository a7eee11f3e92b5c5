import { TenantScope } from '@analytics/common';
import { KustoParametersRepository, ParameterSelection } from '@analytics/reports/parameters';
import { RecordingRunner } from './recording-runner';
import { QueryValues } from './report-query-space';

const FROM = Date.parse('2026-03-01T00:00:00Z');
const TO = Date.parse('2026-04-01T00:00:00Z');

/**
 * Runs every operation of the parameters adapter with and without the product and API key
 * filters, and returns the queries it built, in order. The parameter name is the first endpoint
 * value, so the generated strings reach the name parameter too.
 */
export async function collectParameterQueries(
  values: QueryValues,
): Promise<RecordingRunner['queries']> {
  const runner = new RecordingRunner();
  const scope = TenantScope.of(values.tenantId);
  const parameters = new KustoParametersRepository(runner);
  const name = values.endpoint[0];

  for (const filters of [{}, { product: values.product, apiKey: values.apiKey }]) {
    const selection: ParameterSelection = {
      fromMs: FROM,
      toMs: TO,
      endpoint: values.endpoint[0],
      filters,
    };

    await parameters.usage(scope, { selection, top: values.limit }).catch(ignoreEmptyResult);
    await parameters.values(scope, { selection, name, top: values.limit }).catch(ignoreEmptyResult);
    await parameters.calls(scope, { selection, name }).catch(ignoreEmptyResult);
  }
  return runner.queries;
}

/** The recording runner returns no rows, which the adapter rejects after the query was recorded. */
function ignoreEmptyResult(error: unknown): void {
  if (!(error instanceof Error && error.message.includes('must return one row'))) {
    throw error;
  }
}
