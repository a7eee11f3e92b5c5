import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cancelQueryCommand, clientRequestIdOf, parseKustoScript } from '@analytics/store';
import { analyzeKql } from './support/kql-analyzer';
import { collectParameterQueries } from './support/parameter-query-space';
import { collectQuotaQueries } from './support/quota-query-space';
import { collectReportQueries, SAMPLE_VALUES } from './support/report-query-space';

const KUSTO_DIR = join(process.cwd(), 'kusto');

/** Returns the table or view a report query reads: the first name after the declaration and `let Selected =`. */
function sourceOf(text: string): string {
  const body = text
    .replace(/^declare query_parameters\([^)]*\);\n/, '')
    .replace(/^let Selected = /, '');
  return body.split('\n')[0];
}

describe('KQL parser check', () => {
  it('analyzer reports unknown names', () => {
    const [unknownColumn, undeclaredParameter] = analyzeKql([
      'Events | where Nope == 1',
      'Events | where TenantId == p_tenant',
    ]);

    expect(unknownColumn.errors.map((error) => error.code)).toEqual(['KS142']);
    expect(undeclaredParameter.errors.map((error) => error.code)).toEqual(['KS142']);
  });

  it('every report query has no errors', async () => {
    const texts = [
      ...new Set((await collectReportQueries(SAMPLE_VALUES)).map((query) => query.text)),
    ];
    const analyses = analyzeKql(texts);
    const failures = analyses
      .filter((analysis) => analysis.errors.length > 0)
      .map(({ text, errors }) => ({ text, errors }));

    expect(texts.length).toBeGreaterThan(300);
    // The query space reaches the events table and both rollup views.
    expect(new Set(texts.map(sourceOf))).toEqual(
      new Set(['Events', 'EventsHourly', 'EventsDaily']),
    );
    expect(analyses.every((analysis) => analysis.kind === 'Query')).toBe(true);
    expect(failures).toEqual([]);
  });

  it('every parameters query has no errors', async () => {
    const texts = [
      ...new Set((await collectParameterQueries(SAMPLE_VALUES)).map((query) => query.text)),
    ];
    const analyses = analyzeKql(texts);
    const failures = analyses
      .filter((analysis) => analysis.errors.length > 0)
      .map(({ text, errors }) => ({ text, errors }));

    expect(texts).toHaveLength(6);
    expect(analyses.every((analysis) => analysis.kind === 'Query')).toBe(true);
    expect(failures).toEqual([]);
  });

  it('every quota query and append has no errors', async () => {
    const texts = [
      ...new Set((await collectQuotaQueries(SAMPLE_VALUES)).map((query) => query.text)),
    ];
    const analyses = analyzeKql(texts);
    const failures = analyses
      .filter((analysis) => analysis.errors.length > 0)
      .map(({ text, errors }) => ({ text, errors }));
    const appends = analyses.filter((analysis) => analysis.text.startsWith('.set-or-append '));

    expect(texts).toHaveLength(15);
    expect(appends.map((analysis) => [analysis.text.split(' ')[1], analysis.kind])).toEqual([
      ['QuotaPlanAssignments', 'Command'],
      ['QuotaLimitOverrides', 'Command'],
      ['QuotaIdempotencyKeys', 'Command'],
      ['QuotaCreditGrants', 'Command'],
    ]);
    expect(failures).toEqual([]);
  });

  it('every schema script command has no errors', () => {
    const files = readdirSync(KUSTO_DIR)
      .filter((file) => file.endsWith('.kql'))
      .sort();
    const commands = files.flatMap((file) =>
      parseKustoScript(readFileSync(join(KUSTO_DIR, file), 'utf8')),
    );
    const analyses = analyzeKql(commands);
    const failures = analyses
      .filter((analysis) => analysis.errors.length > 0)
      .map(({ text, errors }) => ({ text, errors }));

    expect(files).toEqual(['events-table.kql', 'quota-tables.kql', 'rollup-views.kql']);
    expect(commands).toHaveLength(14);
    expect(analyses.every((analysis) => analysis.kind === 'Command')).toBe(true);
    expect(failures).toEqual([]);
  });

  it('the cancel command has no errors', () => {
    const [analysis] = analyzeKql([cancelQueryCommand(`${clientRequestIdOf('req-1')};1`)]);

    expect(analysis.kind).toBe('Command');
    expect(analysis.errors).toEqual([]);
  });
});
