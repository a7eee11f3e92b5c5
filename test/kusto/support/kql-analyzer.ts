import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  EVENTS_TABLE_NAME,
  eventsTableSchema,
  QUOTA_RECORD_TABLES,
  recordTableSchema,
  ROLLUP_VIEW_SCHEMA,
  ROLLUP_VIEWS,
  rollupViewQuery,
} from '@analytics/store';

export interface KqlDiagnostic {
  severity: string;
  code: string;
  message: string;
  /** The text around the problem, for a readable failure. */
  near: string;
}

export interface KqlAnalysis {
  text: string;
  /** `Query` or `Command`, as the parser read the text. */
  kind: string;
  diagnostics: KqlDiagnostic[];
  errors: KqlDiagnostic[];
}

const WORKER = join(process.cwd(), 'test/kusto/support/kql-analyzer.worker.mjs');

/**
 * Analyzes KQL texts with @kusto/language-service-next against the database schema defined in
 * code: the events table from EVENT_COLUMNS, the quota tables from QUOTA_RECORD_TABLES and the
 * rollup views. The analysis runs in a child
 * Node process (see the worker for why) and takes one batch of texts per call.
 */
export function analyzeKql(texts: string[]): KqlAnalysis[] {
  const database = {
    tables: [
      [EVENTS_TABLE_NAME, eventsTableSchema()],
      ...QUOTA_RECORD_TABLES.map((table) => [table.kustoName, recordTableSchema(table)]),
    ],
    views: ROLLUP_VIEWS.map((view) => [view.name, ROLLUP_VIEW_SCHEMA, rollupViewQuery(view)]),
  };

  const result = spawnSync(process.execPath, [WORKER], {
    input: JSON.stringify({ database, texts }),
    cwd: process.cwd(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`The KQL analyzer failed with status ${result.status}: ${result.stderr}`);
  }

  const outputs = JSON.parse(result.stdout) as { kind: string; diagnostics: KqlDiagnostic[] }[];
  return outputs.map((output, index) => ({
    text: texts[index],
    kind: output.kind,
    diagnostics: output.diagnostics,
    errors: output.diagnostics.filter((diagnostic) => diagnostic.severity === 'Error'),
  }));
}
