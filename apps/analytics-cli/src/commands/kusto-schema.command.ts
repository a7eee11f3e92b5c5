import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createKustoClient,
  KustoQueryRunner,
  kustoScripts,
  loadKustoSettings,
  renderKustoScript,
} from '@analytics/store';
import { parseCommandArguments, UsageError } from '../cli-arguments';
import { Command, CommandError } from '../command';

const HELP = `Usage: kusto-schema [--apply | --write DIR]

Prints the Azure Data Explorer schema scripts (events table, policies, ingestion mapping,
quota record tables, hourly and daily rollup views), generated from the schema defined in code.
  --apply      runs every command, in order, on the cluster that KUSTO_CLUSTER_URL, KUSTO_DATABASE
               and KUSTO_AUTH configure; the commands create or merge, so a second run changes nothing
  --write DIR  writes the scripts as .kql files into DIR (the repository keeps them in kusto/)`;

export const kustoSchemaCommand: Command = {
  help: HELP,
  async run(args) {
    const { values } = parseCommandArguments(args, {
      apply: { type: 'boolean' },
      write: { type: 'string' },
    });
    if (values.apply && values.write !== undefined) {
      throw new UsageError('--apply and --write cannot be combined');
    }

    const scripts = kustoScripts();
    if (typeof values.write === 'string') {
      mkdirSync(values.write, { recursive: true });
      for (const script of scripts) {
        writeFileSync(join(values.write, script.file), renderKustoScript(script));
        process.stdout.write(`wrote ${join(values.write, script.file)}\n`);
      }
      return 0;
    }

    if (!values.apply) {
      process.stdout.write(
        scripts.map((script) => `// ${script.file}\n${renderKustoScript(script)}`).join('\n'),
      );
      return 0;
    }

    const settings = loadKustoSettings(process.env);
    const client = createKustoClient(settings);
    const runner = new KustoQueryRunner(client, settings);
    try {
      for (const script of scripts) {
        for (const [index, command] of script.commands.entries()) {
          const summary = summaryOf(command);
          try {
            await runner.command(command, { idempotent: true });
          } catch (error) {
            throw applyFailure(`${script.file}, command ${index + 1} (${summary})`, error);
          }
          process.stdout.write(`applied ${script.file}: ${summary}\n`);
        }
      }
    } finally {
      client.close();
    }
    return 0;
  },
};

/** Returns the first line of a command, cut at a word boundary after at most 100 characters. */
function summaryOf(command: string): string {
  const line = command.split('\n')[0];
  if (line.length <= 100) {
    return line;
  }
  const cut = line.slice(0, 100);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))} …`;
}

/**
 * Explains a failed command with Kusto's reason, which the runner keeps as the error's cause. The
 * commands only create or merge, so running --apply again is safe.
 */
function applyFailure(where: string, error: unknown): CommandError {
  const reason =
    error instanceof Error
      ? (error.cause instanceof Error ? error.cause : error).message
      : String(error);
  return new CommandError(
    `Applying ${where} failed: ${reason}. An unreachable cluster or a 401/403 points to ` +
      'KUSTO_CLUSTER_URL or the identity, which needs the database Admin role; a 400 means the ' +
      'cluster rejected the command. Commands already applied are safe to repeat with --apply.',
  );
}
