import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_COLUMNS } from '../event-schema';
import {
  EVENTS_TABLE_NAME,
  kustoScripts,
  parseKustoScript,
  renderKustoScript,
} from './kusto-schema';

const KUSTO_DIR = join(process.cwd(), 'kusto');

function commandStartingWith(prefix: string): string {
  const command = kustoScripts()
    .flatMap((script) => script.commands)
    .find((text) => text.startsWith(prefix));
  if (!command) {
    throw new Error(`No command starts with ${prefix}`);
  }
  return command;
}

describe('Kusto schema scripts', () => {
  it.each(kustoScripts().map((script) => [script.file, script] as const))(
    '%s matches the schema in code',
    (_file, script) => {
      const text = readFileSync(join(KUSTO_DIR, script.file), 'utf8');

      // On a mismatch, regenerate the files with the CLI: kusto-schema --write kusto
      expect(text).toBe(renderKustoScript(script));
      expect(parseKustoScript(text)).toEqual(script.commands);
    },
  );

  it('events table lists EVENT_COLUMNS in order', () => {
    const command = commandStartingWith(`.create-merge table ${EVENTS_TABLE_NAME} `);
    const columns = /\((.*)\)$/
      .exec(command)?.[1]
      .split(', ')
      .map((column) => column.split(':'));

    expect(columns).toEqual(EVENT_COLUMNS.map((column) => [column.kustoName, column.kustoType]));
  });

  it('ingestion mapping reads the canonical record fields', () => {
    const command = commandStartingWith(
      `.create-or-alter table ${EVENTS_TABLE_NAME} ingestion json mapping`,
    );
    const mapping = JSON.parse(/```(.*)```/.exec(command)?.[1] ?? 'null') as {
      column: string;
      path: string;
    }[];

    expect(mapping.map((entry) => [entry.column, entry.path])).toEqual([
      ['Timestamp', '$.timestamp'],
      ['IngestedAt', '$.ingestedAt'],
      ['TenantId', '$.tenantId'],
      ['ApiKeyId', '$.apiKeyId'],
      ['Product', '$.product'],
      ['Endpoint', '$.endpoint'],
      ['Method', '$.method'],
      ['StatusCode', '$.statusCode'],
      ['DurationMs', '$.durationMs'],
      ['RequestBytes', '$.requestBytes'],
      ['ResponseBytes', '$.responseBytes'],
      ['Transactions', '$.transactions'],
      ['Region', '$.region'],
      ['Params', '$.params'],
    ]);
  });

  it('partitioning policy hashes TenantId', () => {
    const command = commandStartingWith(`.alter table ${EVENTS_TABLE_NAME} policy partitioning`);
    const policy = JSON.parse(/```(.*)```/.exec(command)?.[1] ?? 'null') as {
      PartitionKeys: { ColumnName: string; Kind: string }[];
    };

    expect(policy.PartitionKeys.map((key) => [key.ColumnName, key.Kind])).toEqual([
      ['TenantId', 'Hash'],
    ]);
  });
});
