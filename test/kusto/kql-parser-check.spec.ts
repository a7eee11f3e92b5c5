import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKustoScript } from '@analytics/store';
import { KqlAnalyzer } from './support/kql-analyzer';
import { collectReportQueries, SAMPLE_VALUES } from './support/report-query-space';

const KUSTO_DIR = join(process.cwd(), 'kusto');

let analyzer: KqlAnalyzer;

beforeAll(async () => {
  analyzer = await KqlAnalyzer.load();
});

describe('KQL parser check', () => {
  it('analyzer reports an unknown column', () => {
    const errors = analyzer.errors('Events | where Nope == 1');

    expect(errors.map((error) => error.code)).toEqual(['KS142']);
  });

  it('analyzer reports an undeclared parameter', () => {
    const errors = analyzer.errors('Events | where TenantId == p_tenant');

    expect(errors.map((error) => error.code)).toEqual(['KS142']);
  });

  it('every report query has no errors', async () => {
    const texts = [...new Set((await collectReportQueries(SAMPLE_VALUES)).map((query) => query.text))];
    const failures = texts.map((text) => ({ text, errors: analyzer.errors(text) })).filter((result) => result.errors.length > 0);

    expect(texts.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('every schema script command has no errors', () => {
    const files = readdirSync(KUSTO_DIR).filter((file) => file.endsWith('.kql'));
    const commands = files.flatMap((file) => parseKustoScript(readFileSync(join(KUSTO_DIR, file), 'utf8')).map((text) => ({ file, text })));
    const failures = commands.map((command) => ({ ...command, errors: analyzer.errors(command.text) })).filter((result) => result.errors.length > 0);

    expect(files.sort()).toEqual(['events-table.kql', 'rollup-views.kql']);
    expect(commands.every((command) => analyzer.isCommand(command.text))).toBe(true);
    expect(failures).toEqual([]);
  });
});
