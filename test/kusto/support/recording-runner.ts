import { KqlParameters, KustoQueryRunner, KustoRow } from '@analytics/store';

/** A query as an adapter built it: the KQL text with its declaration, and the parameter values. */
export interface RecordedQuery {
  text: string;
  parameters: Record<string, string | number>;
}

/**
 * A runner that records the queries and commands adapters build and returns no rows, so every KQL text an
 * adapter can produce can be collected without a cluster.
 */
export class RecordingRunner extends KustoQueryRunner {
  readonly queries: RecordedQuery[] = [];

  constructor() {
    const unreachable = () => Promise.reject(new Error('The recording runner sends no requests'));
    super(
      { executeQuery: unreachable, executeMgmt: unreachable },
      { database: 'usage', serverTimeoutMs: 1000, truncationMaxRecords: 1000 },
    );
  }

  override query(text: string, parameters: KqlParameters): Promise<KustoRow[]> {
    this.queries.push({
      text: `${parameters.declaration()}${text}`,
      parameters: { ...parameters.values },
    });
    return Promise.resolve([]);
  }

  /** Records a management command as a query without parameters, because commands take none. */
  override command(text: string): Promise<KustoRow[]> {
    this.queries.push({ text, parameters: {} });
    return Promise.resolve([]);
  }
}
