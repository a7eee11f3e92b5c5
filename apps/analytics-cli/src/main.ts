import { Logger } from '@nestjs/common';
import { KustoSettingsError, StoreOpenError } from '@analytics/store';
import { UsageError } from './cli-arguments';
import { importCommand } from './commands/import.command';
import { kustoSchemaCommand } from './commands/kusto-schema.command';
import { seedCommand } from './commands/seed.command';
import { tokenCommand } from './commands/token.command';

import { Command, CommandError } from './command';

const COMMANDS: Record<string, Command> = {
  token: tokenCommand,
  seed: seedCommand,
  import: importCommand,
  'kusto-schema': kustoSchemaCommand,
};

/**
 * Sends Nest's log lines (the Kusto runner's retries, for example) to stderr, so that stdout
 * carries only a command's output. Debug and verbose lines are dropped.
 */
function logToStderr(): void {
  const write =
    (level: string) =>
    (message: unknown): void => {
      process.stderr.write(`${level} ${String(message)}\n`);
    };
  Logger.overrideLogger({
    log: write('info'),
    warn: write('warn'),
    error: write('error'),
    debug: () => undefined,
    verbose: () => undefined,
  });
}

async function main(argv: string[]): Promise<number> {
  logToStderr();
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`Usage: analytics-cli <${Object.keys(COMMANDS).join('|')}> [options]\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }

  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.help}\n`);
      return 2;
    }
    if (
      error instanceof StoreOpenError ||
      error instanceof KustoSettingsError ||
      error instanceof CommandError
    ) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
